#include "cli/catalog.hpp"

#include "gate/check_schema.hpp"
#include "gate/production.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"
#include "runner/runner.hpp"

#include <algorithm>

namespace cli {
namespace {

std::vector<core::RuleInfo> non_lint_rules() {
    std::vector<core::RuleInfo> rules = history::rule_infos();
    for (const core::RuleInfo& info : runner::rule_infos()) { rules.push_back(info); }
    for (const core::RuleInfo& info : gate::rule_infos()) { rules.push_back(info); }
    for (const core::RuleInfo& info : gate::production_rule_infos()) { rules.push_back(info); }
    return rules;
}

}  // namespace

std::vector<core::RuleInfo> all_rule_infos() {
    std::vector<core::RuleInfo> rules = linter::rule_infos();
    for (core::RuleInfo& info : non_lint_rules()) { rules.push_back(std::move(info)); }
    std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return rules;
}

std::vector<std::string> non_lint_rule_ids() {
    std::vector<std::string> ids;
    for (const core::RuleInfo& info : non_lint_rules()) { ids.push_back(info.id); }
    return ids;
}

void apply_severities(core::Report& report, const core::Config& config) {
    std::vector<std::string> ids = non_lint_rule_ids();
    std::erase_if(report.findings, [&](core::Finding& finding) {
        if (std::find(ids.begin(), ids.end(), finding.rule) == ids.end()) { return false; }
        auto setting = config.rules.find(finding.rule);
        if (setting == config.rules.end()) { return false; }
        if (setting->second.severity == "off") { return true; }
        finding.severity = *core::parse_severity(setting->second.severity);
        return false;
    });
}

}  // namespace cli
