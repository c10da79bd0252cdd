#pragma once
// The linter's entry point: every rule over a migration set, files in parallel.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linter {

struct LintOptions {
    /// Rule id -> configured severity ("error" | "warning" | "info" | "off").
    std::map<std::string, core::RuleSetting> rules;
    /// Literal text -> replacement, applied to each file before parsing (positions are
    /// then those of the substituted text).
    std::vector<std::pair<std::string, std::string>> placeholders;
    int jobs = 0;  ///< worker threads; 0: one per core
    /// The major version production runs (config `postgres.version`); 0: not said (the
    /// rules then judge for 15). Verdicts that change with it are listed in
    /// linter/rules/version_facts.hpp. When it is newer than the parser's
    /// (parser_pg_major()), a file the parser rejects gets a `parse-error` warning naming
    /// the parser's version: the server check runs is the judge.
    int postgres_version = 0;
    /// Reuse per-file results of unchanged files (the CLI's `--no-cache` sets false).
    bool use_cache = true;
    /// Where the cache lives; empty: Cache::default_dir() ($XDG_CACHE_HOME/schemagate/lint
    /// or ~/.cache/schemagate/lint). With neither variable set, nothing is cached.
    std::filesystem::path cache_dir;
    /// The bytes of a migration discovered without its text (core::DiscoverOptions::keep_text
    /// false); empty: read the file at its path. Called from worker threads.
    std::function<std::string(const core::Migration&)> read_text;
};

/// Lints `set`: findings sorted in report order, one "linted" record per migration,
/// checks = files x enabled rules. Suppression comments are applied (and unused ones
/// reported as `unused-ignore`). Never throws for problems in migrations; a file that
/// does not parse yields its `parse-error` and never hides other files' findings.
core::Report lint(const core::MigrationSet& set, const LintOptions& options);

/// check, once a server ran the files (`server_version` "17.4", from the runner's report):
/// a `parse-error` of a file the server applied, and any when the server's major is newer
/// than the parser's, becomes a warning naming both versions. Does nothing when
/// `postgres_version` (config) is newer than the parser: lint judged those already.
void judge_parse_errors_by_server(core::Report& report, const std::string& server_version, int postgres_version);

/// The lint rules that still look at a migration counted as applied
/// (core::Migration::applied): duplicate-version and depends.
bool is_integrity_rule(std::string_view id);

}  // namespace linter
