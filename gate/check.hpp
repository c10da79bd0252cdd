#pragma once
// `schemagate run` and `schemagate check` as module entry points: the run stage with what
// the project's files and config say about its findings, and the whole check (lint, run,
// required schema) in one call.

#include "core/config.hpp"
#include "core/report.hpp"
#include "linter/project.hpp"
#include "runner/runner.hpp"

#include <filesystem>

namespace gate {

/// `schemagate run`'s stage: runner::run(set, options), then the lock trace's findings
/// (table-rewrite, exclusive-lock-held) get the files' `-- schemagate: ignore` comments, the
/// config's `rules:` severities are applied and findings sorted. Throws as runner::run.
runner::RunResult run_project(const core::MigrationSet& set, const runner::RunOptions& options,
                              const core::Config& config);

struct CheckOptions {
    linter::ProjectLintOptions lint;  ///< the project; lint.config is every stage's config
    runner::RunOptions run;           ///< where and how the linted set is applied
    std::filesystem::path require;    ///< required schema YAML; empty: none
};

/// `schemagate check`: reads the required schema (a bad file throws core::Error, exit 2,
/// before any work), lints the project (linter::lint_project), applies its set
/// (run_project) and makes one report of both. The required schema is compared with the
/// snapshot after the last migration when every migration applied (a partial schema would
/// only repeat the failure). Then: parse errors of files the server applied are judged by it
/// (linter::judge_parse_errors_by_server), the config's severities apply to every finding,
/// static lock findings are confirmed or refuted by the lock trace
/// (runner::confirm_lock_findings), and findings are sorted. Returns the run's result with
/// `report` the whole check's report.
runner::RunResult check(const CheckOptions& options);

}  // namespace gate
