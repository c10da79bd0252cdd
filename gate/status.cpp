#include "gate/status.hpp"

#include "gate/production.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gate {
namespace {

// file -> what the history's findings say about it, by rule id.
std::map<std::string, std::set<std::string>> rules_by_file(const core::Report& report) {
    std::map<std::string, std::set<std::string>> out;
    for (const core::Finding& f : report.findings) { out[f.file].insert(f.rule.str()); }
    return out;
}

// The history row of each identity, the last one when a migration was recorded twice.
std::map<std::string, const runner::AppliedMigration*> rows_by_identity(const std::optional<runner::History>& history) {
    std::map<std::string, const runner::AppliedMigration*> out;
    if (!history) { return out; }
    for (const runner::AppliedMigration& row : history->rows) {
        core::Migration m;
        m.version = row.version;
        m.name = row.name;
        out[history_identity(history->source, m)] = &row;
    }
    return out;
}

StatusRow file_row(const core::Migration& m, const std::string& key, const std::set<std::string>& applied,
                   const std::set<std::string>& rules, const runner::AppliedMigration* row) {
    StatusRow out{m.version, m.file, m.name, "pending", row != nullptr && row->success ? row->applied_at : ""};
    if (rules.count(core::rule_id::failed_migration)) {
        out.state = "failed";
        out.applied_at = row != nullptr ? row->applied_at : "";
    } else if (applied.count(key)) {
        out.state = rules.count(core::rule_id::checksum_mismatch) ? "changed" : "applied";
    }
    return out;
}

}  // namespace

Status migration_status(const core::MigrationSet& set, const StatusOptions& options) {
    runner::ReadOnlySession target(options.database_url, options.session);
    std::optional<runner::History> history = target.history(options.history);
    Status status;
    status.report = compare_history(set, history, options.history);
    std::set<std::string> applied = applied_identities(set, history);
    std::map<std::string, std::set<std::string>> rules = rules_by_file(status.report);
    std::map<std::string, const runner::AppliedMigration*> rows = rows_by_identity(history);
    std::set<std::string> files;
    for (const core::Migration& m : set.migrations) {
        std::string key = history_identity(options.history, m);
        files.insert(key);
        auto row = rows.find(key);
        status.rows.push_back(file_row(m, key, applied, rules[m.file], row == rows.end() ? nullptr : row->second));
        status.report.migrations.push_back(
            {m.file, m.version, m.checksum, *core::parse_migration_status(status.rows.back().state), -1});
    }
    for (const auto& [key, row] : rows) {
        if (!row->success || files.count(key)) { continue; }
        status.rows.push_back({row->version, "", row->name, "missing", row->applied_at});
        status.report.migrations.push_back(
            {core::display_path(set.root), row->version, "", core::MigrationStatus::missing, -1});
    }
    status.report.sort();
    return status;
}

void write_status_table(const std::vector<StatusRow>& rows, std::ostream& out) {
    std::vector<std::vector<std::string>> lines = {{"version", "state", "applied at", "file"}};
    for (const StatusRow& row : rows) {
        lines.push_back({row.version, row.state, row.applied_at,
                         row.file.empty()
                             ? "(no file: " + row.version + (row.description.empty() ? "" : " " + row.description) + ")"
                             : row.file});
    }
    std::vector<std::size_t> width(4, 0);
    for (const auto& line : lines) {
        for (std::size_t i = 0; i < 4; ++i) { width[i] = std::max(width[i], line[i].size()); }
    }
    for (const auto& line : lines) {
        std::string text;
        for (std::size_t i = 0; i < 4; ++i) {
            text += line[i];
            if (i < 3) { text += std::string(width[i] - line[i].size() + 2, ' '); }
        }
        out << text << '\n';
    }
    out << '\n';
}

}  // namespace gate
