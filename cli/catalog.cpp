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
    std::vector<core::RuleInfo> rules = history::rule_infos();  // stage "lint": `lint` checks the history
    auto add = [&](const std::vector<core::RuleInfo>& infos, const char* stage) {
        for (core::RuleInfo info : infos) {
            info.stage = stage;
            rules.push_back(std::move(info));
        }
    };
    add(runner::rule_infos(), "run");
    add(gate::rule_infos(), "gate");
    add(gate::production_rule_infos(), "gate");
    return rules;
}

}  // namespace

std::vector<core::RuleInfo> all_rule_infos(const std::string& docs_url) {
    std::vector<core::RuleInfo> rules = linter::rule_infos();
    for (core::RuleInfo& info : non_lint_rules()) { rules.push_back(std::move(info)); }
    if (!docs_url.empty()) {
        for (core::RuleInfo& info : rules) { info.help_uri = docs_url + info.id + ".md"; }
    }
    std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return rules;
}

std::string docs_url(const core::Config& config) {
    std::string url = config.docs_url.empty() ? SCHEMAGATE_DOCS_URL : config.docs_url;
    return url.empty() || url.ends_with('/') ? url : url + '/';
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
