// History vs files: what the target's schemagate_history says against the migration set.
#include "gate/production.hpp"

#include "runner/history.hpp"

#include <map>
#include <set>

namespace gate {
namespace {

core::Finding finding(std::string rule, core::Severity severity, std::string file, std::string message,
                      std::string help) {
    core::Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.file = std::move(file);
    f.start = f.end = {1, 1};
    f.message = std::move(message);
    f.help = std::move(help);
    return f;
}

bool is_marker(const runner::AppliedMigration& row) { return row.name.rfind("schemagate:", 0) == 0; }

std::string retired_file(const core::MigrationSet& set, const std::string& version) {
    for (const std::string& file : set.retired) {
        std::string name = std::filesystem::path(file).filename().string();
        if (name.rfind(version, 0) == 0) { return file; }
    }
    return "";
}

}  // namespace

core::Report compare_history(const core::MigrationSet& set,
                             const std::optional<std::vector<runner::AppliedMigration>>& history) {
    core::Report report;
    std::string root = core::display_path(set.root);
    if (!history) {
        report.findings.push_back(finding("pending-migration", core::Severity::info, root,
            "the database has no schemagate_history table: every migration counts as pending",
            "run schemagate migrate to apply them, or check that the URL names the right database"));
    }
    std::map<std::string, const runner::AppliedMigration*> applied;
    std::map<std::string, const runner::AppliedMigration*> failed;
    std::string newest;
    const std::vector<runner::AppliedMigration> rows = history.value_or(std::vector<runner::AppliedMigration>{});
    for (const runner::AppliedMigration& row : rows) {
        if (is_marker(row)) { continue; }
        std::string key = row.version + '|' + row.name;
        (row.success ? applied : failed)[key] = &row;
        if (row.success && (newest.empty() || core::compare_versions(row.version, newest) > 0)) { newest = row.version; }
    }
    std::set<std::string> files;
    for (const core::Migration& m : set.migrations) {
        std::string key = runner::history_key(m);
        files.insert(key);
        ++report.checks;
        auto found = applied.find(key);
        if (found != applied.end()) {
            if (found->second->checksum != m.checksum) {
                ++report.failed_checks;
                report.findings.push_back(finding("checksum-mismatch", core::Severity::error, m.file,
                    "the migration was changed after it was applied: history has " + found->second->checksum +
                        " (applied " + found->second->applied_at + ")",
                    "restore the file as it was applied and put the change in a new migration"));
            }
            continue;
        }
        ++report.failed_checks;
        if (failed.count(key)) {
            report.findings.push_back(finding("failed-migration", core::Severity::error, m.file,
                "the history records this migration as failed (" + failed[key]->applied_at + ")",
                "find out what it left behind, repair the database, then remove the failed history row"));
        }
        bool older = !newest.empty() && core::compare_versions(m.version, newest) < 0;
        if (older) {
            report.findings.push_back(finding("out-of-order-pending", core::Severity::error, m.file,
                "the migration is pending but older than the newest applied one (" + newest + ")",
                "give it a version after " + newest + " so that it applies in order"));
        }
        report.findings.push_back(finding("pending-migration", core::Severity::info, m.file,
            "the migration is not applied yet", "run schemagate migrate to apply it"));
    }
    for (const auto& [key, row] : applied) {
        if (files.count(key)) { continue; }
        ++report.checks;
        ++report.failed_checks;
        std::string retired = retired_file(set, row->version);
        std::string what = retired.empty() ? "" : " (retired as " + retired + ")";
        report.findings.push_back(finding("missing-migration-file", core::Severity::error, root,
            "migration " + row->version + " " + row->name + " was applied (" + row->applied_at +
                ") but its file is missing" + what,
            "restore the file as it was applied; never delete or rename an applied migration"));
    }
    return report;
}

}  // namespace gate
