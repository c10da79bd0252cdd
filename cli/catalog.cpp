#include "cli/catalog.hpp"

#include "gate/check_schema.hpp"
#include "gate/production.hpp"
#include "linter/history/history.hpp"
#include "linter/lint.hpp"

#include <algorithm>

namespace cli {
namespace {

std::vector<core::RuleInfo> non_lint_rules() {
    std::vector<core::RuleInfo> rules = history::rule_infos();
    // Runner rules: described here until runner/ exports its own list.
    rules.push_back({"checksum-mismatch", "an applied migration's file changed since it was applied",
                     "The database's history records another checksum for this version: the file was edited "
                     "after it was applied. Restore the applied bytes and put the change in a new migration.",
                     core::Severity::error});
    rules.push_back({"migration-failed", "the migration raised an error when applied",
                     "PostgreSQL refused a statement of the migration (message and SQLSTATE in the finding); the run "
                     "stopped there. Fix the statement, or what an earlier migration left behind.",
                     core::Severity::error});
    rules.push_back({"planned-change", "what a migration would change (run --dry-run)",
                     "Reported by `schemagate run --dry-run`, which applies every migration inside a transaction "
                     "that is rolled back: one info finding per object the migration would create, alter or drop.",
                     core::Severity::info});
    rules.push_back({"not-idempotent", "re-running the migration failed or changed the schema or row counts",
                     "schemagate ran the migration a second time, in a transaction it rolled back, and the re-run "
                     "failed or changed something. Guard the statements (IF NOT EXISTS, ON CONFLICT, DO blocks).",
                     core::Severity::error});
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
