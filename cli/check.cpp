// schemagate check [DIR]: the CI gate and the main job. Lint + run + the required
// schema, one report, one verdict.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "gate/check.hpp"

#include <memory>

namespace fs = std::filesystem;

namespace cli {
void add_check_command(CLI::App& app, int& exit_code) {
    struct State {
        std::vector<std::string> paths;
        std::string require;
        LintArgs lint;
        RunArgs run;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    state->run.trace_locks = true;  // on by default in check; --no-lock-trace turns it off
    CLI::App* command = app.add_subcommand("check", "lint, apply and compare with the required schema: one verdict");
    command->add_option("dir", state->paths, "migrations directory (default: config, ./migrations)");
    command->add_option("--require", state->require, "required schema YAML (default: config `require:`)");
    add_lint_flags(*command, state->lint);
    add_run_flags(*command, state->run);
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        std::vector<fs::path> paths = migration_paths(state->paths, config);
        gate::CheckOptions options;
        options.require = required_schema_path(state->require, config, paths);
        options.run = run_options(state->run, config, true);
        options.lint = project_lint_options(paths, state->lint, config);
        runner::RunResult result = gate::check(options);
        write_run_outputs(result, state->run);
        result.report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(result.report), state->common);
    });
}

}  // namespace cli
