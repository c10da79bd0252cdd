// history_audit: the base branch's first-parent history, oldest first; every commit that
// changed a migration after it was first added.
#include "core/error.hpp"
#include "linter/history/base.hpp"
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"
#include "linter/history/lines.hpp"
#include "linter/history/rules.hpp"
#include "linter/history/tree.hpp"

#include <ctime>
#include <unordered_map>

namespace fs = std::filesystem;

namespace history {
namespace {

std::string iso_date(const git_time& when) {
    std::time_t local = static_cast<std::time_t>(when.time + std::int64_t{when.offset} * 60);
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
    int offset = when.offset < 0 ? -when.offset : when.offset;
    char zone[16];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", when.offset < 0 ? '-' : '+', offset / 60 % 100, offset % 60);
    return std::string(buffer) + zone;
}

CommitInfo commit_info(git_commit* commit) {
    const git_signature* author = git_commit_author(commit);
    const char* summary = git_commit_summary(commit);
    const git_oid* id = git_commit_id(commit);
    return {git::hex(*id),     git::short_hex(*id),    std::string(author->name) + " <" + author->email + ">",
            author->when.time, iso_date(author->when), summary != nullptr ? summary : ""};
}

// A migration's state in one version of the directory: the SQL blob, when there is one.
struct Slot {
    std::string id;
    std::optional<git_oid> oid;
};

class Auditor {
public:
    Auditor(git_repository* repo, std::string dir, core::Naming naming, const Severities& severities,
            AuditResult& result)
            : m_repo(repo),
              m_dir(std::move(dir)),
              m_naming(std::move(naming)),
              m_folder_file(m_naming.folder_file),
              m_severities(severities),
              m_result(result),
              m_workdir(git::workdir(repo)) {}

    void walk(const git_oid& tip) {
        for (const git_oid& id : first_parents(tip)) {
            git_commit* raw = nullptr;
            git::check(git_commit_lookup(&raw, m_repo, &id), "cannot read commit " + git::hex(id));
            git::Commit commit(raw);
            ++m_result.commits;
            visit(commit.get());
        }
    }

private:
    std::vector<git_oid> first_parents(const git_oid& tip) {
        git_revwalk* raw = nullptr;
        git::check(git_revwalk_new(&raw, m_repo), "cannot walk the history");
        git::Revwalk walk(raw);
        git::check(git_revwalk_push(walk.get(), &tip), "cannot walk the history from " + git::hex(tip));
        git::check(git_revwalk_simplify_first_parent(walk.get()), "cannot walk the history");
        std::vector<git_oid> out;
        git_oid id;
        int rc = 0;
        while ((rc = git_revwalk_next(&id, walk.get())) == 0) { out.push_back(id); }
        if (rc != GIT_ITEROVER) { git::check(rc, "cannot walk the history"); }
        return {out.rbegin(), out.rend()};
    }

    void visit(git_commit* commit) {
        git::Tree dir_tree = directory(commit);
        const git_oid* dir_id = dir_tree ? git_tree_id(dir_tree.get()) : nullptr;
        const git_oid* prev_id = m_prev ? git_tree_id(m_prev.get()) : nullptr;
        if (dir_id == prev_id || (dir_id != nullptr && prev_id != nullptr && git_oid_equal(dir_id, prev_id))) {
            return;
        }
        m_commit = commit;
        m_info.reset();
        std::vector<Slot> removed;
        std::vector<Slot> added;
        diff(m_prev.get(), dir_tree.get(), removed, added);
        for (const Slot& slot : removed) { on_removed(slot, dir_tree.get(), added); }
        for (const Slot& slot : added) { on_added(slot); }
        m_prev = std::move(dir_tree);
    }

    git::Tree directory(git_commit* commit) {
        git_tree* raw = nullptr;
        git::check(git_commit_tree(&raw, commit), "cannot read the tree of commit " + git::hex(*git_commit_id(commit)));
        git::Tree root(raw);
        return m_dir.empty() ? std::move(root) : git::subtree(m_repo, root.get(), m_dir);
    }

    // The SQL blob a directory entry stands for, if it is a migration.
    std::optional<git_oid> migration_blob(const git_tree_entry* entry) {
        std::string_view name = git_tree_entry_name(entry);
        bool tree = git_tree_entry_type(entry) == GIT_OBJECT_TREE;
        if (m_folder_file.empty()) {
            if (tree || !core::is_flat_migration(name, m_naming)) { return std::nullopt; }
            return *git_tree_entry_id(entry);
        }
        if (!tree) { return std::nullopt; }
        git_tree* raw = nullptr;
        git::check(git_tree_lookup(&raw, m_repo, git_tree_entry_id(entry)),
                   "cannot read the tree of " + std::string(name));
        git::Tree folder(raw);
        const git_tree_entry* inner = git_tree_entry_byname(folder.get(), m_folder_file.c_str());
        if (inner == nullptr || git_tree_entry_type(inner) != GIT_OBJECT_BLOB) { return std::nullopt; }
        return *git_tree_entry_id(inner);
    }

    // Merge-join of two versions of the directory (tree order): changed migrations are
    // recorded, removals and additions collected.
    void diff(const git_tree* before, const git_tree* after, std::vector<Slot>& removed, std::vector<Slot>& added) {
        std::size_t i = 0;
        std::size_t j = 0;
        std::size_t n = before != nullptr ? git_tree_entrycount(before) : 0;
        std::size_t m = after != nullptr ? git_tree_entrycount(after) : 0;
        while (i < n || j < m) {
            const git_tree_entry* a = i < n ? git_tree_entry_byindex(before, i) : nullptr;
            const git_tree_entry* b = j < m ? git_tree_entry_byindex(after, j) : nullptr;
            int order = a == nullptr ? 1 : b == nullptr ? -1 : git_tree_entry_cmp(a, b);
            if (order == 0) {
                ++i;
                ++j;
                if (git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))) { continue; }
                std::optional<git_oid> old_blob = migration_blob(a);
                std::optional<git_oid> new_blob = migration_blob(b);
                std::string id = git_tree_entry_name(b);
                if (old_blob && new_blob) {
                    if (!git_oid_equal(&*old_blob, &*new_blob)) { on_modified(id, *old_blob, *new_blob); }
                } else if (old_blob) {
                    removed.push_back({id, old_blob});
                } else if (new_blob) {
                    added.push_back({id, new_blob});
                }
            } else if (order < 0) {
                ++i;
                if (std::optional<git_oid> blob = migration_blob(a)) {
                    removed.push_back({git_tree_entry_name(a), blob});
                }
            } else {
                ++j;
                if (std::optional<git_oid> blob = migration_blob(b)) {
                    added.push_back({git_tree_entry_name(b), blob});
                }
            }
        }
    }

    std::string rel_of(const std::string& id) const { return m_folder_file.empty() ? id : id + "/" + m_folder_file; }
    std::string repo_path(const std::string& id) const { return join(m_dir, rel_of(id)); }

    const CommitInfo& info() {
        if (!m_info) { m_info = commit_info(m_commit); }
        return *m_info;
    }

    AuditEntry& entry(const std::string& id) { return m_result.migrations[m_known.at(id).entry]; }

    std::string when() {
        const CommitInfo& c = info();
        return c.short_id + " (" + c.date.substr(0, 10) + ", " + c.author.substr(0, c.author.find(" <")) + ": " +
               c.summary + ")";
    }

    void on_modified(const std::string& id, const git_oid& old_blob, const git_oid& new_blob) {
        if (m_known.find(id) == m_known.end()) {  // became a migration (e.g. a folder got its migration.sql)
            on_added({id, new_blob});
            return;
        }
        m_known[id].oid = new_blob;
        ChangedLine at = first_changed_line(git::blob_text(m_repo, old_blob), git::blob_text(m_repo, new_blob));
        AuditEntry& e = entry(id);
        e.changes.push_back({"modified", info(), at.line, {}});
        add_finding(m_result.report, m_severities, core::rule_id::immutable_migration, e.file, 1, 1,
                    "changed in " + when() + " after it was added in " + e.added.short_id + " (first change at line " +
                        std::to_string(at.line) + ")",
                    "make sure every database that ran the earlier version got this change another way, and put "
                    "changes in new migrations");
    }

    void on_removed(const Slot& slot, const git_tree* after, std::vector<Slot>& added) {
        auto known = m_known.find(slot.id);
        if (known == m_known.end()) { return; }
        known->second.present = false;
        AuditEntry& e = entry(slot.id);
        std::string retired = rel_of(slot.id) + ".retired";
        git_tree_entry* raw = nullptr;
        if (after != nullptr && git_tree_entry_bypath(&raw, after, retired.c_str()) == 0) {
            git_tree_entry_free(raw);
            e.changes.push_back({"retired", info(), 0, join(m_dir, retired)});
            add_finding(m_result.report, m_severities, core::rule_id::retired_migration, e.file, 1, 1,
                        "retired in " + when() + ": that is safe only if no database had applied it",
                        "check every environment's history table for " + slot.id);
            return;
        }
        for (Slot& target : added) {
            if (!target.oid || !git_oid_equal(&*target.oid, &*slot.oid)) { continue; }
            e.changes.push_back({"renamed", info(), 0, repo_path(target.id)});
            add_finding(m_result.report, m_severities, core::rule_id::deleted_migration, e.file, 1, 1,
                        "renamed to " + display(repo_path(target.id)) + " in " + when() + " after it was added in " +
                            e.added.short_id,
                        "rename it back to " + slot.id + ": databases that applied it record it under that name");
            return;
        }
        e.changes.push_back({"deleted", info(), 0, {}});
        add_finding(m_result.report, m_severities, core::rule_id::deleted_migration, e.file, 1, 1,
                    "deleted in " + when() + " after it was added in " + e.added.short_id,
                    "restore it; to undo what it did, write a new migration");
    }

    void on_added(const Slot& slot) {
        auto known = m_known.find(slot.id);
        if (known == m_known.end()) {
            m_known.emplace(slot.id, Known{m_result.migrations.size(), *slot.oid, true});
            std::string path = repo_path(slot.id);
            m_result.migrations.push_back({display(path), path, info(), {}});
            return;
        }
        git_oid before = known->second.oid;
        known->second.present = true;
        if (git_oid_equal(&before, &*slot.oid)) {
            entry(slot.id).changes.push_back({"restored", info(), 0, {}});
            return;
        }
        on_modified(slot.id, before, *slot.oid);
    }

    std::string display(const std::string& path) const { return core::display_path(m_workdir / path); }

    struct Known {
        std::size_t entry = 0;
        git_oid oid{};
        bool present = true;
    };

    git_repository* m_repo;
    std::string m_dir;
    core::Naming m_naming;
    std::string m_folder_file;
    const Severities& m_severities;
    AuditResult& m_result;
    fs::path m_workdir;
    git::Tree m_prev;
    git_commit* m_commit = nullptr;
    std::optional<CommitInfo> m_info;
    std::unordered_map<std::string, Known> m_known;
};

}  // namespace

AuditResult history_audit(const fs::path& dir, const AuditOptions& options) {
    AuditResult result;
    Severities severities(options.rules);
    std::optional<git::Repository> repo = git::open(dir);
    if (!repo || git_repository_is_bare(repo->get()) == 1) {
        result.git = false;
        result.note = "not in a git work tree: there is no history to audit";
        return result;
    }
    if (git_repository_is_shallow(repo->get()) == 1) {
        throw core::Error(
            "the history audit needs the whole history and this is a shallow clone: run `git fetch --unshallow` "
            "(GitHub Actions: `fetch-depth: 0` on actions/checkout)");
    }
    Base branch = resolve_branch(repo->get(), options.base);
    if (!branch.found) {
        result.note = branch.note;
        return result;
    }
    result.base_ref = branch.ref;
    result.base_commit = git::hex(branch.commit);
    std::string prefix = git::relative(repo->get(), dir).value_or("");
    std::string preset = options.naming;
    if (preset.empty()) {
        git::Tree tip = git::commit_tree(repo->get(), branch.commit);
        git::Tree dir_tree = git::subtree(repo->get(), tip.get(), prefix);
        preset = dir_tree ? core::detect_preset(preset_entries(repo->get(), dir_tree.get())) : "default";
    }
    Auditor(repo->get(), prefix, core::make_naming(preset), severities, result).walk(branch.commit);
    finish(result.report, severities, result.migrations.size());
    return result;
}

}  // namespace history
