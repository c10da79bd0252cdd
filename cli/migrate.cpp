// schemagate migrate --database-url URL [DIR]: the release step. The gate first (refusing
// on blockers unless --force), then the pending migrations under the required-schema guard.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "cli/audit.hpp"
#include "linter/history/history.hpp"
#include "runner/history.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace cli {

void add_migrate_command(CLI::App& app, int& exit_code) {
    struct State {
        GateArgs args;
        bool force = false;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("migrate", "apply the pending migrations to a live database");
    add_gate_flags(*command, state->args);
    command->add_flag("--force", state->force, "start even when the gate finds blockers (recorded in the history)");
    add_common_options(*command, state->common);
    command->callback([state, command, &exit_code] {
        core::Config config = load_project_config(state->common);
        gate::MigrateOptions options;
        core::MigrationSet set;
        options.gate = gate_options(state->args, config, set);
        options.force = state->force;
        // --lock-timeout, else the config's lock_timeout:, else 2 s; statement_timeout: from the config.
        bool flag = command->get_option("--lock-timeout")->count() > 0;
        options.lock_timeout_ms = flag || config.lock_timeout_ms < 0 ? state->args.lock_timeout_ms
                                                                     : config.lock_timeout_ms;
        options.statement_timeout_ms = std::max(0, config.statement_timeout_ms);
        options.history.run_id = audit_run_id();  // the report's: one id ties the report to its history rows
        std::vector<std::filesystem::path> paths = migration_paths(state->args.paths, config);
        options.history.git_commit = history::head_commit(paths.front()).value_or("");
        options.history.actor = runner::HistoryContext::environment_actor();
        if (options.force) { std::cerr << "schemagate: --force: starting despite the gate's blockers\n"; }
        core::Report report = gate::migrate(set, options);
        report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(report), state->common);
    });
}

}  // namespace cli
