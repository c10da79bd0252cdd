#include "gate/check.hpp"

#include "gate/check_schema.hpp"
#include "linter/lint.hpp"
#include "runner/lock_findings.hpp"

namespace gate {

core::Report check_report(core::Report lint, runner::RunResult run, const std::optional<RequiredSchema>& required,
                          const core::Config& config) {
    core::Report report = std::move(lint);
    bool complete = !run.report.migration_failed;
    report.merge(std::move(run.report));
    if (required && complete) { report.merge(check_schema(*required, run.snapshot)); }
    report.drop_parse_errors_the_server_reported();
    linter::judge_parse_errors_by_server(report, report.run.server_version, config.postgres_version);
    core::apply_severities(report, config.rules);
    runner::confirm_lock_findings(report);
    report.sort();
    return report;
}

}  // namespace gate
