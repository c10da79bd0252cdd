#include "production_fixture.hpp"

#include "pg_environment.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <fstream>
#include <iterator>

using namespace production_test;

namespace {

gate::MigrateOptions migrate_options(const Project& project, const std::string& url) {
    gate::MigrateOptions options;
    options.gate = gate_options(project, url);
    return options;
}

std::string messages(const core::Report& report) {
    std::string out;
    for (const core::Finding& f : report.findings) { out += f.rule.str() + ": " + f.message + "\n"; }
    return out;
}

}  // namespace

TEST(MigrateTest, AppliesPendingAndSecondRunIsNoOp) {
    Project project;
    std::string url = runner_test::fresh_database();
    core::Report first = gate::migrate(project.set(), migrate_options(project, url));
    EXPECT_TRUE(first.passed()) << messages(first);
    ASSERT_EQ(3u, first.migrations.size());
    for (const core::MigrationRecord& record : first.migrations) {
        EXPECT_EQ(core::MigrationStatus::applied, record.status);
    }
    EXPECT_EQ("3", query(url, "SELECT count(*) FROM schemagate_history WHERE success"));

    core::Report second = gate::migrate(project.set(), migrate_options(project, url));
    EXPECT_TRUE(second.passed()) << messages(second);
    for (const core::MigrationRecord& record : second.migrations) {
        EXPECT_EQ(core::MigrationStatus::skipped, record.status);
    }
    EXPECT_EQ("3", query(url, "SELECT count(*) FROM schemagate_history"));
}

TEST(MigrateTest, MigrationThatBreaksTheRequiredSchemaIsRolledBackAndNotRecorded) {
    Project project;
    std::string url = production_database(project);
    project.dir().write("0004_drop_email.sql",
                        "CREATE TABLE audit (id bigint);\nALTER TABLE users DROP COLUMN email;\n");
    core::Report report = gate::migrate(project.set(), migrate_options(project, url));
    EXPECT_FALSE(report.passed());
    std::vector<core::Finding> found = findings_of(report, "required-schema-broken");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_NE(std::string::npos, found[0].message.find("email")) << found[0].message;
    EXPECT_EQ(core::MigrationStatus::rolled_back, report.migrations.back().status);
    EXPECT_EQ("0", query(url, "SELECT count(*) FROM schemagate_history WHERE version = '0004'"));
    EXPECT_EQ("1", query(url,
                         "SELECT count(*) FROM information_schema.columns "
                         "WHERE table_name = 'users' AND column_name = 'email'"));
    EXPECT_EQ("", query(url, "SELECT to_regclass('audit')::text"));
}

TEST(MigrateTest, LastPendingMustLeaveTheFullRequiredSchema) {
    Project project;
    project.dir().write("required_schema.yaml", "tables:\n  teams: {required: [id]}\n");
    std::string url = runner_test::fresh_database();
    core::Report report = gate::migrate(project.set(), migrate_options(project, url));
    ASSERT_EQ(1u, findings_of(report, "required-schema-broken").size()) << messages(report);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
    EXPECT_EQ(core::MigrationStatus::rolled_back, report.migrations[2].status);
    EXPECT_EQ("2", query(url, "SELECT count(*) FROM schemagate_history"));
}

TEST(MigrateTest, RefusesOnChecksumMismatchUnlessForced) {
    Project project;
    std::string url = production_database(project);
    std::ifstream in(project.dir().path() / "0001_orgs_users.sql");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    project.dir().write("0001_orgs_users.sql", "-- edited after it was applied\n" + text);
    project.dir().write("0004_users_name.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n");
    core::Report refused = gate::migrate(project.set(), migrate_options(project, url));
    EXPECT_FALSE(refused.passed());
    EXPECT_EQ(1u, findings_of(refused, "checksum-mismatch").size()) << messages(refused);
    EXPECT_EQ(core::MigrationStatus::pending, refused.migrations.back().status);
    EXPECT_EQ("0", query(url, "SELECT count(*) FROM schemagate_history WHERE version = '0004'"));

    gate::MigrateOptions forced = migrate_options(project, url);
    forced.force = true;
    core::Report report = gate::migrate(project.set(), forced);
    EXPECT_TRUE(report.passed()) << messages(report);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations.back().status);
    EXPECT_EQ("--force checksum-mismatch",
              query(url, "SELECT substr(name, 18) FROM schemagate_history WHERE name LIKE 'schemagate:force%'"));
}

TEST(MigrateTest, DryRunReportsPlannedChangesAndWritesNothing) {
    Project project;
    std::string url = production_database(project);
    exec(url, "INSERT INTO orgs VALUES (1, 'acme')");
    project.dir().write("0004_users_name.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n");
    std::string catalog =
        "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relname = 'users' AND a.attnum > 0";
    std::string columns_before = query(url, catalog);
    gate::ProductionOptions options = gate_options(project, url);
    options.dry_run = true;
    core::Report report = gate::production_gate(project.set(), options);
    std::vector<core::Finding> planned = findings_of(report, "planned-change");
    ASSERT_EQ(1u, planned.size()) << messages(report);
    EXPECT_NE(std::string::npos, planned[0].message.find("column public.users.name")) << planned[0].message;
    EXPECT_TRUE(report.passed()) << messages(report);
    EXPECT_EQ(columns_before, query(url, catalog));
    EXPECT_EQ("1", query(url, "SELECT count(*) FROM orgs"));
    EXPECT_EQ("3", query(url, "SELECT count(*) FROM schemagate_history"));
}

// An interrupted CREATE INDEX CONCURRENTLY leaves an INVALID index; the rerun's IF NOT
// EXISTS skips it. migrate must not record that migration as a success.
TEST(MigrateTest, InvalidIndexLeftByConcurrentBuildIsNeverRecordedAsSuccess) {
    Project project;
    std::string url = production_database(project);
    exec(url, "INSERT INTO orgs VALUES (1, 'a'), (2, 'a')");
    try {
        pqxx::connection cx(url);
        pqxx::nontransaction(cx).exec("CREATE UNIQUE INDEX CONCURRENTLY orgs_name_key ON orgs (name)");
    } catch (const pqxx::sql_error&) {
        // the duplicate names stop the build half-way: orgs_name_key stays, INVALID
    }
    ASSERT_EQ("f", query(url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orgs_name_key'::regclass"));
    project.dir().write(
        "0004_orgs_name_key.sql",
        "-- schemagate:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orgs_name_key ON orgs (name);\n");
    gate::MigrateOptions options = migrate_options(project, url);
    options.gate.drift = false;
    core::Report report = gate::migrate(project.set(), options);
    EXPECT_FALSE(report.passed()) << messages(report);
    EXPECT_NE(std::string::npos, messages(report).find("index public.orgs_name_key is INVALID")) << messages(report);
    EXPECT_EQ("0", query(url, "SELECT count(*) FROM schemagate_history WHERE version = '0004'"));
}
