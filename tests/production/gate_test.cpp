#include "production_fixture.hpp"

#include "runner/production.hpp"
#include "runner/production_copy.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <chrono>
#include <thread>

using namespace production_test;

namespace {

std::string messages(const core::Report& report) {
    std::string out;
    for (const core::Finding& f : report.findings) { out += f.rule.str() + ": " + f.message + "\n"; }
    return out;
}

}  // namespace

TEST(GateTest, CleanProductionPasses) {
    Project project;
    std::string url = production_database(project);
    core::Report report = gate::production_gate(project.set(), gate_options(project, url, true));
    EXPECT_TRUE(report.passed()) << messages(report);
    // The test cluster's role is a superuser: said once, never a blocker.
    ASSERT_EQ(1u, report.findings.size()) << messages(report);
    EXPECT_EQ("gate-role-can-write", report.findings[0].rule);
    EXPECT_FALSE(report.findings[0].blocking());
    ASSERT_EQ(3u, report.migrations.size());
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[2].status);
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
    project.dir().write("0002_memberships.sql",
                        "-- edited after it was applied\n"
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
    EXPECT_EQ(core::MigrationStatus::pending, report.migrations.back().status);
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

// The check that once deleted rows through the gate: a SELECT that closes itself, commits,
// opens a read-write transaction and writes, then reopens the wrapper.
const char* const k_injection =
    "SELECT 1 AS x) AS a; COMMIT; BEGIN READ WRITE; DELETE FROM orgs; CREATE TABLE pwned(id int); COMMIT; "
    "SELECT * FROM (SELECT 1 AS x";

TEST(GateTest, InjectedCheckIsRefusedWhenTheRequiredSchemaIsRead) {
    std::string yaml = "checks:\n  - name: evil\n    sql: \"" + std::string(k_injection) + "\"\n";
    try {
        gate::parse_required_schema(yaml, "required_schema.yaml");
        FAIL() << "the check was accepted";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("required_schema.yaml:3:10")) << e.what();
        EXPECT_NE(std::string::npos, std::string(e.what()).find("not one read-only SELECT")) << e.what();
    }
}

TEST(GateTest, InjectedCheckChangesNothingEvenWhenSentDirectly) {
    Project project;
    std::string url = production_database(project);
    exec(url, "INSERT INTO orgs VALUES (1, 'acme')");
    runner::ReadOnlySession session(url, {});
    runner::CheckResult result = session.run_check(k_injection, 5);
    EXPECT_FALSE(result.error.empty());  // the extended protocol refuses several statements
    EXPECT_EQ("1", query(url, "SELECT count(*) FROM orgs"));
    EXPECT_EQ("", query(url, "SELECT to_regclass('pwned')::text"));
}

TEST(GateTest, MigrateDoesNotReportItsRoleCanWrite) {
    Project project;
    std::string url = production_database(project);
    gate::MigrateOptions options;
    options.gate = gate_options(project, url);
    core::Report report = gate::migrate(project.set(), options);
    EXPECT_TRUE(findings_of(report, "gate-role-can-write").empty()) << messages(report);
}

// A session holding ACCESS EXCLUSIVE on a table every read of the gate touches.
TEST(GateTest, HeldLockStopsTheGateAfterTheLockTimeoutNamingTheHolderAndLeavesNoLock) {
    Project project;
    std::string url = production_database(project);
    pqxx::connection holder(url);
    pqxx::work lock(holder);
    lock.exec("LOCK TABLE orgs IN ACCESS EXCLUSIVE MODE");
    std::string blocked_by = "blocked by pid " + std::to_string(holder.backendpid());
    gate::ProductionOptions options = gate_options(project, url);
    options.session.lock_timeout_ms = 300;
    try {
        gate::production_gate(project.set(), options);
        FAIL() << "the gate went through a held ACCESS EXCLUSIVE lock";
    } catch (const core::Error& e) { EXPECT_NE(std::string::npos, std::string(e.what()).find(blocked_by)) << e.what(); }
    // The dry run's pg_dump sets lock_timeout 0 itself: --lock-wait-timeout bounds it.
    try {
        runner::apply_to_copy(url, core::MigrationSet{}, {}, options.session);
        FAIL() << "pg_dump went through a held ACCESS EXCLUSIVE lock";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("pg_dump")) << e.what();
        EXPECT_NE(std::string::npos, std::string(e.what()).find(blocked_by)) << e.what();
    }
    EXPECT_EQ("0", query(url,
                         "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                         "WHERE a.application_name = 'schemagate' AND l.locktype = 'relation'"));
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

// A data check that outlives the statement_timeout, or whose connection is cut, stops the
// gate with one line naming what it was doing: not a finding about the check's SQL, never
// an internal error.
TEST(GateTest, DataCheckTimeoutAndLostConnectionAreToolErrors) {
    Project project;
    std::string url = production_database(project);
    runner::ReadOnlySession slow(url, {2000, 200});
    try {
        slow.run_check("SELECT 1 AS x FROM pg_sleep(5)", 5);
        FAIL() << "the check outlived statement_timeout";
    } catch (const core::Error& e) {
        std::string message = e.what();
        EXPECT_NE(std::string::npos, message.find("running a data check on ")) << message;
        EXPECT_NE(std::string::npos, message.find("--statement-timeout")) << message;
        EXPECT_EQ(std::string::npos, message.find('\n')) << message;
    }
    runner::ReadOnlySession cut(url, {});
    int pid = cut.connection().backendpid();
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        exec(url, "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    });
    try {
        cut.run_check("SELECT 1 AS x FROM pg_sleep(5)", 5);
        ADD_FAILURE() << "the check survived its terminated backend";
    } catch (const core::Error& e) {
        std::string message = e.what();
        EXPECT_NE(std::string::npos, message.find("running a data check on ")) << message;
        EXPECT_NE(std::string::npos, message.find("the connection was lost")) << message;
        EXPECT_EQ(std::string::npos, message.find('\n')) << message;
    }
    killer.join();
}
