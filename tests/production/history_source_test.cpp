// The gate reading other tools' history tables (config `history:`): Flyway's
// flyway_schema_history, golang-migrate's schema_migrations and a plain version list, each
// built by hand on a "production" database the project's migrations were applied to.
#include "production_fixture.hpp"

#include "core/config.hpp"
#include "core/error.hpp"
#include "runner/history_source.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace production_test;
using Format = runner::HistorySource::Format;

namespace {

std::string rules_of(const core::Report& report) {
    std::string out;
    for (const core::Finding& f : report.findings) { out += f.rule.str() + ": " + f.message + "\n"; }
    return out;
}

// The gate on the test cluster (a superuser) always notes that its role could write.
core::Report gate_without_role_note(const core::MigrationSet& set, const gate::ProductionOptions& options) {
    core::Report report = gate::production_gate(set, options);
    EXPECT_EQ(1u, findings_of(report, "gate-role-can-write").size());
    std::erase_if(report.findings, [](const core::Finding& f) { return f.rule == "gate-role-can-write"; });
    return report;
}

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A production database whose history lives in `format`'s table only.
std::string production_with(Project& project, Format format, const std::string& table = "") {
    std::string url = production_database(project);
    exec(url, "DROP TABLE schemagate_history");
    runner::HistorySource source;
    source.format = format;
    source.table = table;
    if (format == Format::flyway) {
        exec(url,
             "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), "
             "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
             "checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
             "execution_time int NOT NULL, success boolean NOT NULL)");
        int rank = 1;
        for (const core::Migration& m : project.set().migrations) {
            std::string checksum = std::to_string(runner::flyway_checksum(read(m.path)));
            exec(url, "INSERT INTO flyway_schema_history VALUES (" + std::to_string(rank++) + ", '" +
                          std::to_string(std::stoi(m.version)) + "', '" + m.name + "', 'SQL', '" + m.id + "', " +
                          checksum + ", 'deploy', now(), 5, true)");
        }
    }
    return url;
}

gate::ProductionOptions with_source(const Project& project, const std::string& url, Format format,
                                    const std::string& table = "", const std::string& column = "") {
    gate::ProductionOptions options = gate_options(project, url);
    options.history.format = format;
    options.history.table = table;
    options.history.column = column;
    return options;
}

}  // namespace

TEST(FlywayChecksumTest, IsCrc32OfTheLinesWithoutLineEndingsOrBom) {
    // Expected values from Python's zlib.crc32 over the text with line endings removed.
    EXPECT_EQ(1455298515, runner::flyway_checksum("CREATE TABLE a (id int);\nSELECT 1;\n"));
    EXPECT_EQ(1455298515, runner::flyway_checksum("\xEF\xBB\xBF"
                                                  "CREATE TABLE a (id int);\r\nSELECT 1;"));
    EXPECT_EQ(1455298515, runner::flyway_checksum("CREATE TABLE a (id int);\rSELECT 1;\r\n\r\n"));
    EXPECT_EQ(78787420, runner::flyway_checksum("SELECT 1;"));
    EXPECT_EQ(0, runner::flyway_checksum(""));
}

TEST(HistorySourceTest, FlywayHistoryOfACleanProductionPassesWithoutDrift) {
    Project project;
    std::string url = production_with(project, Format::flyway);
    gate::ProductionOptions options = with_source(project, url, Format::flyway);
    options.drift = true;
    core::Report report = gate_without_role_note(project.set(), options);
    EXPECT_TRUE(report.findings.empty()) << rules_of(report);  // flyway_schema_history is not drift
    ASSERT_EQ(3u, report.migrations.size());
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
}

TEST(HistorySourceTest, FlywayChecksumOfAnEditedFileIsAMismatch) {
    Project project;
    std::string url = production_with(project, Format::flyway);
    project.dir().write("0002_memberships.sql", "-- edited\n" + read(project.dir().path() / "0002_memberships.sql"));
    core::Report report = gate::production_gate(project.set(), with_source(project, url, Format::flyway));
    std::vector<core::Finding> found = findings_of(report, "checksum-mismatch");
    ASSERT_EQ(1u, found.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, found[0].file.find("0002_memberships.sql"));
    EXPECT_NE(std::string::npos, found[0].message.find("Flyway's history has checksum")) << found[0].message;
}

TEST(HistorySourceTest, FlywayBaselineCountsEarlierVersionsAsApplied) {
    Project project;
    std::string url = production_with(project, Format::flyway);
    exec(url,
         "DELETE FROM flyway_schema_history WHERE version IN ('1', '2');"
         "INSERT INTO flyway_schema_history VALUES (0, '2', '<< Flyway Baseline >>', 'BASELINE', "
         "'<< Flyway Baseline >>', NULL, 'deploy', now(), 0, true)");
    project.dir().write("0004_names.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n");
    core::Report report = gate_without_role_note(project.set(), with_source(project, url, Format::flyway));
    ASSERT_EQ(1u, report.findings.size()) << rules_of(report);
    EXPECT_EQ("pending-migration", report.findings[0].rule);
    EXPECT_NE(std::string::npos, report.findings[0].file.find("0004_names.sql"));
}

TEST(HistorySourceTest, FlywayFailedRowIsAFailedMigration) {
    Project project;
    std::string url = production_with(project, Format::flyway);
    exec(url, "UPDATE flyway_schema_history SET success = false WHERE version = '3'");
    core::Report report = gate::production_gate(project.set(), with_source(project, url, Format::flyway));
    std::vector<core::Finding> found = findings_of(report, "failed-migration");
    ASSERT_EQ(1u, found.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, found[0].file.find("0003_invites.sql"));
}

TEST(HistorySourceTest, GolangMigrateCurrentVersionAppliesEverythingUpToIt) {
    Project project;
    std::string url = production_with(project, Format::golang_migrate);
    exec(url,
         "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
         "INSERT INTO schema_migrations VALUES (2, false)");
    exec(url, "DROP TABLE invites");  // production as golang-migrate left it at version 2
    gate::ProductionOptions options = with_source(project, url, Format::golang_migrate);
    options.drift = true;      // replays 0001 and 0002 only
    options.required.reset();  // its data check reads invites, which 0003 creates
    core::Report report = gate_without_role_note(project.set(), options);
    ASSERT_EQ(1u, report.findings.size()) << rules_of(report);
    EXPECT_EQ("pending-migration", report.findings[0].rule);
    EXPECT_NE(std::string::npos, report.findings[0].file.find("0003_invites.sql"));
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
    EXPECT_EQ(core::MigrationStatus::pending, report.migrations[2].status);
}

TEST(HistorySourceTest, GolangMigrateDirtyVersionFailedHalfWay) {
    Project project;
    std::string url = production_with(project, Format::golang_migrate);
    exec(url,
         "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
         "INSERT INTO schema_migrations VALUES (3, true)");
    core::Report report = gate::production_gate(project.set(), with_source(project, url, Format::golang_migrate));
    std::vector<core::Finding> found = findings_of(report, "failed-migration");
    ASSERT_EQ(1u, found.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, found[0].file.find("0003_invites.sql"));
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
    EXPECT_FALSE(report.passed());
}

TEST(HistorySourceTest, GolangMigrateVersionWithoutAFileIsMissing) {
    Project project;
    std::string url = production_with(project, Format::golang_migrate);
    exec(url,
         "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
         "INSERT INTO schema_migrations VALUES (7, false)");
    core::Report report = gate::production_gate(project.set(), with_source(project, url, Format::golang_migrate));
    std::vector<core::Finding> found = findings_of(report, "missing-migration-file");
    ASSERT_EQ(1u, found.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, found[0].message.find("migration 7 was applied")) << found[0].message;
}

TEST(HistorySourceTest, PlainVersionListInAnyTableAndColumn) {
    Project project;
    std::string url = production_with(project, Format::versions);
    exec(url,
         "CREATE SCHEMA ops; CREATE TABLE ops.applied (v text PRIMARY KEY);"
         "INSERT INTO ops.applied VALUES ('0001'), ('0002'), ('0009')");
    core::Report report = gate::production_gate(project.set(),
                                                with_source(project, url, Format::versions, "ops.applied", "v"));
    EXPECT_EQ(1u, findings_of(report, "pending-migration").size()) << rules_of(report);
    std::vector<core::Finding> missing = findings_of(report, "missing-migration-file");
    ASSERT_EQ(1u, missing.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, missing[0].message.find("migration 0009")) << missing[0].message;
}

TEST(HistorySourceTest, DryRunAppliesOnlyWhatTheForeignHistoryLacks) {
    Project project;
    std::string url = production_with(project, Format::golang_migrate);
    exec(url,
         "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
         "INSERT INTO schema_migrations VALUES (3, false)");
    project.dir().write("0004_names.sql", "ALTER TABLE users ADD COLUMN name text;\n");
    gate::ProductionOptions options = with_source(project, url, Format::golang_migrate);
    options.dry_run = true;
    core::Report report = gate::production_gate(project.set(), options);
    EXPECT_FALSE(report.migration_failed) << rules_of(report);
    std::vector<core::Finding> planned = findings_of(report, "planned-change");
    ASSERT_EQ(1u, planned.size()) << rules_of(report);
    EXPECT_NE(std::string::npos, planned[0].message.find("public.users.name")) << planned[0].message;
    EXPECT_EQ("", query(url,
                        "SELECT column_name FROM information_schema.columns WHERE column_name = 'name' "
                        "AND table_name = 'users'"));  // the target is untouched
}

TEST(HistorySourceTest, MigrateRefusesAnotherToolsHistory) {
    Project project;
    std::string url = production_with(project, Format::flyway);
    gate::MigrateOptions options;
    options.gate = with_source(project, url, Format::flyway);
    EXPECT_THROW(gate::migrate(project.set(), options), core::Error);
    EXPECT_EQ("", query(url, "SELECT to_regclass('public.schemagate_history')::text"));
}

TEST(HistorySourceTest, ConfigNamesTheFormatOrSaysWhichItMeant) {
    Project project;
    project.dir().write("schemagate.yaml", "history:\n  format: flyway\n  table: ops.flyway_schema_history\n");
    core::Config config = core::load_config(project.dir().path() / "schemagate.yaml");
    EXPECT_EQ("flyway", config.history.format);
    EXPECT_EQ("ops.flyway_schema_history", config.history.table);
    project.dir().write("schemagate.yaml", "history:\n  format: flyaway\n");
    try {
        core::load_config(project.dir().path() / "schemagate.yaml");
        FAIL() << "a bad format was accepted";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos,
                  std::string(e.what()).find(":2:11: unknown history format 'flyaway': did you mean 'flyway'?"))
            << e.what();
    }
}
