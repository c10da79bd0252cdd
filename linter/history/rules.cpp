#include "linter/history/history.hpp"
#include "linter/history/rules.hpp"

#include <algorithm>
#include <set>

namespace history {
namespace {

const std::vector<core::RuleInfo>& infos() {
    static const std::vector<core::RuleInfo> rules = {
        {std::string(k_deleted), "a migration that exists on the base ref was deleted or renamed",
         "Databases that applied the migration record it by name in their history table: deleting it leaves them "
         "with an entry no file explains, and renaming it makes every tool apply it again under its new name. "
         "Restore the file under its old name; to undo what it did, write a new migration.",
         core::Severity::error},
        {std::string(k_immutable), "a migration that exists on the base ref was modified",
         "A migration that a database has run is never run again: an edit reaches only the databases created after "
         "it, so environments silently diverge (whitespace and comment edits also change the checksum many tools "
         "verify). Restore the file from the base ref and put the change in a new migration.",
         core::Severity::error},
        {std::string(k_out_of_order), "a new migration's version sorts at or before the newest one on the base ref",
         "Databases already past the newest applied version either skip a migration numbered before it or run it "
         "out of order, after migrations that were written without it. Give the new migration a version after the "
         "newest one on the base ref.",
         core::Severity::error},
        {std::string(k_retired), "a migration that exists on the base ref was retired (renamed to *.sql.retired)",
         "Retiring a migration is only safe when no database ever applied it: one that did keeps its objects and "
         "its history entry. Check every environment's history table before retiring it, or restore it and undo "
         "its effect in a new migration.",
         core::Severity::warning},
    };
    return rules;
}

}  // namespace

std::vector<core::RuleInfo> rule_infos() { return infos(); }

bool is_history_rule(std::string_view id) {
    return std::any_of(infos().begin(), infos().end(), [&](const core::RuleInfo& info) { return info.id == id; });
}

Severities::Severities(const std::map<std::string, core::RuleSetting>& rules) {
    for (const core::RuleInfo& info : infos()) {
        std::optional<core::Severity> severity = info.default_severity;
        auto setting = rules.find(info.id);
        if (setting != rules.end()) { severity = core::parse_severity(setting->second.severity); }
        m_severity.emplace(info.id, severity);
    }
}

std::optional<core::Severity> Severities::of(std::string_view rule) const {
    auto found = m_severity.find(rule);
    return found == m_severity.end() ? std::nullopt : found->second;
}

int Severities::enabled() const {
    return static_cast<int>(std::count_if(m_severity.begin(), m_severity.end(), [](const auto& s) { return s.second.has_value(); }));
}

void add_finding(core::Report& report, const Severities& severities, std::string_view rule, const std::string& file,
                 int line, int end_column, std::string message, std::string help) {
    std::optional<core::Severity> severity = severities.of(rule);
    if (!severity) { return; }
    core::Finding finding;
    finding.rule = std::string(rule);
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
    for (const core::Finding& f : report.findings) { failed.emplace(f.file, f.rule); }
    report.checks = static_cast<int>(subjects) * severities.enabled();
    report.failed_checks = static_cast<int>(failed.size());
    report.sort();
}

}  // namespace history
