// History vs files: what the target's history table says against the migration set.
#include "core/file.hpp"
#include "gate/production.hpp"

#include "runner/history.hpp"

#include <iterator>
#include <map>

namespace gate {
namespace {

using Format = runner::HistorySource::Format;

core::Finding finding(core::RuleId rule, core::Severity severity, std::string file, std::string message,
                      std::string help) {
    core::Finding f;
    f.rule = rule;
    f.severity = severity;
    f.file = std::move(file);
    f.start = f.end = {1, 1};
    f.message = std::move(message);
    f.help = std::move(help);
    return f;
}

// Version-only tools compare versions numerically: "0003" is "3", "1_1" is "1.1" is "1.1.0".
std::string canonical_version(const std::string& version) {
    std::vector<std::string> groups;
    for (std::size_t i = 0; i < version.size();) {
        if (version[i] < '0' || version[i] > '9') {
            ++i;
            continue;
        }
        std::size_t begin = i;
        while (i < version.size() && version[i] >= '0' && version[i] <= '9') { ++i; }
        std::string digits = version.substr(begin, i - begin);
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
        groups.push_back(digits.empty() ? "0" : digits);
    }
    while (groups.size() > 1 && groups.back() == "0") { groups.pop_back(); }
    std::string out;
    for (const std::string& g : groups) { out += (out.empty() ? "" : ".") + g; }
    return out;
}

std::string identity_of(Format format, const core::Migration& m) {
    return format == Format::schemagate ? runner::history_key(m) : canonical_version(m.version);
}

std::string identity_of(Format format, const runner::AppliedMigration& row) {
    return format == Format::schemagate ? row.version + '|' + row.name : canonical_version(row.version);
}

std::string file_text(const core::Migration& m) {
    if (!m.text.empty()) { return m.text; }
    return core::read_file(m.path).value_or("");
}

// The checksum the history's format would record for `m`; "" when the format records none.
std::string expected_checksum(Format format, const core::Migration& m) {
    if (format == Format::schemagate) { return m.checksum; }
    if (format == Format::flyway) { return std::to_string(runner::flyway_checksum(file_text(m))); }
    return "";
}

std::string retired_file(const core::MigrationSet& set, const std::string& version) {
    for (const std::string& file : set.retired) {
        std::string name = std::filesystem::path(file).filename().string();
        if (name.rfind(version, 0) == 0) { return file; }
    }
    return "";
}

struct Index {
    std::map<std::string, const runner::AppliedMigration*> applied;
    std::map<std::string, const runner::AppliedMigration*> failed;
    std::string newest;  ///< newest applied version (rows and applied_through)
};

Index index_of(const std::optional<runner::History>& history) {
    Index index;
    if (!history) { return index; }
    index.newest = history->applied_through;
    for (const runner::AppliedMigration& row : history->rows) {
        (row.success ? index.applied : index.failed)[identity_of(history->source.format, row)] = &row;
        if (row.success && (index.newest.empty() || core::compare_versions(row.version, index.newest) > 0)) {
            index.newest = row.version;
        }
    }
    return index;
}

// Applied without a row of its own: at or below the baseline / current version, and not failed.
bool applied_through(const std::optional<runner::History>& history, const Index& index, const core::Migration& m) {
    return history && !history->applied_through.empty() &&
           core::compare_versions(m.version, history->applied_through) <= 0 &&
           !index.failed.count(identity_of(history->source.format, m));
}

// " (applied <when> by <who> from commit <abc1234>)": what the history row says of its run.
std::string applied_note(const runner::AppliedMigration& row) {
    std::string note = row.applied_at.empty() ? "" : "applied " + row.applied_at;
    if (!row.applied_by.empty()) { note += (note.empty() ? "" : " ") + std::string("by ") + row.applied_by; }
    if (!row.git_commit.empty()) {
        note += (note.empty() ? "" : " ") + std::string("from commit ") + row.git_commit.substr(0, 7);
    }
    return note.empty() ? "" : " (" + note + ")";
}

void check_applied(const core::Migration& m, const runner::AppliedMigration& row, Format format, core::Report& report) {
    std::string expected = expected_checksum(format, m);
    if (expected.empty() || row.checksum.empty() || row.checksum == expected) { return; }
    ++report.failed_checks;
    std::string when = applied_note(row);
    std::string what = format == Format::flyway
                           ? "Flyway's history has checksum " + row.checksum + ", the file's is " + expected
                           : "history has " + row.checksum;
    report.findings.push_back(finding(core::rule_id::checksum_mismatch, core::Severity::error, m.file,
                                      "the migration was changed after it was applied: " + what + when,
                                      "restore the file as it was applied and put the change in a new migration"));
}

void check_pending(const core::Migration& m, const Index& index, const std::string& key, core::Report& report) {
    ++report.failed_checks;
    auto failed = index.failed.find(key);
    if (failed != index.failed.end()) {
        std::string when = failed->second->applied_at.empty() ? "" : " (" + failed->second->applied_at + ")";
        report.findings.push_back(
            finding(core::rule_id::failed_migration, core::Severity::error, m.file,
                    "the history records this migration as failed" + when,
                    "find out what it left behind, repair the database, then remove the failed history row"));
    }
    if (!index.newest.empty() && core::compare_versions(m.version, index.newest) < 0) {
        report.findings.push_back(
            finding(core::rule_id::out_of_order_pending, core::Severity::error, m.file,
                    "the migration is pending but older than the newest applied one (" + index.newest + ")",
                    "give it a version after " + index.newest + " so that it applies in order"));
    }
    report.findings.push_back(finding(core::rule_id::pending_migration, core::Severity::info, m.file,
                                      "the migration is not applied yet", "run schemagate migrate to apply it"));
}

void missing_file(const core::MigrationSet& set, const std::string& version, const std::string& name,
                  const std::string& applied_at, core::Report& report) {
    ++report.checks;
    ++report.failed_checks;
    std::string retired = retired_file(set, version);
    report.findings.push_back(
        finding(core::rule_id::missing_migration_file, core::Severity::error, core::display_path(set.root),
                "migration " + version + (name.empty() ? "" : " " + name) + " was applied" +
                    (applied_at.empty() ? "" : " (" + applied_at + ")") + " but its file is missing" +
                    (retired.empty() ? "" : " (retired as " + retired + ")"),
                "restore the file as it was applied; never delete or rename an applied migration"));
}

}  // namespace

std::set<std::string> applied_identities(const core::MigrationSet& set, const std::optional<runner::History>& history) {
    std::set<std::string> out;
    if (!history) { return out; }
    Index index = index_of(history);
    for (const auto& [key, row] : index.applied) { out.insert(key); }
    for (const core::Migration& m : set.migrations) {
        if (applied_through(history, index, m)) { out.insert(identity_of(history->source.format, m)); }
    }
    return out;
}

std::string history_identity(const runner::HistorySource& source, const core::Migration& m) {
    return identity_of(source.format, m);
}

core::Report compare_history(const core::MigrationSet& set, const std::optional<runner::History>& history,
                             const runner::HistorySource& source) {
    core::Report report;
    if (!history) {
        report.findings.push_back(
            finding(core::rule_id::pending_migration, core::Severity::info, core::display_path(set.root),
                    "the database has no " + source.describe() + " table: every migration counts as pending",
                    "run schemagate migrate to apply them, or check the URL and the config's history: section"));
    }
    Index index = index_of(history);
    std::set<std::string> files;
    for (const core::Migration& m : set.migrations) {
        std::string key = identity_of(source.format, m);
        files.insert(key);
        ++report.checks;
        auto found = index.applied.find(key);
        if (found != index.applied.end()) {
            check_applied(m, *found->second, source.format, report);
        } else if (!applied_through(history, index, m)) {
            check_pending(m, index, key, report);
        }
    }
    for (const auto& [key, row] : index.applied) {
        if (!files.count(key)) { missing_file(set, row->version, row->name, row->applied_at, report); }
    }
    // golang-migrate's current version names a migration that must exist; a Flyway baseline does not.
    if (history && source.format == Format::golang_migrate && !history->applied_through.empty() &&
        !files.count(canonical_version(history->applied_through)) &&
        !index.failed.count(canonical_version(history->applied_through))) {
        missing_file(set, history->applied_through, "", "", report);
    }
    return report;
}

}  // namespace gate
