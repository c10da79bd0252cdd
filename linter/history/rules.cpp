#include "linter/history/history.hpp"
#include "linter/history/rules.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace history {
namespace {

constexpr std::array<std::string_view, 4> k_rules = {core::rule_id::deleted_migration,
                                                     core::rule_id::immutable_migration, core::rule_id::out_of_order,
                                                     core::rule_id::retired_migration};

}  // namespace

bool is_history_rule(std::string_view id) { return std::find(k_rules.begin(), k_rules.end(), id) != k_rules.end(); }

Severities::Severities(const std::map<std::string, core::RuleSetting>& rules) {
    for (std::string_view id : k_rules) {
        m_severity.emplace(id, core::configured_severity(core::rule_info(id), rules));
    }
}

std::optional<core::Severity> Severities::of(std::string_view rule) const {
    auto found = m_severity.find(rule);
    return found == m_severity.end() ? std::nullopt : found->second;
}

int Severities::enabled() const {
    return static_cast<int>(
        std::count_if(m_severity.begin(), m_severity.end(), [](const auto& s) { return s.second.has_value(); }));
}

void add_finding(core::Report& report, const Severities& severities, core::RuleId rule, const std::string& file,
                 int line, int end_column, std::string message, std::string help) {
    std::optional<core::Severity> severity = severities.of(rule);
    if (!severity) { return; }
    core::Finding finding;
    finding.rule = rule;
    finding.severity = *severity;
    finding.file = file;
    finding.start = {std::max(1, line), 1};
    finding.end = {std::max(1, line), std::max(1, end_column)};
    finding.message = std::move(message);
    finding.help = std::move(help);
    report.findings.push_back(std::move(finding));
}

void finish(core::Report& report, const Severities& severities, std::size_t subjects) {
    std::set<std::pair<std::string, std::string>> failed;
    for (const core::Finding& f : report.findings) { failed.emplace(f.file, f.rule.str()); }
    report.checks = static_cast<int>(subjects) * severities.enabled();
    report.failed_checks = static_cast<int>(failed.size());
    report.sort();
}

}  // namespace history
