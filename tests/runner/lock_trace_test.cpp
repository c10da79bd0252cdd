// The lock trace on the real server: each table-level lock mode as the PostgreSQL docs name
// it, rewrites (also from DDL inside a DO block), full scans, objects created in the same
// migration left out, and the trace-only findings.
#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <algorithm>

using runner_test::MigrationDir;

namespace {

const char* const k_tables =
    "CREATE TABLE s1 (id int PRIMARY KEY);\n"
    "CREATE TABLE s2 (id int PRIMARY KEY);\n"
    "CREATE TABLE s3 (id int PRIMARY KEY);\n"
    "CREATE TABLE s4 (id int PRIMARY KEY);\n"
    "CREATE TABLE s5 (id int PRIMARY KEY);\n"
    "CREATE TABLE s6 (id int PRIMARY KEY);\n"
    "CREATE MATERIALIZED VIEW s7 AS SELECT id FROM s1;\n"
    "CREATE UNIQUE INDEX s7_id ON s7 (id);\n"
    "CREATE TABLE s8 (id int PRIMARY KEY, v varchar(10));\n"
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n";

core::Report traced(const MigrationDir& dir) {
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.trace_locks = true;
    return runner::apply(cx, dir.discover(), options);
}

// The mode the statement on `line` newly took on `relation`; "" when none.
std::string mode_at(const core::MigrationRecord& record, int line, const std::string& relation) {
    for (const core::TracedStatement& s : record.statements) {
        if (s.line != line) { continue; }
        for (const core::TracedLock& lock : s.locks) {
            if (lock.relation == relation) { return lock.mode; }
        }
    }
    return "";
}

const core::TracedStatement* statement_at(const core::MigrationRecord& record, int line) {
    for (const core::TracedStatement& s : record.statements) {
        if (s.line == line) { return &s; }
    }
    return nullptr;
}

std::string first_message(const core::Report& report) {
    return report.findings.empty() ? "" : report.findings[0].message;
}

int count_rule(const core::Report& report, const std::string& rule) {
    return static_cast<int>(std::count_if(report.findings.begin(), report.findings.end(),
                                          [&](const core::Finding& f) { return f.rule == rule; }));
}

}  // namespace

TEST(LockTraceTest, EveryTableLockModeIsTracedWithTheDocsName) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_locks.sql",
              "SELECT count(*) FROM s1;\n"
              "SELECT * FROM s2 FOR UPDATE;\n"
              "INSERT INTO s3 VALUES (1);\n"
              "ANALYZE s4;\n"
              "CREATE INDEX s5_idx ON s5 (id);\n"
              "CREATE TRIGGER s6_touch BEFORE INSERT ON s6 FOR EACH ROW EXECUTE FUNCTION touch();\n"
              "REFRESH MATERIALIZED VIEW CONCURRENTLY s7;\n"
              "ALTER TABLE s8 ADD COLUMN x int;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    const core::MigrationRecord& m = report.migrations.at(1);
    ASSERT_TRUE(m.traced);
    ASSERT_EQ(8u, m.statements.size());
    EXPECT_EQ("ACCESS SHARE", mode_at(m, 1, "public.s1"));
    EXPECT_EQ("ROW SHARE", mode_at(m, 2, "public.s2"));
    EXPECT_EQ("ROW EXCLUSIVE", mode_at(m, 3, "public.s3"));
    EXPECT_EQ("SHARE UPDATE EXCLUSIVE", mode_at(m, 4, "public.s4"));
    EXPECT_EQ("SHARE", mode_at(m, 5, "public.s5"));
    EXPECT_EQ("SHARE ROW EXCLUSIVE", mode_at(m, 6, "public.s6"));
    EXPECT_EQ("EXCLUSIVE", mode_at(m, 7, "public.s7"));
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(m, 8, "public.s8"));
    EXPECT_EQ("SELECT", m.statements[0].command);
    EXPECT_EQ("INSERT", m.statements[2].command);
    EXPECT_EQ("ALTER TABLE", m.statements[7].command);
    EXPECT_TRUE(m.statements[7].rewrites.empty());  // a column without a default: no rewrite
    // The index on s3 is held as strongly as its table: folded into it.
    for (const core::TracedLock& lock : m.statements[2].locks) { EXPECT_EQ("public.s3", lock.relation); }
    // The first migration created them all: nothing pre-existed.
    ASSERT_TRUE(report.migrations.at(0).traced);
    for (const core::TracedStatement& s : report.migrations[0].statements) { EXPECT_TRUE(s.locks.empty()) << s.line; }
    EXPECT_EQ(0, count_rule(report, "exclusive-lock-held"));  // the ACCESS EXCLUSIVE statement is the last
}

TEST(LockTraceTest, AlterColumnTypeInsideADoBlockIsARewriteFinding) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_widen.sql",
              "-- dynamic DDL no static rule sees\n"
              "DO $$ BEGIN EXECUTE 'ALTER TABLE s8 ALTER COLUMN id TYPE bigint'; END $$;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed);
    const core::TracedStatement* s = statement_at(report.migrations.at(1), 2);
    ASSERT_NE(nullptr, s);
    EXPECT_EQ("DO", s->command);
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(report.migrations[1], 2, "public.s8"));
    EXPECT_NE(s->rewrites.end(), std::find(s->rewrites.begin(), s->rewrites.end(), "public.s8"));
    ASSERT_EQ(1, count_rule(report, "table-rewrite"));
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("table-rewrite", f.rule);
    EXPECT_EQ(core::Severity::warning, f.severity);
    EXPECT_NE(std::string::npos, f.file.find("0002_widen.sql"));
    EXPECT_EQ(2, f.start.line);
    EXPECT_EQ(1, f.start.column);
    EXPECT_NE(std::string::npos, f.message.find("public.s8")) << f.message;
}

TEST(LockTraceTest, StatementsAfterAnAccessExclusiveLockAreReportedOnce) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_held.sql",
              "SET lock_timeout = '5s';\n"
              "ALTER TABLE s1 ADD COLUMN a int;\n"
              "ALTER TABLE s2 ADD COLUMN b int;\n"
              "UPDATE s3 SET id = id;\n");
    core::Report report = traced(dir);
    ASSERT_EQ(1, count_rule(report, "exclusive-lock-held"));
    const core::Finding& f = report.findings[0];
    EXPECT_EQ(2, f.start.line);
    EXPECT_NE(std::string::npos, f.message.find("public.s1")) << f.message;
    EXPECT_NE(std::string::npos, f.message.find("2 more statements")) << f.message;
}

TEST(LockTraceTest, ObjectsCreatedInTheSameMigrationAreLeftOut) {
    MigrationDir dir;
    dir.write("0001_new.sql",
              "CREATE TABLE fresh (id int PRIMARY KEY);\n"
              "INSERT INTO fresh VALUES (1);\n"
              "ALTER TABLE fresh ALTER COLUMN id TYPE bigint;\n"
              "DROP TABLE fresh;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed);
    ASSERT_EQ(4u, report.migrations.at(0).statements.size());
    for (const core::TracedStatement& s : report.migrations[0].statements) {
        EXPECT_TRUE(s.locks.empty()) << s.line;
        EXPECT_TRUE(s.rewrites.empty()) << s.line;
    }
    EXPECT_TRUE(report.findings.empty());
}

// PostgreSQL 12+: SET NOT NULL skips the scan when a validated CHECK (col IS NOT NULL)
// proves it; without one it scans the table.
TEST(LockTraceTest, SetNotNullAfterAValidatedCheckIsNotAScan) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables + std::string("ALTER TABLE s8 ADD CONSTRAINT v_nn CHECK (v IS NOT NULL);\n"));
    dir.write("0002_not_null.sql",
              "ALTER TABLE s8 ALTER COLUMN v SET NOT NULL;\n"
              "ALTER TABLE s2 ADD COLUMN w int;\n"
              "ALTER TABLE s2 ALTER COLUMN w SET NOT NULL;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed);
    const core::MigrationRecord& m = report.migrations.at(1);
    ASSERT_EQ(3u, m.statements.size());
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(m, 1, "public.s8"));
    EXPECT_TRUE(m.statements[0].scans.empty());
    EXPECT_EQ(std::vector<std::string>{"public.s2"}, m.statements[2].scans);
}

TEST(LockTraceTest, AFailingStatementIsReportedAtItsPosition) {
    MigrationDir dir;
    dir.write("0001_bad.sql", "CREATE TABLE a (id int);\n\nINSERT INTO nope VALUES (1);\n");
    core::Report report = traced(dir);
    ASSERT_TRUE(report.migration_failed);
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("migration-failed", report.findings[0].rule);
    EXPECT_EQ(3, report.findings[0].start.line);
    EXPECT_EQ(13, report.findings[0].start.column);
    EXPECT_EQ(core::MigrationStatus::failed, report.migrations[0].status);
}

TEST(LockTraceTest, MigrationsCountedAsAppliedAreNotTraced) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    core::MigrationSet set = dir.discover();
    set.migrations[0].applied = true;
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.trace_locks = true;
    core::Report report = runner::apply(cx, set, options);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations.at(0).status);
    EXPECT_FALSE(report.migrations[0].traced);
}

// The trace skips pg_locks after statements runner/lock_free.hpp clears, unless an event
// trigger exists (the server decides): the report must not change.
TEST(LockTraceTest, CheapTracesMissNoLockFromEventTriggersOrForeignKeys) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables + std::string("CREATE FUNCTION read_s1() RETURNS event_trigger LANGUAGE "
                                                        "plpgsql AS $$ BEGIN PERFORM count(*) FROM s1; END $$;\n"));
    dir.write("0002_plain.sql",
              "CREATE TABLE t1 (id int);\n"
              "CREATE TABLE t2 (id int REFERENCES s2 (id));\n");
    dir.write("0003_trigger.sql",
              "CREATE EVENT TRIGGER read_s1 ON ddl_command_end EXECUTE FUNCTION read_s1();\n"
              "CREATE TABLE t3 (id int);\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    const core::MigrationRecord& plain = report.migrations.at(1);
    ASSERT_EQ(2u, plain.statements.size());
    EXPECT_TRUE(plain.statements[0].locks.empty());
    EXPECT_EQ("SHARE ROW EXCLUSIVE", mode_at(plain, 2, "public.s2"));  // the foreign key's table
    const core::MigrationRecord& trigger = report.migrations.at(2);
    ASSERT_EQ(2u, trigger.statements.size());
    EXPECT_EQ("ACCESS SHARE", mode_at(trigger, 2, "public.s1"));  // the event trigger's query
}

// What runner/lock_free.hpp proves on tables of the same migration (keys, indexes, NOT NULL)
// holds on the server: the same statements after one that voids the proofs (SELECT: code may
// run) get the full trace, and take no lock on a pre-existing relation; those that name one
// do. A rename voids the proofs: the index on the renamed table is traced (its scan seen).
TEST(LockTraceTest, StatementsOnTablesOfTheSameMigrationLockNoPreExistingRelation) {
    const std::string statements =
        "CREATE TABLE n1 (id int PRIMARY KEY, s int);\n"
        "CREATE TABLE n2 (id int, n1 int);\n"
        "CREATE UNIQUE INDEX n2_id ON n2 (id);\n"
        "ALTER TABLE n2 ADD CONSTRAINT n2_n1 FOREIGN KEY (n1) REFERENCES n1 (id), ALTER COLUMN id SET NOT NULL;\n"
        "ALTER TABLE s1 ADD COLUMN x int;\n"
        "CREATE INDEX n1_s ON n1 (s);\n"
        "ALTER TABLE n1 ADD CONSTRAINT n1_s4 FOREIGN KEY (s) REFERENCES s4 (id);\n";
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_proven.sql", statements);
    std::string renamed = statements;
    for (std::size_t at = 0; (at = renamed.find("n1", at)) != std::string::npos; at += 2) { renamed[at] = 'm'; }
    for (std::size_t at = 0; (at = renamed.find("n2", at)) != std::string::npos; at += 2) { renamed[at] = 'm'; }
    for (std::size_t at = 0; (at = renamed.find(" x ", at)) != std::string::npos; at += 3) { renamed[at + 1] = 'y'; }
    dir.write("0003_traced.sql", "SELECT 1;\n" + renamed);
    dir.write("0004_renamed.sql", "ALTER TABLE s3 RENAME TO r3;\nCREATE INDEX r3_id ON r3 (id);\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    for (std::size_t m : {1U, 2U}) {
        const core::MigrationRecord& record = report.migrations.at(m);
        int offset = m == 2 ? 1 : 0;
        ASSERT_EQ(7u + offset, record.statements.size());
        for (int line : {1, 2, 3, 4, 6}) {
            const core::TracedStatement* s = statement_at(record, line + offset);
            ASSERT_NE(nullptr, s);
            EXPECT_TRUE(s->locks.empty() && s->rewrites.empty() && s->scans.empty()) << record.file << ":" << line;
        }
        EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(record, 5 + offset, "public.s1")) << record.file;
        EXPECT_EQ("SHARE ROW EXCLUSIVE", mode_at(record, 7 + offset, "public.s4")) << record.file;
    }
    const core::TracedStatement* index = statement_at(report.migrations.at(3), 2);
    ASSERT_NE(nullptr, index);
    EXPECT_EQ(std::vector<std::string>{"public.s3"}, index->scans);
}

// Scans are counted from each migration's start: a table scanned by the migration before (its
// count still pending in the backend's statistics unless flushed) is no scan of the next one.
TEST(LockTraceTest, AScanInOneMigrationIsNotCountedInTheNext) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_scan.sql", "SELECT count(*) FROM s1;\n");
    dir.write("0003_no_scan.sql",
              "ALTER TABLE s1 ADD COLUMN x int;\nALTER TABLE s1 ADD CONSTRAINT x_positive CHECK (x > 0);\n");
    dir.write("0004_no_scan.sql", "ALTER TABLE s1 ADD COLUMN y int;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    EXPECT_EQ(std::vector<std::string>{"public.s1"}, report.migrations.at(1).statements.at(0).scans);
    EXPECT_TRUE(report.migrations.at(2).statements.at(0).scans.empty());
    EXPECT_EQ(std::vector<std::string>{"public.s1"}, report.migrations.at(2).statements.at(1).scans);
    EXPECT_TRUE(report.migrations.at(3).statements.at(0).scans.empty());
}

// A no-transaction file is traced statement by statement as it runs: what PostgreSQL allows
// in a transaction block with its locks, what it refuses there alone (its locks released when
// it committed, its rewrite still seen).
TEST(LockTraceTest, NoTransactionFilesAreTracedStatementByStatement) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_online.sql",
              "-- schemagate:no-transaction\n"
              "ALTER TABLE s8 ADD COLUMN y int;\n"
              "CREATE INDEX CONCURRENTLY s5_c ON s5 (id);\n"
              "VACUUM FULL s1;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    const core::MigrationRecord& m = report.migrations.at(1);
    EXPECT_EQ(core::MigrationStatus::applied, m.status);
    ASSERT_TRUE(m.traced);
    ASSERT_EQ(3u, m.statements.size());
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(m, 2, "public.s8"));
    EXPECT_FALSE(m.statements[0].outside_transaction);
    EXPECT_EQ("CREATE INDEX", m.statements[1].command);
    EXPECT_EQ(3, m.statements[1].line);
    EXPECT_TRUE(m.statements[1].outside_transaction);
    EXPECT_TRUE(m.statements[1].locks.empty());
    EXPECT_EQ("VACUUM", m.statements[2].command);
    EXPECT_TRUE(m.statements[2].outside_transaction);
    EXPECT_EQ((std::vector<std::string>{"public.s1", "public.s1_pkey"}), m.statements[2].rewrites);  // and its index
    EXPECT_EQ(1, count_rule(report, "table-rewrite"));
    EXPECT_EQ(0, count_rule(report, "exclusive-lock-held"));  // each statement committed on its own
    // The next migration still knows what exists (the index made concurrently is pre-existing).
    dir.write("0003_after.sql", "CREATE TABLE s9 (id int REFERENCES s8 (id));\nALTER INDEX s5_c RENAME TO s5_d;\n");
    core::Report again = traced(dir);
    ASSERT_FALSE(again.migration_failed) << first_message(again);
    EXPECT_EQ("SHARE ROW EXCLUSIVE", mode_at(again.migrations.at(2), 1, "public.s8"));
    EXPECT_EQ("SHARE UPDATE EXCLUSIVE", mode_at(again.migrations.at(2), 2, "public.s5_c"));
}

TEST(LockTraceTest, AFailingNoTransactionStatementIsReportedAtItsPosition) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_bad.sql",
              "-- schemagate:no-transaction\n"
              "CREATE INDEX CONCURRENTLY x ON nope (id);\n");
    core::Report report = traced(dir);
    ASSERT_TRUE(report.migration_failed);
    ASSERT_EQ(1, count_rule(report, "migration-failed"));
    EXPECT_EQ(2, report.findings[0].start.line);
    EXPECT_EQ(1, report.findings[0].start.column);  // the server gives no position for it: the statement
    EXPECT_NE(std::string::npos, report.findings[0].message.find("42P01")) << report.findings[0].message;
    EXPECT_EQ(core::MigrationStatus::failed, report.migrations.at(1).status);
}

// A migration may drop the trace's prepared queries (DEALLOCATE, DISCARD ALL): the statements
// after it, and the migrations after it, are traced all the same.
TEST(LockTraceTest, AMigrationThatDeallocatesTheTraceQueriesIsTracedAllTheSame) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_one.sql", "DEALLOCATE schemagate_trace;\nALTER TABLE s8 ADD COLUMN a int;\n");
    dir.write("0003_all.sql", "DEALLOCATE ALL;\nALTER TABLE s1 ADD COLUMN b int;\n");
    dir.write("0004_discard.sql",
              "-- schemagate:no-transaction\n"
              "DISCARD ALL;\n"
              "ALTER TABLE s2 ADD COLUMN c int;\n");
    dir.write("0005_after.sql", "ALTER TABLE s3 ADD COLUMN d int;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(report.migrations.at(1), 2, "public.s8"));
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(report.migrations.at(2), 2, "public.s1"));
    const core::MigrationRecord& discard = report.migrations.at(3);
    ASSERT_EQ(2u, discard.statements.size());
    EXPECT_TRUE(discard.statements[0].outside_transaction);  // refused in a transaction block: alone
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(discard, 3, "public.s2"));
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(report.migrations.at(4), 1, "public.s3"));
}

// The trace's limit (the newest relation before the migration) is a setting; a migration that
// resets every setting loses nothing: locks on pre-existing relations are still reported, the
// new table is still left out, and the next migration knows it.
TEST(LockTraceTest, AMigrationThatResetsAllSettingsIsTracedAllTheSame) {
    MigrationDir dir;
    dir.write("0001_tables.sql", k_tables);
    dir.write("0002_reset.sql", "RESET ALL;\nCREATE TABLE n1 (id int);\nALTER TABLE s4 ADD COLUMN e int;\n");
    dir.write("0003_after.sql", "ALTER TABLE n1 ADD COLUMN f int;\n");
    core::Report report = traced(dir);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    const core::MigrationRecord& reset = report.migrations.at(1);
    ASSERT_NE(nullptr, statement_at(reset, 2));
    EXPECT_TRUE(statement_at(reset, 2)->locks.empty());
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(reset, 3, "public.s4"));
    EXPECT_EQ("ACCESS EXCLUSIVE", mode_at(report.migrations.at(2), 1, "public.n1"));
}

// The rollback check reads the state before the migration (it counts every table's rows):
// those reads are not the migration's, so the first statement's trace holds no ACCESS SHARE
// on tables it never named, and no full scan of them.
TEST(LockTraceTest, TheRollbackChecksReadsBeforeTheMigrationAreNotItsLocks) {
    MigrationDir dir;
    dir.write("2024-01-01-000000_tables/up.sql", k_tables);
    dir.write("2024-01-01-000000_tables/down.sql",
              "DROP MATERIALIZED VIEW s7;\nDROP TABLE s1, s2, s3, s4, s5, s6, s8;\nDROP FUNCTION touch();\n");
    dir.write("2024-01-02-000000_flag/up.sql", "ALTER TABLE s1 ADD COLUMN flagged boolean;\n");
    dir.write("2024-01-02-000000_flag/down.sql", "ALTER TABLE s1 DROP COLUMN flagged;\n");
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.trace_locks = true;
    options.rollback.scope = runner::RollbackScope::all;
    core::Report report = runner::apply(cx, dir.discover(), options);
    ASSERT_FALSE(report.migration_failed) << first_message(report);
    ASSERT_EQ(0, count_rule(report, "rollback-incomplete")) << first_message(report);
    ASSERT_EQ(2U, report.migrations.size());
    ASSERT_FALSE(report.migrations[1].statements.empty());
    const core::TracedStatement& alter = report.migrations[1].statements[0];
    std::string seen;  // the whole trace of the statement, for a failure's message
    for (const core::TracedLock& lock : alter.locks) { seen += " " + lock.mode + " on " + lock.relation + ";"; }
    for (const std::string& table : alter.scans) { seen += " scanned " + table + ";"; }
    ASSERT_EQ(1U, alter.locks.size()) << alter.command << ":" << seen;
    EXPECT_EQ("public.s1", alter.locks[0].relation);
    EXPECT_EQ("ACCESS EXCLUSIVE", alter.locks[0].mode);
    EXPECT_TRUE(alter.scans.empty()) << alter.command << ":" << seen;
}
