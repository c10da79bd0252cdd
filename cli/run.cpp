// schemagate run [DIR]: apply the migrations to an ephemeral PostgreSQL (or a throwaway
// database on --database-url) and report what happened.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/error.hpp"
#include "gate/check.hpp"
#include "runner/runner.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>

namespace cli {

void add_run_flags(CLI::App& command, RunArgs& args) {
    command.add_option(
        "--database-url", args.database_url,
        "libpq URL or keyword string of a server to create a throwaway database on (default: $DATABASE_URL, "
        "else an ephemeral local cluster)");
    command.add_option("--pg-bindir", args.pg_bindir, "directory of initdb/postgres for the ephemeral cluster");
    command.add_flag("--verify-idempotency", args.verify_idempotency,
                     "re-run each migration and prove nothing changes");
    command.add_flag("--verify-rollback", args.verify_rollback,
                     "apply each down migration after its up migration, prove it restores the schema and row counts, "
                     "and that up applies again");
    command.add_flag("--dry-run", args.dry_run, "apply inside transactions that are rolled back");
    command.add_flag("--keep", args.keep, "keep the database afterwards");
    command.add_option("--dump-schema", args.dump_schema, "write the resulting schema snapshot as JSON to FILE");
    command.add_flag("--trace-locks", args.trace_locks,
                     "trace each statement's locks, rewrites and duration on the server (default in check)");
    command.add_flag("--no-lock-trace", args.no_lock_trace, "do not trace locks");
    command.add_flag("--quiet", args.quiet, "no progress on stderr (a bar on a terminal, else a line every 5 s)");
}

runner::RunOptions run_options(const RunArgs& args, const core::Config& config, bool check_changed) {
    runner::RunOptions options;
    options.database_url = args.database_url;
    if (options.database_url.empty()) {
        if (const char* url = std::getenv("DATABASE_URL")) { options.database_url = url; }
    }
    options.pg_bindir = args.pg_bindir.empty() ? config.pg_bindir : std::filesystem::path(args.pg_bindir);
    options.postgres_version = config.postgres_version;
    options.verify_idempotency = args.verify_idempotency;
    options.rollback.scope = args.verify_rollback ? runner::RollbackScope::all
                             : check_changed      ? runner::RollbackScope::changed
                                                  : runner::RollbackScope::none;
    auto missing = config.rules.find(core::rule_id::missing_down_migration);
    options.rollback.report_missing = missing != config.rules.end() && missing->second.severity != "off";
    options.dry_run = args.dry_run;
    options.keep = args.keep;
    options.progress = !args.quiet;
    options.setup = config.setup;
    options.placeholders = config.placeholders;
    options.trace_locks = args.trace_locks && !args.no_lock_trace && !args.dry_run;
    options.lock_timeout_ms = config.lock_timeout_ms;
    options.statement_timeout_ms = config.statement_timeout_ms;
    return options;
}

void write_run_outputs(const runner::RunResult& result, const RunArgs& args) {
    if (!result.kept.empty()) { std::cerr << "schemagate: kept " << result.kept << " (--keep): remove it when done\n"; }
    if (args.dump_schema.empty()) { return; }
    std::ofstream out(args.dump_schema, std::ios::binary);
    out << result.snapshot.to_json().dump(2) << "\n";
    if (!out.flush()) { throw core::Error(args.dump_schema + ": cannot write the schema snapshot"); }
}

void add_run_command(CLI::App& app, int& exit_code) {
    struct State {
        std::vector<std::string> paths;
        RunArgs args;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("run", "apply the migrations to an ephemeral PostgreSQL");
    command->add_option("dir", state->paths, "migrations directory (default: config, ./migrations)");
    add_run_flags(*command, state->args);
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        core::MigrationSet set = linter::discover_project(migration_paths(state->paths, config), config);
        runner::RunResult result = gate::run_project(set, run_options(state->args, config), config);
        write_run_outputs(result, state->args);
        result.report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(result.report), state->common);
    });
}

}  // namespace cli
