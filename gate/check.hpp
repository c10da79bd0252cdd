#pragma once
// `schemagate check`: the lint and run stages' reports made one, with the required schema.

#include "core/config.hpp"
#include "core/report.hpp"
#include "gate/required_schema.hpp"
#include "runner/runner.hpp"

#include <optional>

namespace gate {

/// The report of `check` from its stages: `lint` (linter::lint_project's), `run`
/// (runner::run's, with the snapshot after the last migration) and the required schema.
/// The required schema is compared with run.snapshot when every migration applied (a
/// partial schema would only repeat the failure). Then: parse errors of files the server
/// applied are judged by it (linter::judge_parse_errors_by_server), the config's `rules:`
/// severities are applied to run and gate findings, static lock findings are confirmed or
/// refuted by the lock trace (runner::confirm_lock_findings), and findings are sorted.
core::Report check_report(core::Report lint, runner::RunResult run, const std::optional<RequiredSchema>& required,
                          const core::Config& config);

}  // namespace gate
