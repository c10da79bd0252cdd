// schemagate lint [PATH...]: lint migration directories or files.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "linter/history/git.hpp"
#include "linter/project.hpp"

#include <memory>

namespace fs = std::filesystem;

namespace cli {

void add_lint_flags(CLI::App& command, LintArgs& args) {
    command.add_option("--base", args.base, "git ref whose migrations count as applied (default: detected)");
    command.add_flag("--no-cache", args.no_cache, "parse every file, ignoring cached results");
    command.add_flag(
        "--all-files", args.all_files,
        "every rule on every migration, also those unchanged since the base (default: integrity rules only there)");
}

linter::ProjectLintOptions project_lint_options(const std::vector<fs::path>& paths, const LintArgs& args,
                                                const core::Config& config) {
    linter::ProjectLintOptions options;
    options.paths = paths;
    options.config = config;
    options.base = args.base;
    options.staged = args.staged;
    options.use_cache = !args.no_cache;
    options.all_files = args.all_files;
    return options;
}

void add_lint_command(CLI::App& app, int& exit_code) {
    struct State {
        LintArgs args;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("lint", "lint migration directories or files");
    command->add_option("paths", state->args.paths,
                        "migration directories or .sql files (default: config, ./migrations)");
    command->add_flag("--staged", state->args.staged, "lint what the git index holds (the pre-commit mode)");
    add_lint_flags(*command, state->args);
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        history::git::Session git;  // one repository and index for the whole run
        core::Config config = load_project_config(state->common);
        linter::ProjectLintOptions options = project_lint_options(migration_paths(state->args.paths, config),
                                                                  state->args, config);
        options.keep_text = false;  // nothing runs the files afterwards
        core::Report report = linter::lint_project(options).report;
        report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(report), state->common);
        git.keep_until_exit();  // the process ends here: no index freed entry by entry
    });
}

}  // namespace cli
