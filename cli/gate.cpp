// schemagate gate --database-url URL [DIR]: the production gate. Read only: history vs
// files, required schema and data checks on the live schema, drift, environments, dry run.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/error.hpp"

#include <cstdlib>
#include <memory>

namespace fs = std::filesystem;

namespace cli {
void add_gate_flags(CLI::App& command, GateArgs& args) {
    command.add_option("dir", args.paths, "migrations directory (default: config, ./migrations)");
    command.add_option("--database-url", args.database_url,
                       "libpq URL or keywords of the target (default: $DATABASE_URL)");
    command.add_option("--require", args.require, "required schema YAML (default: config `require:`)");
    command.add_option("--lock-timeout", args.lock_timeout_ms, "give up waiting for a lock after MS milliseconds")
        ->capture_default_str();
    command.add_option("--statement-timeout", args.statement_timeout_ms, "cancel a gate query after MS milliseconds")
        ->capture_default_str();
    command.add_option("--row-limit", args.row_limit, "sample at most N offending rows per data check")
        ->capture_default_str();
    command.add_flag("--no-drift", args.no_drift, "skip the schema drift check (no ephemeral cluster)");
    command.add_flag("--dry-run", args.dry_run, "apply the pending migrations to a copy of the target's schema");
    command.add_option("--pg-bindir", args.pg_bindir, "directory of initdb/postgres/pg_dump for the ephemeral cluster");
}

gate::ProductionOptions gate_options(const GateArgs& args, const core::Config& config, core::MigrationSet& set) {
    gate::ProductionOptions options;
    options.database_url = args.database_url;
    if (options.database_url.empty()) {
        if (const char* url = std::getenv("DATABASE_URL")) { options.database_url = url; }
    }
    if (options.database_url.empty()) {
        throw core::Error("no target database: pass --database-url or set DATABASE_URL");
    }
    if (args.lock_timeout_ms < 0 || args.statement_timeout_ms < 0 || args.row_limit < 1) {
        throw core::Error("--lock-timeout and --statement-timeout take milliseconds >= 0, --row-limit a count >= 1");
    }
    options.compare_url = args.compare_url;
    options.session = {args.lock_timeout_ms, args.statement_timeout_ms};
    options.history = runner::HistorySource::from_config(config.history.format, config.history.table,
                                                         config.history.column);
    options.row_limit = args.row_limit;
    options.drift = !args.no_drift;
    options.dry_run = args.dry_run;
    options.local.pg_bindir = args.pg_bindir.empty() ? config.pg_bindir : fs::path(args.pg_bindir);
    options.local.postgres_version = config.postgres_version;
    options.local.setup = config.setup;
    options.local.placeholders = config.placeholders;
    options.local.lock_timeout_ms = config.lock_timeout_ms;  // the runner applies the config's timeouts everywhere
    options.local.statement_timeout_ms = config.statement_timeout_ms;
    options.rules = config.rules;
    std::vector<fs::path> paths = migration_paths(args.paths, config);
    fs::path require = required_schema_path(args.require, config, paths);
    // Read the required schema first: a bad file is exit 2 before any work is done.
    if (!require.empty()) { options.required = gate::load_required_schema(require); }
    set = linter::discover_project(paths, config);
    return options;
}

void add_gate_command(CLI::App& app, int& exit_code) {
    struct State {
        GateArgs args;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("gate", "check a live database before a release, read only");
    add_gate_flags(*command, state->args);
    command->add_option("--compare-url", state->args.compare_url, "a second environment to reconcile with the target");
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        core::MigrationSet set;
        gate::ProductionOptions options = gate_options(state->args, config, set);
        core::Report report = gate::production_gate(set, options);
        report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(report), state->common);
    });
}

}  // namespace cli
