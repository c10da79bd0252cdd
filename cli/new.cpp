// schemagate new NAME [DIR]: creates the next migration file(s) in the set's layout and
// naming (core/next_migration.hpp), numbered after the base branch's migrations too, and
// prints their paths.
#include "cli/app.hpp"
#include "cli/commands.hpp"

#include "core/error.hpp"
#include "core/next_migration.hpp"
#include "linter/history/history.hpp"

#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace cli {

namespace {

void note_base_branch(const history::BaseBranchMigrations& base) {
    if (!base.unread.empty()) {
        std::cerr << "schemagate: note: the base branch was not read (" << base.unread
                  << "): numbered after this branch's migrations only; pass --base REF to name it\n";
    } else if (base.added > 0) {
        std::cerr << "schemagate: note: " << base.ref << " has " << base.added << " migration"
                  << (base.added == 1 ? "" : "s") << " this branch does not have yet (newest: " << base.newest
                  << "): the new one is numbered after them\n";
    }
}

}  // namespace

void add_new_command(CLI::App& app, int& exit_code) {
    struct State {
        std::string name;
        std::vector<std::string> paths;
        std::string base;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("new", "create the next migration file in the project's layout and naming");
    command
        ->add_option("name", state->name, "what the migration does, e.g. add_users (made lowercase, words joined by _)")
        ->required();
    command->add_option("dir", state->paths, "migrations directory (default: config, ./migrations)")->expected(0, 1);
    command->add_option("--base", state->base,
                        "branch whose migrations the new one must follow (default: immutable_after, else "
                        "origin/HEAD, origin/main, origin/master, main, master)");
    command->add_option("--config", state->common.config, "schemagate.yaml to use instead of the one found walking up");
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        fs::path dir = migration_paths(state->paths, config).front();
        core::MigrationSet set;
        set.root = dir;
        set.naming = core::make_naming(config.naming);
        std::error_code ec;
        if (fs::is_directory(dir, ec)) { set = core::discover({dir}, {config.naming, {}, false}); }
        if (config.order.empty()) {  // an order file numbers by position: nothing to follow
            bool given = !state->base.empty();
            note_base_branch(
                history::add_base_branch_migrations(set, given ? state->base : config.immutable_after, given));
        }
        core::NextMigration next = core::next_migration(set, state->name, std::chrono::system_clock::now());
        for (const fs::path& path : core::create_migration(dir, next)) {
            std::cout << core::display_path(path) << "\n";
        }
        if (!config.order.empty()) {
            std::cerr << "schemagate: add " << next.id << " to " << core::display_path(config.order)
                      << " (`order:`): migrations apply in its order\n";
        }
        exit_code = k_exit_pass;
    });
}

}  // namespace cli
