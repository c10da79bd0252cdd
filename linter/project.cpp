#include "linter/project.hpp"

#include "core/checksum.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "linter/cache.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace linter {
namespace {

// The checksum index of these paths in the lint cache: one file per build and set of
// paths, so that a warm run stats the files instead of reading and hashing them.
std::unique_ptr<core::ChecksumIndex> checksum_index(const std::vector<fs::path>& paths) {
    fs::path dir = Cache::default_dir();
    if (dir.empty()) { return nullptr; }
    std::string key = Cache::build_id() + '\n';
    std::error_code ec;
    std::string cwd = fs::current_path(ec);  // once: fs::absolute asks getcwd(2) every time
    for (const fs::path& path : paths) { key += core::absolute_normal(cwd, path) + '\n'; }
    std::string name = Cache::name_digest(key);
    return std::make_unique<core::ChecksumIndex>(dir / "index" / name, Cache::build_id());
}

// What discovery keeps of the files it reads, for the linter not to read them again: every
// real project corpus here is smaller (pg-regress 3.8 MB); beyond it, files are read twice.
// Held texts fragment the heap once freed: 10,000 copies of the corpora (71 MB) peak at
// 117 MiB with none kept, 119 with 4 MiB, 127 with 16 (10,000 files of 1 KiB, all kept:
// 8% faster cold).
constexpr std::size_t k_kept_text_bytes = std::size_t{4} << 20;

// The set to lint. Without keep_text the texts are not kept (the linter reads each file
// when it lints it) and, with the cache, unchanged files are not even read here.
core::MigrationSet discover_for_lint(const ProjectLintOptions& options) {
    std::unique_ptr<core::ChecksumIndex> index;
    if (!options.keep_text && options.use_cache) { index = checksum_index(options.paths); }
    core::DiscoverOptions discover;
    discover.keep_text = options.keep_text ||
                         (options.staged && !index);  // staged without the index: read each blob once
    if (!options.staged) { discover.keep_read_bytes = k_kept_text_bytes; }  // see lint_options
    discover.index = index.get();
    core::MigrationSet set;
    if (options.staged) {
        if (options.paths.size() != 1 || !fs::is_directory(options.paths[0])) {
            throw core::Error("--staged lints one migrations directory: give the directory, not files");
        }
        discover.naming = options.config.naming;
        discover.order_file = options.config.order;
        set = history::staged_set(options.paths[0], discover);
    } else {
        set = discover_project(options.paths, options.config, discover);
    }
    if (index) { index->save(); }
    return set;
}

// Marks the migrations the change does not touch as applied; returns what they are
// unchanged since ("" when nothing is).
std::string mark_applied(core::MigrationSet& set, const history::HistoryResult& git,
                         const ProjectLintOptions& options) {
    if (options.all_files) { return ""; }
    const core::Config& config = options.config;
    bool any = false;
    for (std::size_t i = 0; i < git.unchanged.size() && i < set.migrations.size(); ++i) {
        set.migrations[i].applied = git.unchanged[i];
        any = any || git.unchanged[i];
    }
    if (!config.baseline.empty()) {
        for (core::Migration& m : set.migrations) {
            if (!m.version.empty() && core::compare_versions(m.version, config.baseline) <= 0) {
                m.applied = any = true;
            }
        }
    }
    if (!any) { return ""; }
    std::string base = options.staged ? std::string("HEAD") : git.base_ref;
    if (!config.baseline.empty()) { base += std::string(base.empty() ? "" : " or ") + "baseline " + config.baseline; }
    return base;
}

// The texts discovery kept of the files it read (keep_read_bytes), moved out of the set: the
// linter takes each one when it lints its file, and reads the others.
std::function<std::string(const core::Migration&)> hand_over_texts(core::MigrationSet& set) {
    auto texts = std::make_shared<std::vector<std::string>>(set.migrations.size());
    bool any = false;
    for (std::size_t i = 0; i < set.migrations.size(); ++i) {
        std::string text = std::move(set.migrations[i].text);
        set.migrations[i].text.clear();
        if (!set.migrations[i].applied) { (*texts)[i] = std::move(text); }  // applied: not parsed
        any = any || !(*texts)[i].empty();
    }
    if (!any) { return {}; }
    const core::Migration* first = set.migrations.data();
    return [texts, first](const core::Migration& m) {
        std::less<const core::Migration*> before;  // a total order, even for another set's migration
        if (!before(&m, first) && before(&m, first + texts->size())) {
            std::string& text = (*texts)[static_cast<std::size_t>(&m - first)];
            if (!text.empty()) { return std::move(text); }  // the linter lints each file of the set once
        }
        return core::read_regular_file(m.path).value_or("");
    };
}

LintOptions lint_options(const ProjectLintOptions& project, core::MigrationSet& set) {
    const core::Config& config = project.config;
    LintOptions options;
    if (project.staged && !set.root.empty()) {  // texts not kept: the staged blobs
        auto staged = std::make_shared<history::StagedReader>(set.root);
        options.read_text = [staged](const core::Migration& m) { return staged->read(m); };
    } else if (!project.keep_text) {
        options.read_text = hand_over_texts(set);
    }
    options.rules = config.rules;
    // The runner and migrate set the config's lock_timeout for every migration: satisfied.
    if (config.lock_timeout_ms > 0) { options.rules[core::rule_id::require_lock_timeout].severity = "off"; }
    options.placeholders = config.placeholders;
    options.postgres_version = config.postgres_version;
    options.use_cache = project.use_cache;
    return options;
}

}  // namespace

core::MigrationSet discover_project(const std::vector<fs::path>& paths, const core::Config& config,
                                    core::DiscoverOptions options) {
    options.naming = config.naming;
    options.order_file = config.order;
    options.down_pattern = config.down;
    options.setup = config.setup;
    options.no_transaction = config.no_transaction;
    core::MigrationSet set = core::discover(paths, options);
    if (set.migrations.empty() && paths.size() == 1 && fs::is_directory(paths[0])) {
        throw core::Error(core::display_path(paths[0]) + ": no migration found with the " + set.naming.preset +
                          " naming (" + set.naming.pattern +
                          "): give the migrations directory, or set `naming:` in schemagate.yaml");
    }
    return set;
}

LintedProject lint_project(const ProjectLintOptions& options) {
    LintedProject project{discover_for_lint(options), {}};
    core::MigrationSet& set = project.set;
    const core::Config& config = options.config;
    history::HistoryResult git = history::check_history(
        set, {options.base.empty() ? config.immutable_after : options.base, options.staged, config.rules});
    std::string scope_base = mark_applied(set, git, options);
    if (!git.note.empty()) {
        std::string note = git.note + (scope_base.empty() ? "; every migration was linted in full" : "");
        if (options.note) {
            options.note(note);
        } else {
            std::cerr << "schemagate: note: " << note << "\n";
        }
    }
    core::Report& report = project.report;
    report = lint(set, lint_options(options, set));
    if (!options.all_files) { history::keep_findings_on_changed_lines(report, git); }
    report.scope_base = scope_base;
    report.merge(std::move(git.report));
    // Usually already in order (history found nothing): a stable sort would copy every finding.
    if (!std::is_sorted(report.findings.begin(), report.findings.end(), core::finding_less)) { report.sort(); }
    return project;
}

}  // namespace linter
