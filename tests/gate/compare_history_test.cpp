// compare_history, history_identity and applied_identities on histories built by hand: no server.
#include "gate/production.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using Format = runner::HistorySource::Format;

core::Migration migration(std::string version, std::string name, std::string text) {
    core::Migration m;
    m.version = std::move(version);
    m.name = std::move(name);
    m.id = m.version + "_" + m.name + ".sql";
    m.file = "db/migrations/" + m.id;
    m.path = m.file;
    m.text = std::move(text);
    m.checksum = "sha256:" + m.version;  // stands for the file's hash: compare_history only compares it
    return m;
}

// 0001 create_users, 0002 add_email, 0003 add_index under db/migrations.
core::MigrationSet three_migrations() {
    core::MigrationSet set;
    set.root = "db/migrations";
    set.migrations = {migration("0001", "create_users", "CREATE TABLE users (id int);\n"),
                      migration("0002", "add_email", "ALTER TABLE users ADD email text;\n"),
                      migration("0003", "add_index", "CREATE INDEX users_email ON users (email);\n")};
    return set;
}

runner::AppliedMigration row(std::string version, std::string name, std::string checksum, bool success = true) {
    runner::AppliedMigration r;
    r.version = std::move(version);
    r.name = std::move(name);
    r.checksum = std::move(checksum);
    r.success = success;
    return r;
}

runner::History history(Format format, std::vector<runner::AppliedMigration> rows, std::string through = "") {
    runner::History h;
    h.source.format = format;
    h.rows = std::move(rows);
    h.applied_through = std::move(through);
    return h;
}

runner::HistorySource source(Format format) {
    runner::HistorySource s;
    s.format = format;
    return s;
}

// "rule severity file: message" per finding, in report order.
std::vector<std::string> lines(const core::Report& report) {
    std::vector<std::string> out;
    for (const core::Finding& f : report.findings) {
        out.push_back(f.rule.str() + " " + std::string(core::to_string(f.severity)) + " " + f.file + ": " + f.message);
    }
    return out;
}

using Lines = std::vector<std::string>;

// compare_history of three_migrations() against `h`, read from its own source.
core::Report compared(const runner::History& h) { return gate::compare_history(three_migrations(), h, h.source); }

TEST(CompareHistory, EveryFileAppliedUnchangedHasNoFindings) {
    core::Report report = compared(history(
        Format::schemagate, {row("0001", "create_users", "sha256:0001"), row("0002", "add_email", "sha256:0002"),
                             row("0003", "add_index", "sha256:0003")}));
    EXPECT_EQ(lines(report), Lines{});
    EXPECT_EQ(report.checks, 3);
    EXPECT_EQ(report.failed_checks, 0);
}

TEST(CompareHistory, ChecksumMismatchSaysWhenWhoAndFromWhichCommit) {
    core::MigrationSet set = three_migrations();
    runner::AppliedMigration changed = row("0002", "add_email", "sha256:old");
    changed.applied_at = "2024-05-01 10:00:00+00";
    changed.applied_by = "deploy (alice)";
    changed.git_commit = "0123456789abcdef0123456789abcdef01234567";
    runner::History h = history(Format::schemagate, {row("0001", "create_users", "sha256:0001"), changed,
                                                     row("0003", "add_index", "")});  // "": no checksum recorded
    core::Report report = gate::compare_history(set, h, h.source);
    EXPECT_EQ(lines(report), Lines{"checksum-mismatch error db/migrations/0002_add_email.sql: the migration was "
                                   "changed after it was applied: history has sha256:old (applied 2024-05-01 "
                                   "10:00:00+00 by deploy (alice) from commit 0123456)"});
    EXPECT_EQ(report.checks, 3);
    EXPECT_EQ(report.failed_checks, 1);
}

TEST(CompareHistory, AppliedRowWithoutFileIsMissingAndNamesTheRetiredFile) {
    core::MigrationSet set = three_migrations();
    set.retired = {"db/migrations/0005_drop_old.sql.retired"};
    runner::AppliedMigration gone = row("0004", "gone", "sha256:0004");
    gone.applied_at = "2024-05-02";
    runner::History h = history(Format::schemagate,
                                {row("0001", "create_users", "sha256:0001"), row("0002", "add_email", "sha256:0002"),
                                 row("0003", "add_index", "sha256:0003"), gone, row("0005", "drop_old", "sha256:5")});
    core::Report report = gate::compare_history(set, h, h.source);
    EXPECT_EQ(lines(report),
              (Lines{"missing-migration-file error db/migrations: migration 0004 gone was applied (2024-05-02) but "
                     "its file is missing",
                     "missing-migration-file error db/migrations: migration 0005 drop_old was applied but its file "
                     "is missing (retired as db/migrations/0005_drop_old.sql.retired)"}));
    EXPECT_EQ(report.checks, 5);
    EXPECT_EQ(report.failed_checks, 2);
}

TEST(CompareHistory, NewerFileIsPending) {
    core::Report report = compared(history(
        Format::schemagate, {row("0001", "create_users", "sha256:0001"), row("0002", "add_email", "sha256:0002")}));
    EXPECT_EQ(lines(report),
              Lines{"pending-migration info db/migrations/0003_add_index.sql: the migration is not applied yet"});
    EXPECT_EQ(report.failed_checks, 1);
}

TEST(CompareHistory, PendingFileOlderThanTheNewestAppliedIsOutOfOrder) {
    core::Report report = compared(history(
        Format::schemagate, {row("0001", "create_users", "sha256:0001"), row("0003", "add_index", "sha256:0003")}));
    EXPECT_EQ(lines(report), (Lines{"out-of-order-pending error db/migrations/0002_add_email.sql: the migration is "
                                    "pending but older than the newest applied one (0003)",
                                    "pending-migration info db/migrations/0002_add_email.sql: the migration is not "
                                    "applied yet"}));
}

TEST(CompareHistory, FailedRowIsReportedAndTheMigrationStaysPending) {
    core::MigrationSet set = three_migrations();
    runner::AppliedMigration failed = row("0003", "add_index", "sha256:0003", false);
    failed.applied_at = "2024-05-03 09:00:00+00";
    runner::History h = history(Format::schemagate, {row("0001", "create_users", "sha256:0001"),
                                                     row("0002", "add_email", "sha256:0002"), failed});
    core::Report report = gate::compare_history(set, h, h.source);
    EXPECT_EQ(lines(report), (Lines{"failed-migration error db/migrations/0003_add_index.sql: the history records "
                                    "this migration as failed (2024-05-03 09:00:00+00)",
                                    "pending-migration info db/migrations/0003_add_index.sql: the migration is not "
                                    "applied yet"}));
    EXPECT_EQ(gate::applied_identities(set, h), (std::set<std::string>{"0001|create_users", "0002|add_email"}));
}

TEST(CompareHistory, NoHistoryTableCountsEveryMigrationAsPending) {
    core::MigrationSet set = three_migrations();
    core::Report report = gate::compare_history(set, std::nullopt, source(Format::schemagate));
    EXPECT_EQ(lines(report),
              (Lines{"pending-migration info db/migrations: the database has no public.schemagate_history table: "
                     "every migration counts as pending",
                     "pending-migration info db/migrations/0001_create_users.sql: the migration is not applied yet",
                     "pending-migration info db/migrations/0002_add_email.sql: the migration is not applied yet",
                     "pending-migration info db/migrations/0003_add_index.sql: the migration is not applied yet"}));
    EXPECT_EQ(report.failed_checks, 3);
    core::Report flyway = gate::compare_history(set, std::nullopt, source(Format::flyway));
    ASSERT_FALSE(flyway.findings.empty());
    EXPECT_EQ(flyway.findings.front().message,
              "the database has no Flyway's public.flyway_schema_history table: "
              "every migration counts as pending");
    EXPECT_EQ(gate::applied_identities(set, std::nullopt), std::set<std::string>{});
}

TEST(CompareHistory, FlywayComparesVersionsNumericallyAndChecksumsAsCrc32) {
    // CRC-32 of the lines without their line ends, signed: 336540139 for 0001's text.
    core::Report report = compared(
        history(Format::flyway, {row("1", "create users", "336540139"), row("2", "add email", "7")}));
    EXPECT_EQ(lines(report), (Lines{"checksum-mismatch error db/migrations/0002_add_email.sql: the migration was "
                                    "changed after it was applied: Flyway's history has checksum 7, the file's is "
                                    "866918355",
                                    "pending-migration info db/migrations/0003_add_index.sql: the migration is not "
                                    "applied yet"}));
}

TEST(CompareHistory, FlywayBaselineCountsOlderFilesAsApplied) {
    core::MigrationSet set = three_migrations();
    runner::History h = history(Format::flyway, {}, "2");
    core::Report report = gate::compare_history(set, h, h.source);
    EXPECT_EQ(lines(report),
              Lines{"pending-migration info db/migrations/0003_add_index.sql: the migration is not applied yet"});
    EXPECT_EQ(gate::applied_identities(set, h), (std::set<std::string>{"1", "2"}));
}

TEST(CompareHistory, GolangMigrateCurrentVersionMustHaveAFile) {
    core::MigrationSet set = three_migrations();
    runner::History h = history(Format::golang_migrate, {}, "4");
    core::Report report = gate::compare_history(set, h, h.source);
    EXPECT_EQ(lines(report),
              Lines{"missing-migration-file error db/migrations: migration 4 was applied but its file is missing"});
    EXPECT_EQ(gate::applied_identities(set, h), (std::set<std::string>{"1", "2", "3"}));
}

TEST(HistoryIdentity, SchemagateUsesVersionAndNameOthersTheNumericVersion) {
    core::Migration m = migration("0003", "add_index", "");
    EXPECT_EQ(gate::history_identity(source(Format::schemagate), m), "0003|add_index");
    m.name = "";
    EXPECT_EQ(gate::history_identity(source(Format::schemagate), m), "0003|0003_add_index.sql");
    EXPECT_EQ(gate::history_identity(source(Format::flyway), m), "3");
    EXPECT_EQ(gate::history_identity(source(Format::golang_migrate), m), "3");
    m.version = "1_1";
    EXPECT_EQ(gate::history_identity(source(Format::versions), m), "1.1");
    m.version = "01.1.0";
    EXPECT_EQ(gate::history_identity(source(Format::flyway), m), "1.1");
    m.version = "20240501120000";
    EXPECT_EQ(gate::history_identity(source(Format::golang_migrate), m), "20240501120000");
}

TEST(AppliedIdentities, FailedRowBelowTheBaselineIsNotApplied) {
    core::MigrationSet set = three_migrations();
    runner::History h = history(Format::flyway, {row("2", "add email", "", false)}, "3");
    EXPECT_EQ(gate::applied_identities(set, h), (std::set<std::string>{"1", "3"}));
}

}  // namespace
