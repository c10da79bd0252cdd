// add_base_branch_migrations: what `schemagate new` numbers after, besides the branch's own
// migrations — those the base branch's tip has and the branch does not have yet.
#include "linter/history/base.hpp"
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"
#include "linter/history/tree.hpp"

#include <unordered_set>

namespace history {

BaseBranchMigrations add_base_branch_migrations(core::MigrationSet& set, const std::string& explicit_ref) {
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
        out.added.push_back(m.id);
    }
    return out;
}

}  // namespace history
