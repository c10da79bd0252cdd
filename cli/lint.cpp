// schemagate lint [PATH...]: lint migration directories or files.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/error.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"

#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace cli {

void add_lint_flags(CLI::App& command, LintArgs& args) {
    command.add_option("--base", args.base, "git ref whose migrations count as applied (default: detected)");
    command.add_flag("--no-cache", args.no_cache, "parse every file, ignoring cached results");
}

core::MigrationSet lint_set(const std::vector<fs::path>& paths, const LintArgs& args, const core::Config& config) {
    if (!args.staged) { return discover_set(paths, config); }
    if (paths.size() != 1 || !fs::is_directory(paths[0])) {
        throw core::Error("--staged lints one migrations directory: give the directory, not files");
    }
    return history::staged_set(paths[0], {config.naming, config.order});
}

core::Report lint_stage(const core::MigrationSet& set, const LintArgs& args, const core::Config& config) {
    linter::LintOptions options;
    options.rules = config.rules;
    options.placeholders = config.placeholders;
    options.use_cache = !args.no_cache;
    options.other_rules = non_lint_rule_ids();
    core::Report report = linter::lint(set, options);

    history::HistoryResult git = history::check_history(
        set, {args.base.empty() ? config.immutable_after : args.base, args.staged, config.rules});
    if (!git.note.empty()) { std::cerr << "schemagate: note: " << git.note << "\n"; }
    report.merge(std::move(git.report));
    report.rules = all_rule_infos();
    report.sort();
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
        core::MigrationSet set = lint_set(migration_paths(state->args.paths, config), state->args, config);
        exit_code = emit(lint_stage(set, state->args, config), state->common);
    });
}

}  // namespace cli
