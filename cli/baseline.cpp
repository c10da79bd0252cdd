// schemagate baseline [DIR]: the version to write as `baseline:` in schemagate.yaml to
// adopt a migration set as it is (Flyway's baseline): the newest migration on the base ref,
// else, outside git or without a base, the newest one on disk.
#include "cli/app.hpp"
#include "cli/commands.hpp"

#include "core/error.hpp"
#include "linter/history/history.hpp"

#include <iostream>
#include <memory>

namespace cli {
namespace {

std::string newest_version(const core::MigrationSet& set, const std::vector<bool>& on_base) {
    std::string newest;
    for (std::size_t i = 0; i < set.migrations.size(); ++i) {
        const std::string& version = set.migrations[i].version;
        if (version.empty() || (!on_base.empty() && !on_base[i])) { continue; }
        if (newest.empty() || core::compare_versions(version, newest) > 0) { newest = version; }
    }
    return newest;
}

}  // namespace

void add_baseline_command(CLI::App& app, int& exit_code) {
    struct State {
        LintArgs args;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand(
        "baseline", "print the version to write as `baseline:` to adopt the migrations as they are");
    command->add_option("paths", state->args.paths, "migration directory (default: config, ./migrations)");
    command->add_option("--base", state->args.base, "git ref whose migrations count as applied (default: detected)");
    command->add_option("--config", state->common.config, "schemagate.yaml to use instead of the one found walking up");
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        core::MigrationSet set = linter::discover_project(migration_paths(state->args.paths, config), config);
        history::HistoryResult git = history::check_history(
            set, {state->args.base.empty() ? config.immutable_after : state->args.base, false, config.rules});
        std::string version = newest_version(set, git.unchanged);
        if (version.empty()) {
            throw core::Error("no migration with a version to baseline at: check the path and `naming:`");
        }
        std::cout << version << "\n";
        std::cerr << "schemagate: write `baseline: '" << version << "'` in schemagate.yaml: migrations at or below it "
                  << "count as applied (integrity rules only)"
                  << (git.base_ref.empty() ? "" : ", as on " + git.base_ref) << "\n";
        exit_code = k_exit_pass;
    });
}

}  // namespace cli
