#pragma once
// The history rules' ids and configured severities, and adding their findings.

#include "core/config.hpp"
#include "core/report.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace history {

/// The configured severities of the history rules (defaults where not configured).
class Severities {
public:
    explicit Severities(const std::map<std::string, core::RuleSetting>& rules);
    /// nullopt when the rule is off.
    std::optional<core::Severity> of(std::string_view rule) const;
    /// Enabled history rules.
    int enabled() const;

private:
    std::map<std::string, std::optional<core::Severity>, std::less<>> m_severity;
};

/// Adds a finding of `rule` unless it is off. `line` 0 is shown as line 1.
void add_finding(core::Report& report, const Severities& severities, core::RuleId rule, const std::string& file,
                 int line, int end_column, std::string message, std::string help);

/// Sets checks / failed_checks (checks = `subjects` x enabled rules) and sorts.
void finish(core::Report& report, const Severities& severities, std::size_t subjects);

}  // namespace history
