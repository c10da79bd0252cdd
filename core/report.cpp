#include "core/report.hpp"

#include <algorithm>
#include <set>

namespace core {
namespace {

constexpr std::pair<MigrationStatus, std::string_view> k_status_names[] = {
    {MigrationStatus::linted, "linted"},   {MigrationStatus::applied, "applied"},
    {MigrationStatus::pending, "pending"}, {MigrationStatus::failed, "failed"},
    {MigrationStatus::skipped, "skipped"}, {MigrationStatus::rolled_back, "rolled-back"},
    {MigrationStatus::changed, "changed"}, {MigrationStatus::missing, "missing"},
};

}  // namespace

std::string_view to_string(MigrationStatus status) {
    for (const auto& [value, name] : k_status_names) {
        if (value == status) { return name; }
    }
    return "pending";
}

std::optional<MigrationStatus> parse_migration_status(std::string_view text) {
    for (const auto& [value, name] : k_status_names) {
        if (name == text) { return value; }
    }
    return std::nullopt;
}

void Report::sort() { std::stable_sort(findings.begin(), findings.end(), finding_less); }

Summary Report::summary() const {
    Summary s;
    s.migrations = static_cast<int>(migrations.size());
    s.checks = checks;
    s.passed = std::max(0, checks - failed_checks);
    s.linted_in_full = linted_in_full;
    s.integrity_only = integrity_only;
    for (const Finding& f : findings) {
        switch (f.severity) {
            case Severity::error: ++s.errors; break;
            case Severity::warning: ++s.warnings; break;
            case Severity::info: ++s.infos; break;
        }
        if (f.blocking()) { ++s.blockers; }
    }
    return s;
}

bool Report::passed() const { return !migration_failed && summary().blockers == 0; }

void Report::merge(Report&& other) {
    if (linted_in_full < 0) {
        linted_in_full = other.linted_in_full;
        integrity_only = other.integrity_only;
        scope_base = std::move(other.scope_base);
    }
    if (run.target.empty()) {  // the stage that ran migrations says where
        run.target = std::move(other.run.target);
        run.server_version = std::move(other.run.server_version);
        run.dry_run = other.run.dry_run;
    }
    findings.insert(findings.end(), std::make_move_iterator(other.findings.begin()),
                    std::make_move_iterator(other.findings.end()));
    if (migrations.empty()) {
        migrations = std::move(other.migrations);
    } else {
        for (MigrationRecord& record : other.migrations) {
            auto same = std::find_if(migrations.begin(), migrations.end(),
                                     [&](const MigrationRecord& r) { return r.file == record.file; });
            if (same == migrations.end()) {
                migrations.push_back(std::move(record));
            } else {
                *same = std::move(record);  // a later stage knows more (applied beats linted)
            }
        }
    }
    if (!other.schema.empty()) { schema = std::move(other.schema); }
    if (other.lock_timeout_ms >= 0) { lock_timeout_ms = other.lock_timeout_ms; }
    if (other.statement_timeout_ms >= 0) { statement_timeout_ms = other.statement_timeout_ms; }
    checks += other.checks;
    failed_checks += other.failed_checks;
    migration_failed = migration_failed || other.migration_failed;
}

void Report::drop_parse_errors_the_server_reported() {
    std::set<std::pair<std::string, int>> failed;
    for (const Finding& f : findings) {
        if (f.rule == core::rule_id::migration_failed) { failed.emplace(f.file, f.start.line); }
    }
    if (failed.empty()) { return; }
    std::erase_if(findings, [&](const Finding& f) {
        if (f.rule != core::rule_id::parse_error || !failed.count({f.file, f.start.line})) { return false; }
        --failed_checks;
        return true;
    });
}

std::vector<std::string> Report::not_applied() const {
    std::vector<std::string> files;
    if (!migration_failed) { return files; }
    for (const MigrationRecord& record : migrations) {
        if (record.status == core::MigrationStatus::pending) { files.push_back(record.file); }
    }
    return files;
}

void Report::count_migration_checks(int mismatched) {
    checks += static_cast<int>(migrations.size());
    failed_checks += mismatched;
    for (const MigrationRecord& record : migrations) {
        if (record.status == core::MigrationStatus::failed ||
            (migration_failed && record.status == core::MigrationStatus::pending)) {
            ++failed_checks;
        }
    }
}

}  // namespace core
