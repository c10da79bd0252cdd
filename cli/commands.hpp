#pragma once
// One function a command: adds the subcommand to the app; its callback sets exit_code.
// The lint/run/gate stages are shared by `check`, which chains them.

#include "cli/common.hpp"
#include "gate/production.hpp"
#include "linter/project.hpp"
#include "runner/runner.hpp"

#include <CLI/CLI.hpp>

namespace cli {

void add_lint_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_hook_command(CLI::App& app, int& exit_code);
void add_history_command(CLI::App& app, int& exit_code);
void add_baseline_command(CLI::App& app, int& exit_code);
void add_gate_command(CLI::App& app, int& exit_code);
void add_migrate_command(CLI::App& app, int& exit_code);
void add_new_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);
void add_status_command(CLI::App& app, int& exit_code);

struct LintArgs {
    std::vector<std::string> paths;
    std::string base;
    bool staged = false;
    bool no_cache = false;
    bool all_files = false;  ///< every rule on every file, unchanged ones included
};

struct RunArgs {
    std::string database_url;
    std::string pg_bindir;
    bool verify_idempotency = false;
    bool verify_rollback = false;  ///< prove every down part (check: only new and changed ones without it)
    bool dry_run = false;
    bool keep = false;
    std::string dump_schema;
    bool trace_locks = false;    ///< --trace-locks (check sets it before parsing: on by default there)
    bool no_lock_trace = false;  ///< --no-lock-trace
    bool quiet = false;          ///< --quiet: no progress on stderr
};

/// Flags of the production gate, shared by `gate` and `migrate` (cli/gate.cpp).
struct GateArgs {
    std::vector<std::string> paths;
    std::string database_url;
    std::string compare_url;
    std::string require;
    std::string pg_bindir;
    int lock_timeout_ms = 2000;
    int statement_timeout_ms = 30000;
    int row_limit = 5;
    bool no_drift = false;
    bool dry_run = false;
};

void add_gate_flags(CLI::App& command, GateArgs& args);
/// The set to check and the gate's options from the flags and the config.
gate::ProductionOptions gate_options(const GateArgs& args, const core::Config& config, core::MigrationSet& set);

void add_lint_flags(CLI::App& command, LintArgs& args);
void add_run_flags(CLI::App& command, RunArgs& args);

/// linter::lint_project's options from the lint flags and the config.
linter::ProjectLintOptions project_lint_options(const std::vector<std::filesystem::path>& paths, const LintArgs& args,
                                                const core::Config& config);
/// runner::run's options from the run flags and the config ($DATABASE_URL when no
/// --database-url). Down parts are proven for every migration with --verify-rollback, else
/// for those not counted as applied when `check_changed` (the `check` command), else none.
runner::RunOptions run_options(const RunArgs& args, const core::Config& config, bool check_changed = false);
/// After a run: says on stderr what --keep kept, writes --dump-schema's file.
void write_run_outputs(const runner::RunResult& result, const RunArgs& args);

}  // namespace cli
