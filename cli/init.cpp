// schemagate init [DIR]: writes a commented schemagate.yaml and a required_schema.yaml
// skeleton for the project in the current directory (gate/init.hpp), then says what to add.
#include "cli/app.hpp"
#include "cli/commands.hpp"

#include "gate/init.hpp"

#include <iostream>
#include <memory>

namespace cli {

void add_init_command(CLI::App& app, int& exit_code) {
    struct State {
        std::string migrations;
        std::string pg_bindir;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand(
        "init", "write a commented schemagate.yaml and a required_schema.yaml built from the migrations");
    command->add_option(
        "dir", state->migrations,
        "migrations directory (default: the first of migrations, db/migrations, ... holding migrations)");
    command->add_option("--pg-bindir", state->pg_bindir, "directory of initdb/postgres for the ephemeral cluster");
    command->callback([state, &exit_code] {
        gate::InitOptions options;
        options.migrations = state->migrations;
        options.local.pg_bindir = state->pg_bindir;
        gate::InitResult result = gate::init_project(options);
        for (const std::string& warning : result.warnings) { std::cerr << "schemagate: warning: " << warning << "\n"; }
        auto count = [](int n, const std::string& noun) {
            return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
        };
        std::cout << "wrote " << core::display_path(result.written.at(0)) << " ("
                  << count(result.migration_count, "migration") << " in " << result.migrations.generic_string()
                  << ", naming " << result.preset << ")\n"
                  << "wrote " << core::display_path(result.written.at(1)) << " (" << count(result.tables, "table")
                  << ")\n\n"
                  << gate::next_steps(result, SCHEMAGATE_VERSION);
        exit_code = k_exit_pass;
    });
}

}  // namespace cli
