#include "production_fixture.hpp"

#include "runner/production.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

using namespace production_test;

namespace {

std::string messages(const core::Report& report) {
    std::string out;
    for (const core::Finding& f : report.findings) { out += f.rule + ": " + f.message + "\n"; }
    return out;
}

}  // namespace

TEST(GateTest, CleanProductionPasses) {
    Project project;
    std::string url = production_database(project);
    core::Report report = gate::production_gate(project.set(), gate_options(project, url, true));
    EXPECT_TRUE(report.passed()) << messages(report);
    EXPECT_EQ(0u, report.findings.size()) << messages(report);
    ASSERT_EQ(3u, report.migrations.size());
    EXPECT_EQ("applied", report.migrations[2].status);
}

TEST(GateTest, HandAddedColumnIsSchemaDrift) {
    Project project;
    std::string url = production_database(project);
    exec(url, "ALTER TABLE users ADD COLUMN nickname text");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url, true));
    std::vector<core::Finding> drift = findings_of(report, "schema-drift");
    ASSERT_EQ(1u, drift.size()) << messages(report);
    EXPECT_NE(std::string::npos, drift[0].message.find("column public.users.nickname")) << drift[0].message;
    EXPECT_FALSE(report.passed());
}

TEST(GateTest, ChangedAppliedFileIsChecksumMismatch) {
    Project project;
    std::string url = production_database(project);
    project.dir().write("0002_memberships.sql", "-- edited after it was applied\n"
                                                "CREATE TABLE IF NOT EXISTS memberships (org_id bigint NOT NULL, "
                                                "user_id bigint NOT NULL, PRIMARY KEY (org_id, user_id));\n");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url));
    std::vector<core::Finding> found = findings_of(report, "checksum-mismatch");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_NE(std::string::npos, found[0].file.find("0002_memberships.sql"));
    EXPECT_FALSE(report.passed());
}

TEST(GateTest, MissingFileIsReported) {
    Project project;
    std::string url = production_database(project);
    std::filesystem::remove(project.dir().path() / "0003_invites.sql");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url));
    std::vector<core::Finding> found = findings_of(report, "missing-migration-file");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_NE(std::string::npos, found[0].message.find("0003 invites")) << found[0].message;
}

TEST(GateTest, PendingMigrationIsInfoAndPasses) {
    Project project;
    std::string url = production_database(project);
    project.dir().write("0004_users_name.sql", "ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url, true));
    std::vector<core::Finding> found = findings_of(report, "pending-migration");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_EQ(core::Severity::info, found[0].severity);
    EXPECT_TRUE(report.passed()) << messages(report);
    EXPECT_EQ("pending", report.migrations.back().status);
}

TEST(GateTest, OlderPendingMigrationIsOutOfOrder) {
    Project project;
    std::string url = production_database(project);
    exec(url, "DELETE FROM schemagate_history WHERE version = '0002'");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url));
    std::vector<core::Finding> found = findings_of(report, "out-of-order-pending");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_NE(std::string::npos, found[0].file.find("0002_memberships.sql"));
}

TEST(GateTest, RlsOffIsReported) {
    Project project;
    std::string url = production_database(project);
    exec(url, "ALTER TABLE orgs DISABLE ROW LEVEL SECURITY");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url));
    EXPECT_EQ(1u, findings_of(report, "rls-disabled").size()) << messages(report);
    EXPECT_FALSE(report.passed());
}

TEST(GateTest, OrphanedRowsFailTheDataCheckWithSamples) {
    Project project;
    std::string url = production_database(project);
    exec(url, "INSERT INTO orgs VALUES (1, 'acme'); INSERT INTO invites VALUES (10, 1, 'a@x'), (11, 99, 'b@x')");
    core::Report report = gate::production_gate(project.set(), gate_options(project, url));
    std::vector<core::Finding> found = findings_of(report, "data-check");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_EQ("data check orphaned_invites found 1 offending row: (id=11, org_id=99)", found[0].message);
    EXPECT_TRUE(found[0].blocking());
    EXPECT_EQ(6, found[0].start.line);  // `- name:` in required_schema.yaml
}

TEST(GateTest, WriteThroughTheGatesConnectionIsRefused) {
    Project project;
    std::string url = production_database(project);
    runner::ReadOnlySession session(url, {});
    pqxx::work tx(session.connection());
    try {
        tx.exec("INSERT INTO orgs VALUES (7, 'evil')");
        FAIL() << "the write was accepted";
    } catch (const pqxx::sql_error& e) {
        EXPECT_EQ("25006", e.sqlstate());  // read_only_sql_transaction
    }
    EXPECT_EQ("0", query(url, "SELECT count(*) FROM orgs"));
}

TEST(GateTest, SessionHasTimeouts) {
    Project project;
    std::string url = production_database(project);
    runner::ReadOnlySession session(url, {1500, 20000});
    pqxx::nontransaction tx(session.connection());
    EXPECT_EQ("1500ms", tx.exec1("SHOW lock_timeout")[0].as<std::string>());
    EXPECT_EQ("20s", tx.exec1("SHOW statement_timeout")[0].as<std::string>());
    EXPECT_EQ("on", tx.exec1("SHOW default_transaction_read_only")[0].as<std::string>());
}

TEST(GateTest, CompareUrlReconcilesTwoEnvironments) {
    Project project;
    std::string production = production_database(project);
    std::string staging = production_database(project);
    exec(staging, "ALTER TABLE invites ADD COLUMN expires_at timestamptz");
    gate::ProductionOptions options = gate_options(project, production);
    options.compare_url = staging;
    core::Report report = gate::production_gate(project.set(), options);
    std::vector<core::Finding> found = findings_of(report, "environment-drift");
    ASSERT_EQ(1u, found.size()) << messages(report);
    EXPECT_NE(std::string::npos, found[0].message.find("column public.invites.expires_at")) << found[0].message;
}
