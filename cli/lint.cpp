// schemagate lint [PATH...]: lint migration directories or files.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/checksum.hpp"
#include "core/error.hpp"
#include "linter/cache.hpp"
#include "linter/history/git.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace cli {

namespace {

// The checksum index of these paths in the lint cache: one file per build and set of
// paths, so that a warm run stats the files instead of reading and hashing them.
std::unique_ptr<core::ChecksumIndex> checksum_index(const std::vector<fs::path>& paths) {
    fs::path dir = linter::Cache::default_dir();
    if (dir.empty()) { return nullptr; }
    std::string key = linter::Cache::build_id() + '\n';
    for (const fs::path& path : paths) {
        std::error_code ec;
        key += fs::absolute(path, ec).lexically_normal().string() + '\n';
    }
    std::string name = core::sha256_checksum(key).substr(7, 32);
    return std::make_unique<core::ChecksumIndex>(dir / "index" / name, linter::Cache::build_id());
}

// lint_set() for `lint` alone: nothing runs the files afterwards, so their texts are not
// kept (the linter reads each file when it lints it) and, with the cache, unchanged
// files are not even read here.
core::MigrationSet lint_only_set(const std::vector<fs::path>& paths, const LintArgs& args, const core::Config& config) {
    std::unique_ptr<core::ChecksumIndex> index;
    if (!args.no_cache) { index = checksum_index(paths); }
    core::DiscoverOptions options;
    options.keep_text = args.staged && !index;  // staged without the index: read each blob once
    options.index = index.get();
    core::MigrationSet set;
    if (args.staged) {
        if (paths.size() != 1 || !fs::is_directory(paths[0])) {
            throw core::Error("--staged lints one migrations directory: give the directory, not files");
        }
        options.naming = config.naming;
        options.order_file = config.order;
        set = history::staged_set(paths[0], options);
    } else {
        set = discover_set(paths, config, options);
    }
    if (index) { index->save(); }
    return set;
}

}  // namespace

void add_lint_flags(CLI::App& command, LintArgs& args) {
    command.add_option("--base", args.base, "git ref whose migrations count as applied (default: detected)");
    command.add_flag("--no-cache", args.no_cache, "parse every file, ignoring cached results");
    command.add_flag("--all-files", args.all_files,
                     "every rule on every migration, also those unchanged since the base (default: integrity rules only there)");
}

core::MigrationSet lint_set(const std::vector<fs::path>& paths, const LintArgs& args, const core::Config& config) {
    if (!args.staged) { return discover_set(paths, config); }
    if (paths.size() != 1 || !fs::is_directory(paths[0])) {
        throw core::Error("--staged lints one migrations directory: give the directory, not files");
    }
    return history::staged_set(paths[0], {config.naming, config.order});
}

namespace {

// Marks the migrations the change does not touch as applied; returns what they are
// unchanged since ("" when nothing is).
std::string mark_applied(core::MigrationSet& set, const history::HistoryResult& git, const LintArgs& args,
                         const core::Config& config) {
    if (args.all_files) { return ""; }
    bool any = false;
    for (std::size_t i = 0; i < git.unchanged.size() && i < set.migrations.size(); ++i) {
        set.migrations[i].applied = git.unchanged[i];
        any = any || git.unchanged[i];
    }
    if (!config.baseline.empty()) {
        for (core::Migration& m : set.migrations) {
            if (!m.version.empty() && core::compare_versions(m.version, config.baseline) <= 0) { m.applied = any = true; }
        }
    }
    if (!any) { return ""; }
    std::string base = args.staged ? std::string("HEAD") : git.base_ref;
    if (!config.baseline.empty()) { base += std::string(base.empty() ? "" : " or ") + "baseline " + config.baseline; }
    return base;
}

}  // namespace

core::Report lint_stage(core::MigrationSet& set, const LintArgs& args, const core::Config& config) {
    history::HistoryResult git = history::check_history(
        set, {args.base.empty() ? config.immutable_after : args.base, args.staged, config.rules});
    std::string scope_base = mark_applied(set, git, args, config);
    if (!git.note.empty()) {
        std::cerr << "schemagate: note: " << git.note << (scope_base.empty() ? "; every migration was linted in full" : "")
                  << "\n";
    }

    // Texts not kept by lint_only_set(): the staged blobs with --staged, else the files.
    std::shared_ptr<history::StagedReader> staged;
    if (args.staged && !set.root.empty()) { staged = std::make_shared<history::StagedReader>(set.root); }
    linter::LintOptions options;
    if (staged) {
        options.read_text = [staged](const core::Migration& m) { return staged->read(m); };
    }
    options.rules = config.rules;
    // The runner and migrate set the config's lock_timeout for every migration: satisfied.
    if (config.lock_timeout_ms > 0) { options.rules["require-lock-timeout"].severity = "off"; }
    options.placeholders = config.placeholders;
    options.postgres_version = config.postgres_version;
    options.use_cache = !args.no_cache;
    options.other_rules = non_lint_rule_ids();
    core::Report report = linter::lint(set, options);
    if (!args.all_files) { history::keep_findings_on_changed_lines(report, git); }
    report.scope_base = scope_base;
    report.merge(std::move(git.report));
    report.rules = all_rule_infos(docs_url(config));
    // Usually already in order (history found nothing): a stable sort would copy every finding.
    if (!std::is_sorted(report.findings.begin(), report.findings.end(), core::finding_less)) { report.sort(); }
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
        history::git::Session git;  // one repository and index for the whole run
        core::Config config = load_project_config(state->common);
        core::MigrationSet set = lint_only_set(migration_paths(state->args.paths, config), state->args, config);
        exit_code = emit(lint_stage(set, state->args, config), state->common);
    });
}

}  // namespace cli
