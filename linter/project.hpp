#pragma once
// A project linted as `schemagate lint` and check's lint stage do it: discovery (or the
// git index with `staged`), the git history rules, scope by base (migrations unchanged
// since the base count as applied: integrity rules only), the lint rules and the cache.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace linter {

struct ProjectLintOptions {
    std::vector<std::filesystem::path> paths;  ///< a migrations directory, or directories and .sql files
    core::Config config;                       ///< the project's schemagate.yaml (defaults when none)
    std::string base;                          ///< git ref whose migrations count as applied; "": config, else detected
    bool staged = false;                       ///< lint what the git index holds (one directory)
    bool use_cache = true;                     ///< linter/cache.hpp; false: parse every file
    bool all_files = false;                    ///< every rule on every migration, unchanged ones included
    /// Keep each migration's text in the returned set (what runs the files afterwards needs);
    /// false: with the cache, unchanged files are not even read (`lint` alone).
    bool keep_text = true;
    /// Told what the history check could not do (no repository, base not found); empty:
    /// "schemagate: note: ..." on stderr.
    std::function<void(const std::string&)> note{};
};

struct LintedProject {
    core::MigrationSet set;  ///< in apply order; `applied` marks those linted for integrity only
    core::Report report;     ///< lint and history findings in report order; scope_base set
};

/// Lints the project. Throws core::Error (exit 2) for bad input: a path that does not exist,
/// a directory with no migration for the naming, `staged` without exactly one directory.
LintedProject lint_project(const ProjectLintOptions& options);

/// Discovers the migrations of `paths` with the config's naming, order file, down pattern,
/// setup and no-transaction files. Throws core::Error when a single directory holds no
/// migration (naming the preset and pattern, and what to do), and as core::discover.
core::MigrationSet discover_project(const std::vector<std::filesystem::path>& paths, const core::Config& config,
                                    core::DiscoverOptions options = {});

}  // namespace linter
