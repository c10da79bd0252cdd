#pragma once
// Immutability from git history (libgit2, no `git` subprocess): the migrations on a base
// ref count as applied; a change to one of them is a finding. Rules:
//   immutable-migration  (error)   a base-ref migration whose bytes changed
//   deleted-migration    (error)   a base-ref migration deleted, or renamed ("renamed to X")
//   out-of-order         (error)   a new migration whose version sorts at or before the
//                                  newest one on the base ref
//   retired-migration    (warning) a base-ref migration renamed to *.sql.retired
// Migrations are matched by their path relative to the repository root.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"
#include "linter/history/lines.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace history {

struct HistoryOptions {
    /// Ref whose migrations count as applied (--base / immutable_after). Empty: the
    /// merge-base of HEAD with origin/HEAD, else origin/main, origin/master, main, master.
    std::string base;
    /// Compare the git index (what the next commit records) instead of the working tree.
    /// Pass the set staged_set() built, so that what is linted is what is committed.
    bool staged = false;
    /// Rule id -> configured severity ("error" | "warning" | "info" | "off"); other ids are ignored.
    std::map<std::string, core::RuleSetting> rules;
};

struct HistoryResult {
    core::Report report;      ///< findings of the four rules, sorted; no migration records
    std::string base_ref;     ///< e.g. "origin/main" or the --base text; empty when nothing counts as applied
    std::string base_commit;  ///< 40 hex digits of the commit compared against; empty likewise
    bool git = true;          ///< false when the migrations are not in a git work tree
    std::string note;         ///< one line for the CLI to print when checks were skipped; else empty
    /// Per migration of the set (same index): its bytes are those of the base ref, or of the
    /// merge-base with an explicit base when only the base ref changed it (with `staged`:
    /// those of HEAD, what the commit being made does not change). Empty when no base was
    /// found: then nothing counts as unchanged.
    std::vector<bool> unchanged;
    /// Migrations on the base ref that this change edits (file as reports show it): the
    /// lines of the current text that differ from the base's. Findings of other rules on
    /// such a file are about the change only where they touch these lines.
    std::map<std::string, std::vector<LineRange>> changed_lines;
};

/// Checks `set` against the base ref's migrations. Outside a git work tree (or in a bare
/// repository): no findings, git = false and a note. No commits and no base ref: no
/// findings and a note. Throws core::Error (exit 2) when --base names no ref, and in a
/// shallow clone whose base ref or merge-base is missing (the message says what to fetch).
HistoryResult check_history(const core::MigrationSet& set, const HistoryOptions& options);

/// Drops from `lint` (the linter's report) the findings on edited base-ref migrations
/// that touch none of the edited lines (HistoryResult::changed_lines), but for the
/// integrity rules duplicate-version and depends. The edit itself is immutable-migration.
void keep_findings_on_changed_lines(core::Report& lint, const HistoryResult& history);

/// The migration set of directory `dir` as the git index holds it (the pre-commit view):
/// layout and naming as core::discover() finds them, texts from the staged blobs, paths
/// where the files live in the work tree. Throws core::Error when `dir` is not in a git
/// work tree, an object is missing, or the order file is not staged. Without
/// `options.keep_text` texts are empty (read them with StagedReader), and blobs that
/// `options.index` knows are not read at all.
core::MigrationSet staged_set(const std::filesystem::path& dir, const core::DiscoverOptions& options);

/// What add_base_branch_migrations() found on the base branch only.
struct BaseBranchMigrations {
    std::string ref;             ///< e.g. "origin/main"; empty when no base branch was read
    std::size_t added = 0;       ///< migrations added to the set
    std::string newest;          ///< the id (file or folder name) of the newest of them by version
    std::string newest_version;  ///< its version
    std::string unread;          ///< why a default base could not be read (a shallow clone...); else empty
};

/// Adds to `set` (without text) the migrations that directory `set.root` holds at the tip
/// of the base branch (`ref`, else origin/HEAD, origin/main, origin/master, main, master:
/// resolve_branch) and `set` does not: what a new migration must be numbered after, so that
/// merging the branch does not duplicate a version. Adds nothing outside a git work tree or
/// when HEAD is the only candidate. With `ref_given` (the user named it), throws core::Error
/// when `ref` does not exist, the clone is shallow or an object is missing; without it, such
/// an error adds nothing and is returned in `unread`.
BaseBranchMigrations add_base_branch_migrations(core::MigrationSet& set, const std::string& ref, bool ref_given);

/// Reads the staged bytes of migrations that staged_set() left without text (the
/// linter's read_text). Opens the repository on first use; thread-safe. Empty when the
/// migration is not staged.
class StagedReader {
public:
    explicit StagedReader(std::filesystem::path dir);
    ~StagedReader();
    std::string read(const core::Migration& migration);

private:
    struct State;  // the repository and its index, once opened
    std::filesystem::path m_dir;
    std::mutex m_mutex;
    std::unique_ptr<State> m_state;
};

struct AuditOptions {
    std::string base;    ///< branch to audit; empty: origin/HEAD, origin/main, origin/master, main, master, else HEAD
    std::string naming;  ///< unused for flat layouts; "prisma" / "diesel" or empty (detected from the trees)
    std::map<std::string, core::RuleSetting> rules;  ///< as HistoryOptions::rules
};

/// A commit, as the audit lists it.
struct CommitInfo {
    std::string id;         ///< 40 hex digits
    std::string short_id;   ///< 7 hex digits
    std::string author;     ///< "Name <email>"
    std::int64_t time = 0;  ///< author time, seconds since the epoch
    std::string date;       ///< author time as ISO 8601 with its offset, e.g. "2024-03-01T12:00:00+01:00"
    std::string summary;    ///< first line of the message
};

/// One commit that changed a migration after it was first added.
struct AuditChange {
    std::string kind;  ///< "modified" | "deleted" | "renamed" | "retired" | "restored"
    CommitInfo commit;
    int line = 0;            ///< "modified": first changed line of the new version; else 0
    std::string renamed_to;  ///< "renamed" / "retired": the new repo-relative path
};

struct AuditEntry {
    std::string file;                  ///< as reports show it (relative to the current directory)
    std::string repo_path;             ///< relative to the repository root
    CommitInfo added;                  ///< the commit that first added it
    std::vector<AuditChange> changes;  ///< oldest first; empty for an untouched migration
};

struct AuditResult {
    core::Report report;  ///< one finding a change: immutable-migration / deleted-migration / retired-migration
    std::vector<AuditEntry> migrations;  ///< every migration the branch ever had, in order of first addition
    std::string base_ref;
    std::string base_commit;
    int commits = 0;  ///< first-parent commits walked
    bool git = true;
    std::string note;
};

/// The tampering audit: walks the base branch's first-parent history from its root and
/// lists, per migration of directory `dir`, every commit that changed it after it was
/// first added. Outside git: git = false and a note. Throws core::Error in a shallow
/// clone (the audit needs the whole history) and when `options.base` names no ref.
AuditResult history_audit(const std::filesystem::path& dir, const AuditOptions& options);

/// The commit (40 hex digits) HEAD of the repository holding `dir` points at; nullopt when
/// `dir` is in no repository, HEAD has no commit yet, or the repository cannot be opened.
/// Never throws.
std::optional<std::string> head_commit(const std::filesystem::path& dir);

/// True for the ids of the four history rules (for validating `rules:` in the config).
bool is_history_rule(std::string_view id);

}  // namespace history
