#include "core/finding.hpp"

#include <ostream>
#include <tuple>

namespace core {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "info") { return Severity::info; }
    if (text == "warning") { return Severity::warning; }
    if (text == "error") { return Severity::error; }
    return std::nullopt;
}

std::string_view to_string(Trace trace) {
    switch (trace) {
        case Trace::not_checked: return "";
        case Trace::confirmed: return "confirmed";
        case Trace::not_observed: return "not-observed";
    }
    return "";
}

std::ostream& operator<<(std::ostream& out, RuleId id) { return out << id.m_id; }

bool finding_less(const Finding& a, const Finding& b) {
    return std::tie(a.file, a.start.line, a.start.column, a.rule, a.message) <
           std::tie(b.file, b.start.line, b.start.column, b.rule, b.message);
}

}  // namespace core
