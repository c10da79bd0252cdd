// Data checks (`checks:` of the required schema), run read-only against the target.
#include "gate/production.hpp"

namespace gate {
namespace {

std::string samples_text(const runner::CheckResult& result) {
    std::string out;
    for (const std::string& sample : result.samples) { out += (out.empty() ? "" : "; ") + ("(" + sample + ")"); }
    if (result.more) { out += "; ..."; }
    return out;
}

core::Finding check_finding(const CheckSpec& spec, const std::string& file, std::string message) {
    core::Finding f;
    f.rule = core::rule_id::data_check;
    // Finding::blocking() is severity error: a blocking check reports as an error, a
    // non-blocking error check as a warning.
    if (spec.blocking) {
        f.severity = core::Severity::error;
    } else {
        f.severity = spec.severity == core::Severity::error ? core::Severity::warning : spec.severity;
    }
    f.file = file;
    f.start = spec.start;
    f.end = spec.end.line == 0 ? spec.start : spec.end;
    f.message = std::move(message);
    f.help = spec.description.empty()
                 ? "fix the offending rows, or the code that writes them"
                 : "fix the offending rows, or the code that writes them (" + spec.description + ")";
    return f;
}

}  // namespace

core::Report run_data_checks(runner::ReadOnlySession& session, const RequiredSchema& required, int row_limit) {
    core::Report report;
    for (const CheckSpec& spec : required.checks) {
        ++report.checks;
        runner::CheckResult result = session.run_check(spec.sql, row_limit);
        if (!result.error.empty()) {
            ++report.failed_checks;
            core::Finding f = check_finding(spec, required.file,
                                            "data check " + spec.name + " failed: " + result.error);
            // A table or column that a pending migration creates: the check cannot run yet.
            bool not_yet = result.sqlstate == "42P01" || result.sqlstate == "42703";
            f.severity = not_yet ? core::Severity::warning : core::Severity::error;
            f.help = not_yet ? "run the gate again after the migration that creates it"
                             : "fix the check's SQL: it must be a SELECT that runs in a read-only transaction";
            report.findings.push_back(std::move(f));
            continue;
        }
        if (result.offending == 0) { continue; }
        ++report.failed_checks;
        std::string count = (result.more ? "more than " + std::to_string(row_limit) : std::to_string(result.offending));
        std::string message = "data check " + spec.name + " found " + count + " offending row" +
                              (result.offending == 1 ? "" : "s");
        if (!result.samples.empty()) { message += ": " + samples_text(result); }
        report.findings.push_back(check_finding(spec, required.file, std::move(message)));
    }
    return report;
}

}  // namespace gate
