// GitLab Code Quality: the JSON array a `codequality` artifact holds, which GitLab shows in
// merge requests (docs.gitlab.com, "Code Quality" → "Implement a custom tool"): one object
// per finding with description, check_name, fingerprint, severity and location.path /
// location.lines.begin. The fingerprint identifies a finding across pipelines: rule, file,
// message (without measured durations: fingerprint_message) and the occurrence among identical
// ones, never the line, so that a finding does not look new when lines move above it.

#include "core/checksum.hpp"
#include "gate/report/writers.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <tuple>

namespace gate::detail {
namespace {

/// GitLab's scale: info, minor, major, critical, blocker.
std::string_view gitlab_severity(const core::Finding& f) {
    if (f.blocking()) { return "blocker"; }
    switch (f.severity) {
        case core::Severity::error: return "critical";
        case core::Severity::warning: return "minor";
        case core::Severity::info: return "info";
    }
    return "info";
}

std::string fingerprint(const core::Finding& f, const std::string& message, int occurrence) {
    std::string key = f.rule.str() + '\0' + f.file + '\0' + message + '\0' + std::to_string(occurrence);
    return core::sha256_checksum(key).substr(std::string_view("sha256:").size());
}

}  // namespace

void write_gitlab(const core::Report& report, std::ostream& out) {
    nlohmann::json issues = nlohmann::json::array();
    std::map<std::tuple<std::string, std::string, std::string>, int> seen;
    for (const core::Finding* f : sorted_findings(report)) {
        std::string message = fingerprint_message(*f);
        int occurrence = seen[{f->rule.str(), f->file, message}]++;
        std::string description = f->help.empty() ? f->message : f->message + " (help: " + f->help + ")";
        issues.push_back({{"description", description},
                          {"check_name", f->rule},
                          {"fingerprint", fingerprint(*f, message, occurrence)},
                          {"severity", gitlab_severity(*f)},
                          {"location", {{"path", f->file}, {"lines", {{"begin", std::max(f->start.line, 1)}}}}}});
    }
    out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace gate::detail
