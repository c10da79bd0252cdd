#include "gate/check.hpp"

#include "gate/check_schema.hpp"
#include "gate/required_schema.hpp"
#include "linter/lint.hpp"
#include "linter/suppress.hpp"
#include "runner/lock_findings.hpp"

#include <optional>

namespace gate {

runner::RunResult run_project(const core::MigrationSet& set, const runner::RunOptions& options,
                              const core::Config& config) {
    runner::RunResult result = runner::run(set, options);
    if (options.trace_locks) {
        linter::apply_ignores_to_set(set, {core::rule_id::table_rewrite, core::rule_id::exclusive_lock_held},
                                     config.placeholders, result.report.findings);
    }
    core::apply_severities(result.report, config.rules);
    result.report.sort();
    return result;
}

runner::RunResult check(const CheckOptions& options) {
    const core::Config& config = options.lint.config;
    std::optional<RequiredSchema> required;
    if (!options.require.empty()) { required = load_required_schema(options.require); }
    linter::LintedProject linted = linter::lint_project(options.lint);
    runner::RunResult result = run_project(linted.set, options.run, config);
    core::Report report = std::move(linted.report);
    bool complete = !result.report.migration_failed;
    report.merge(std::move(result.report));
    if (required && complete) { report.merge(check_schema(*required, result.snapshot)); }
    report.drop_parse_errors_the_server_reported();
    linter::judge_parse_errors_by_server(report, report.run.server_version, config.postgres_version);
    core::apply_severities(report, config.rules);
    runner::confirm_lock_findings(report);
    report.sort();
    result.report = std::move(report);
    return result;
}

}  // namespace gate
