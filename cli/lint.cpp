// schemagate lint [PATH...]: lint migration directories or files.
#include "cli/commands.hpp"

#include "linter/lint.hpp"

#include <memory>

namespace cli {

void add_lint_flags(CLI::App& command, LintArgs& args) {
    command.add_option("--base", args.base, "git ref whose migrations count as applied (default: detected)");
    command.add_flag("--no-cache", args.no_cache, "parse every file, ignoring cached results");
}

core::Report lint_stage(const core::MigrationSet& set, const LintArgs& args, const core::Config& config) {
    linter::LintOptions options;
    options.rules = config.rules;
    options.placeholders = config.placeholders;
    (void)args;
    core::Report report = linter::lint(set, options);
    report.rules = linter::rule_infos();
    return report;
}

void add_lint_command(CLI::App& app, int& exit_code) {
    struct State {
        LintArgs args;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("lint", "lint migration directories or files");
    command->add_option("paths", state->args.paths, "migration directories or .sql files (default: config, ./migrations)");
    command->add_flag("--staged", state->args.staged, "lint what the git index holds (the pre-commit mode)");
    add_lint_flags(*command, state->args);
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        core::MigrationSet set = discover_set(migration_paths(state->args.paths, config), config);
        exit_code = emit(lint_stage(set, state->args, config), state->common);
    });
}

}  // namespace cli
