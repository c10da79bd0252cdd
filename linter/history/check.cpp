// check_history: the set's migrations against the base ref's (working tree or index).
#include "core/file.hpp"
#include "linter/history/base.hpp"
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"
#include "linter/history/lines.hpp"
#include "linter/history/rules.hpp"
#include "linter/history/tree.hpp"
#include "linter/lint.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>
#include <unordered_map>

namespace fs = std::filesystem;

namespace history {
namespace {

// A migration of the set, located in the repository.
struct Current {
    const core::Migration* migration = nullptr;
    std::string repo_path;
    git_oid oid{};
    bool on_base = false;
    const TreeMigration* base = nullptr;  // the base ref's migration at repo_path (on_base)
    bool renamed = false;                 // the new name of a base-ref migration
};

class Checker {
public:
    Checker(git_repository* repo, const core::MigrationSet& set, const HistoryOptions& options, const Base& base,
            const Severities& severities, HistoryResult& result)
            : m_repo(repo),
              m_set(set),
              m_options(options),
              m_base(base),
              m_severities(severities),
              m_report(result.report),
              m_unchanged(result.unchanged),
              m_changed_lines(result.changed_lines),
              m_workdir(git::workdir(repo)) {
        m_unchanged.assign(set.migrations.size(), false);
    }

    void run() {
        locate();
        load_base();
        std::unordered_map<std::string_view, Current*> by_path;  // into m_current
        for (Current& current : m_current) { by_path.emplace(current.repo_path, &current); }
        std::vector<const TreeMigration*> missing;
        for (const TreeMigration& applied : m_applied) {
            auto found = by_path.find(applied.repo_path);
            if (found == by_path.end()) {
                missing.push_back(&applied);
                continue;
            }
            found->second->on_base = true;
            found->second->base = &applied;
            check_modified(applied, *found->second);
        }
        for (const TreeMigration* applied : missing) { check_missing(*applied); }
        std::string newest = newest_version(by_path);
        for (const Current& current : m_current) { check_new(current, newest); }
        if (m_options.staged) { scope_to_head(); }
    }

private:
    // Repo-relative paths and blob ids of the set's migrations; the directories to list.
    void locate() {
        std::optional<std::string> root;
        if (!m_set.root.empty()) { root = git::relative(m_repo, m_set.root); }
        if (root) { m_whole_dir = *root; }
        for (const core::Migration& m : m_set.migrations) {
            std::optional<std::string> path = repo_path(m, root);
            if (!path) { continue; }  // outside this work tree: nothing to compare with
            m_current.push_back({&m, *path, current_oid(*path, m)});
            std::string_view dir = listed_dir(*path);
            if (!m_dirs.contains(dir)) { m_dirs.emplace(dir); }  // no string made for a known one
        }
        if (m_whole_dir) { m_dirs.insert(*m_whole_dir); }
    }

    // `m`'s path in the repository: `root` (the set's root, repo-relative) joined with its path
    // below the root, else as git::relative finds it. A plain path below the root is joined as
    // a string (std::filesystem's parsing was 6 M instructions a hook over 1,000 migrations).
    std::optional<std::string> repo_path(const core::Migration& m, const std::optional<std::string>& root) const {
        if (!root) { return git::relative(m_repo, m.path); }
        std::string_view path = m.path.native();
        std::string_view dir = m_set.root.native();
        while (dir.size() > 1 && dir.ends_with('/')) { dir.remove_suffix(1); }
        if (path.size() > dir.size() && path.starts_with(dir) && path[dir.size()] == '/') {
            if (std::optional<std::string_view> rel = core::plain_relative_path(path.substr(dir.size() + 1))) {
                return join(*root, std::string(*rel));
            }
        }
        fs::path rel = m.path.lexically_relative(m_set.root);
        if (!rel.empty() && *rel.begin() != "..") { return join(*root, rel.generic_string()); }
        return git::relative(m_repo, m.path);
    }

    // The directory part of a repo path ("" at the root), as std::filesystem::path::parent_path.
    static std::string_view parent(std::string_view path) {
        std::size_t slash = path.rfind('/');
        return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    }

    // Whether list_migrations() lists a migration at `repo_path` when its tree holds one.
    bool listable(std::string_view repo_path) const {
        std::string_view file = repo_path.substr(repo_path.rfind('/') + 1);  // npos + 1: from 0
        return m_set.naming.folder_file.empty() ? core::is_flat_migration(file, m_set.naming)
                                                : file == m_set.naming.folder_file;
    }

    // The directory listed for the migration at `repo_path`: its parent, its folder's parent
    // in folder layouts.
    std::string_view listed_dir(std::string_view repo_path) const {
        std::string_view dir = parent(repo_path);
        return m_set.naming.folder_file.empty() ? dir : parent(dir);
    }

    void load_base() {
        git::Tree tree = git::commit_tree(m_repo, m_base.commit);
        for (const std::string& dir : m_dirs) {
            std::optional<git_oid> dir_tree = git::subtree_id(tree.get(), dir);
            if (!dir_tree) { continue; }
            std::vector<TreeMigration> listed = list_migrations(m_repo, *dir_tree, dir, m_set.naming);
            m_base_dirs.push_back({dir, *dir_tree, m_applied.size(), m_applied.size() + listed.size()});
            std::move(listed.begin(), listed.end(), std::back_inserter(m_applied));
        }
    }

    // The base ref's listed directories that `tree` (another commit's) holds as the base ref does.
    std::set<std::string_view> unchanged_dirs(const git_tree* tree) const {
        std::set<std::string_view> out;
        for (const BaseDir& dir : m_base_dirs) {
            std::optional<git_oid> at = git::subtree_id(tree, dir.path);
            if (at && git_oid_equal(&*at, &dir.tree)) { out.insert(dir.path); }
        }
        return out;
    }

    git_oid current_oid(const std::string& path, const core::Migration& m) {
        if (m_options.staged) {
            if (const git_index_entry* entry = git_index_get_bypath(index(), path.c_str(), 0)) { return entry->id; }
        }
        if (m.text.empty() && !m.path.empty()) {  // discovered without its text: hash the file (no filters)
            git_oid oid{};
            if (git_odb_hashfile(&oid, m.path.c_str(), GIT_OBJECT_BLOB) == 0) { return oid; }
        }
        return git::hash_blob(m.text);
    }

    // The migration's bytes: its text, or (when discovery did not keep it) the staged blob
    // or the file.
    std::string text_of(const Current& current) {
        const core::Migration& m = *current.migration;
        if (!m.text.empty() || m.path.empty()) { return m.text; }
        if (m_options.staged) { return git::blob_text(m_repo, current.oid); }
        return core::read_file(m.path).value_or("");
    }

    git_index* index() {
        if (!m_index) { m_index = git::index(m_repo); }
        return m_index.get();
    }

    bool exists_now(const std::string& path) {
        if (m_options.staged) { return git_index_get_bypath(index(), path.c_str(), 0) != nullptr; }
        std::error_code ec;
        return fs::is_regular_file(m_workdir / path, ec);
    }

    // The blob at `path` in the merge-base of HEAD and an explicit base ref, when it differs from the ref.
    std::optional<git_oid> fork_blob(const std::string& path) {
        if (!m_fork_tree) { m_fork_tree = git::commit_tree(m_repo, *m_base.fork); }
        git_tree_entry* raw = nullptr;
        if (git_tree_entry_bypath(&raw, m_fork_tree.get(), path.c_str()) != 0) { return std::nullopt; }
        git::TreeEntry entry(raw);
        return *git_tree_entry_id(entry.get());
    }

    // Same bytes as git would store them: clean filters (e.g. core.autocrlf) applied to the file.
    bool same_after_filters(const Current& current, const git_oid& applied) {
        if (m_options.staged) { return false; }
        git_oid filtered;
        fs::path file = m_workdir / current.repo_path;
        if (git_repository_hashfile(&filtered, m_repo, file.c_str(), GIT_OBJECT_BLOB, current.repo_path.c_str()) != 0) {
            return false;
        }
        return git_oid_equal(&filtered, &applied) != 0;
    }

    void mark_unchanged(const Current& current) {
        m_unchanged[static_cast<std::size_t>(current.migration - m_set.migrations.data())] = true;
    }

    // At commit time the change is what the index holds beyond HEAD: a migration whose
    // staged blob is HEAD's is unchanged, whatever the base ref says.
    void scope_to_head() {
        m_unchanged.assign(m_set.migrations.size(), false);
        git_oid head{};
        if (git_reference_name_to_id(&head, m_repo, "HEAD") != 0) { return; }
        git::Tree tree = git::commit_tree(m_repo, head);
        std::set<std::string_view> unchanged = unchanged_dirs(tree.get());
        for (const Current& current : m_current) {
            // In a directory HEAD holds as the base ref does, the base's listing says what HEAD
            // holds (looking the path up would read that directory's tree).
            if (listable(current.repo_path) && unchanged.contains(listed_dir(current.repo_path))) {
                if (current.base != nullptr && git_oid_equal(&current.base->oid, &current.oid)) {
                    mark_unchanged(current);
                }
                continue;
            }
            git_tree_entry* raw = nullptr;
            if (git_tree_entry_bypath(&raw, tree.get(), current.repo_path.c_str()) != 0) { continue; }
            git::TreeEntry entry(raw);
            if (git_oid_equal(git_tree_entry_id(entry.get()), &current.oid)) { mark_unchanged(current); }
        }
    }

    void check_modified(const TreeMigration& applied, const Current& current) {
        if (git_oid_equal(&applied.oid, &current.oid) || same_after_filters(current, applied.oid)) {
            mark_unchanged(current);
            return;
        }
        if (m_base.fork) {
            std::optional<git_oid> forked = fork_blob(applied.repo_path);
            if (forked && git_oid_equal(&*forked, &current.oid)) {  // changed on the base ref, not here
                mark_unchanged(current);
                return;
            }
        }
        const core::Migration& m = *current.migration;
        std::string before = git::blob_text(m_repo, applied.oid);
        std::string after = text_of(current);
        m_changed_lines[m.file] = changed_lines(before, after);
        ChangedLine at = first_changed_line(before, after);
        add_finding(m_report, m_severities, core::rule_id::immutable_migration, m.file, at.line, at.end_column,
                    "this migration exists on " + m_base.ref + " with other content (first change at line " +
                        std::to_string(at.line) + "): databases that applied it will not run the change",
                    "restore it with `" + restore_command(m.file) + "` and put the change in a new migration");
    }

    void check_missing(const TreeMigration& applied) {
        std::string dir = fs::path(applied.repo_path).parent_path().generic_string();
        if (!m_set.naming.folder_file.empty()) { dir = fs::path(dir).parent_path().generic_string(); }
        if (!m_whole_dir || dir != *m_whole_dir) { return; }  // only files were given: absence says nothing
        std::string file = display(applied.repo_path);
        if (exists_now(applied.repo_path + ".retired")) {
            add_finding(
                m_report, m_severities, core::rule_id::retired_migration, display(applied.repo_path + ".retired"), 1, 1,
                "this migration exists on " + m_base.ref +
                    " and was retired: that is safe only if no database has applied it",
                "check every environment's history table for " + applied.id + "; if one applied it, restore it with `" +
                    restore_command(file) + "` and undo it in a new migration");
            return;
        }
        if (Current* target = rename_target(applied)) {
            target->renamed = true;
            add_finding(m_report, m_severities, core::rule_id::deleted_migration, file, 1, 1,
                        "this migration exists on " + m_base.ref + " and was renamed to " + target->migration->file +
                            ": databases that applied it record it under its old name and will run it again",
                        "rename it back to " + applied.id);
            return;
        }
        if (m_base.fork && !fork_blob(applied.repo_path)) { return; }  // added on the base ref after this branch forked
        add_finding(m_report, m_severities, core::rule_id::deleted_migration, file, 1, 1,
                    "this migration exists on " + m_base.ref +
                        " and was deleted: databases that applied it keep its objects and history entry",
                    "restore it with `" + restore_command(file) + "`; to undo what it did, write a new migration");
    }

    Current* rename_target(const TreeMigration& applied) {
        for (Current& current : m_current) {
            if (!current.on_base && !current.renamed && git_oid_equal(&current.oid, &applied.oid)) { return &current; }
        }
        return nullptr;
    }

    void check_new(const Current& current, const std::string& newest) {
        const core::Migration& m = *current.migration;
        if (current.on_base || current.renamed || m.version.empty() || newest.empty()) { return; }
        if (core::compare_versions(m.version, newest) > 0) { return; }
        if (m_base.fork && fork_blob(current.repo_path)) { return; }  // this branch did not add it
        add_finding(m_report, m_severities, core::rule_id::out_of_order, m.file, 1, 1,
                    "version " + m.version + " sorts at or before " + newest + ", the newest migration on " +
                        m_base.ref + ": databases already at " + newest + " skip it or run it out of order",
                    "give it a version after " + newest + " (rename the file)");
    }

    // The newest version among the base ref's migrations (versions as the set reads them).
    std::string newest_version(const std::unordered_map<std::string_view, Current*>& by_path) const {
        std::string newest;
        for (const TreeMigration& applied : m_applied) {
            auto found = by_path.find(applied.repo_path);
            std::string version =
                found != by_path.end()
                    ? found->second->migration->version
                    : core::known_migration(applied.repo_path, applied.id, "", {}, m_set.naming).version;
            if (!version.empty() && (newest.empty() || core::compare_versions(version, newest) > 0)) {
                newest = version;
            }
        }
        return newest;
    }

    std::string display(const std::string& repo_path) const { return core::display_path(m_workdir / repo_path); }

    // Restores from the ref as named when it was given, else from the merge-base commit.
    std::string restore_command(const std::string& file) const {
        std::string source = m_options.base.empty() ? git::short_hex(m_base.commit) : m_base.ref;
        return "git checkout " + source + " -- " + file;
    }

    git_repository* m_repo;
    const core::MigrationSet& m_set;
    const HistoryOptions& m_options;
    const Base& m_base;
    const Severities& m_severities;
    core::Report& m_report;
    std::vector<bool>& m_unchanged;
    std::map<std::string, std::vector<LineRange>>& m_changed_lines;
    fs::path m_workdir;
    git::Index m_index;
    git::Tree m_fork_tree;
    std::optional<std::string> m_whole_dir;  // repo-relative directory the set holds completely
    std::set<std::string, std::less<>> m_dirs;
    std::vector<Current> m_current;
    std::vector<TreeMigration> m_applied;
    struct BaseDir {
        std::string path;        // repo-relative directory listed
        git_oid tree;            // its tree on the base ref
        std::size_t begin, end;  // its migrations in m_applied
    };
    std::vector<BaseDir> m_base_dirs;
};

}  // namespace

HistoryResult check_history(const core::MigrationSet& set, const HistoryOptions& options) {
    HistoryResult result;
    Severities severities(options.rules);
    fs::path start = !set.root.empty()         ? set.root
                     : !set.migrations.empty() ? set.migrations.front().path.parent_path()
                                               : fs::current_path();
    std::optional<git::Repository> repo = git::open(start);
    if (!repo || git_repository_is_bare(repo->get()) == 1) {
        result.git = false;
        result.note =
            "not in a git work tree: immutable-migration, deleted-migration, out-of-order and retired-migration were "
            "not checked";
        return result;
    }
    Base base = resolve_base(repo->get(), options.base);
    if (base.found) {
        result.base_ref = base.ref;
        result.base_commit = git::hex(base.commit);
        Checker(repo->get(), set, options, base, severities, result).run();
    } else {
        result.note = base.note;
    }
    finish(result.report, severities, set.migrations.size());
    return result;
}

void keep_findings_on_changed_lines(core::Report& lint, const HistoryResult& history) {
    if (history.changed_lines.empty()) { return; }
    std::erase_if(lint.findings, [&](const core::Finding& f) {
        auto changed = history.changed_lines.find(f.file);
        if (changed == history.changed_lines.end() || linter::is_integrity_rule(f.rule)) { return false; }
        int last = std::max(f.start.line, f.end.line);
        return std::none_of(changed->second.begin(), changed->second.end(),
                            [&](const LineRange& r) { return r.first <= last && f.start.line <= r.last; });
    });
}

}  // namespace history
