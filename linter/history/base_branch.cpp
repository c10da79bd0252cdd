// add_base_branch_migrations: what `schemagate new` numbers after, besides the branch's own
// migrations — those the base branch's tip has and the branch does not have yet.
#include "core/error.hpp"
#include "linter/history/base.hpp"
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"
#include "linter/history/tree.hpp"

#include <unordered_set>

namespace history {

namespace {

BaseBranchMigrations read_base_branch(core::MigrationSet& set, const std::string& explicit_ref) {
    BaseBranchMigrations out;
    std::optional<git::Repository> repo = git::open(set.root);
    if (!repo || git_repository_is_bare(repo->get()) == 1) { return out; }
    Base branch = resolve_branch(repo->get(), explicit_ref);
    std::optional<std::string> dir = git::relative(repo->get(), set.root);
    if (!branch.found || branch.ref == "HEAD" || !dir) { return out; }
    out.ref = branch.ref;
    git::Tree tree = git::commit_tree(repo->get(), branch.commit);
    git::Tree dir_tree = git::subtree(repo->get(), tree.get(), *dir);
    if (!dir_tree) { return out; }
    std::unordered_set<std::string> known;
    for (const core::Migration& m : set.migrations) { known.insert(m.id); }
    for (const TreeMigration& m : list_migrations(repo->get(), dir_tree.get(), *dir, set.naming)) {
        if (known.count(m.id) != 0) { continue; }
        set.migrations.push_back(core::make_migration(set.root / m.id, m.id, "", set.naming));
        if (out.newest.empty() || core::compare_versions(set.migrations.back().version, out.newest_version) > 0) {
            out.newest = m.id;
            out.newest_version = set.migrations.back().version;
        }
        ++out.added;
    }
    return out;
}

}  // namespace

BaseBranchMigrations add_base_branch_migrations(core::MigrationSet& set, const std::string& ref, bool ref_given) {
    if (ref_given) { return read_base_branch(set, ref); }
    std::size_t before = set.migrations.size();
    try {
        return read_base_branch(set, ref);
    } catch (const core::Error& e) {  // a default that does not resolve here: this branch alone
        set.migrations.resize(before);
        BaseBranchMigrations out;
        out.unread = e.what();
        return out;
    }
}

}  // namespace history
