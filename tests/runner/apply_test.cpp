#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

using runner_test::MigrationDir;

namespace {

core::Report apply_dir(const MigrationDir& dir, const std::string& conninfo, runner::ApplyOptions options = {},
                       std::vector<runner::PlannedChange>* changes = nullptr) {
    pqxx::connection cx(conninfo);
    return runner::apply(cx, dir.discover(), options, changes);
}

std::string scalar(const std::string& conninfo, const std::string& sql) {
    pqxx::connection cx(conninfo);
    pqxx::nontransaction tx(cx);
    return tx.exec1(sql)[0].as<std::string>("");
}

}  // namespace

TEST(ApplyTest, AppliesInVersionOrderAndRecordsHistory) {
    MigrationDir dir;
    dir.write("0002_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users (id));\n");
    dir.write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1);\n");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    ASSERT_EQ(2u, report.migrations.size());
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[0].status);
    EXPECT_EQ("0001", report.migrations[0].version);
    EXPECT_GE(report.migrations[1].duration_ms, 0);
    EXPECT_FALSE(report.migration_failed);
    EXPECT_TRUE(report.findings.empty());
    EXPECT_EQ("2", scalar(db, "SELECT count(*) FROM schemagate_history WHERE success"));
    EXPECT_EQ("users", scalar(db, "SELECT name FROM schemagate_history WHERE version = '0001'"));
}

TEST(ApplyTest, FailingStatementIsReportedAtItsLineWithSqlstate) {
    MigrationDir dir;
    dir.write("0001_ok.sql", "CREATE TABLE a (id int);\n");
    dir.write("0002_bad.sql", "-- a comment\nCREATE TABLE b (id int);\n\nINSERT INTO nope VALUES (1);\n");
    dir.write("0003_later.sql", "CREATE TABLE c (id int);\n");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("migration-failed", f.rule);
    EXPECT_EQ(core::Severity::error, f.severity);
    EXPECT_NE(std::string::npos, f.file.find("0002_bad.sql"));
    EXPECT_EQ(4, f.start.line);
    EXPECT_EQ(13, f.start.column);  // the caret: "nope"
    EXPECT_EQ("relation \"nope\" does not exist (SQLSTATE 42P01)", f.message);
    EXPECT_TRUE(report.migration_failed);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[0].status);
    EXPECT_EQ(core::MigrationStatus::failed, report.migrations[1].status);
    EXPECT_EQ(core::MigrationStatus::pending, report.migrations[2].status);
    EXPECT_EQ("0", scalar(db, "SELECT count(*) FROM pg_class WHERE relname = 'b'"));  // rolled back
}

// The server's whole diagnosis from libpq's fields (PQresultErrorField), not its text:
// DETAIL spanning lines, HINT, CONTEXT of an error raised inside a DO block, SQLSTATE.
TEST(ApplyTest, FailureCarriesDetailHintContextAndSqlstate) {
    MigrationDir dir;
    dir.write("0001_raise.sql",
              "CREATE TABLE a (id int);\n"
              "DO $$ BEGIN RAISE EXCEPTION 'cannot migrate' USING DETAIL = E'first line\\nsecond line',\n"
              "  HINT = 'split the migration', ERRCODE = 'P0001'; END $$;\n");
    core::Report report = apply_dir(dir, runner_test::fresh_database());
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ(2, f.start.line);  // the DO block, found by replaying statement by statement
    EXPECT_EQ(
        "cannot migrate\nDETAIL: first line\nsecond line\nHINT: split the migration\n"
        "CONTEXT: PL/pgSQL function inline_code_block line 1 at RAISE (SQLSTATE P0001)",
        f.message);
}

TEST(ApplyTest, ErrorWithoutPositionIsLocatedByReplay) {
    MigrationDir dir;
    dir.write("0001_dup.sql",
              "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n\n\nINSERT INTO t\n  VALUES (1);\n");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ(5, report.findings[0].start.line);
    EXPECT_EQ(1, report.findings[0].start.column);
    EXPECT_EQ(6, report.findings[0].end.line);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("(SQLSTATE 23505)"));
    EXPECT_EQ("0", scalar(db, "SELECT count(*) FROM pg_class WHERE relname = 't'"));
}

TEST(ApplyTest, SyntaxErrorIsReportedAtItsLine) {
    MigrationDir dir;
    dir.write("0001_syntax.sql",
              "CREATE TABLE a (\n  id int\n);\n\nCREATE TABLE b (\n  id int,\n  name text text text\n);\n");
    core::Report report = apply_dir(dir, runner_test::fresh_database());
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ(7, report.findings[0].start.line);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("syntax error"));
    EXPECT_NE(std::string::npos, report.findings[0].message.find("(SQLSTATE 42601)"));
}

TEST(ApplyTest, NoTransactionFileRunsOutsideTransaction) {
    MigrationDir dir;
    dir.write("0001_t.sql", "CREATE TABLE t (id int);\n");
    dir.write("0002_idx.sql", "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].message;
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
    EXPECT_EQ("t", scalar(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id_idx'::regclass"));
}

TEST(ApplyTest, FileWrappedInBeginCommitIsNotNested) {
    MigrationDir dir;
    dir.write("0001_wrapped.sql", "-- wrapped\nBEGIN;\nCREATE TABLE w (id int);\nINSERT INTO w VALUES (1);\nCOMMIT;\n");
    dir.write("0002_bad.sql", "BEGIN;\nCREATE TABLE x (id int);\nSELECT 1/0;\nCOMMIT;\n");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[0].status);
    EXPECT_EQ("1", scalar(db, "SELECT count(*) FROM w"));
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ(3, report.findings[0].start.line);
    EXPECT_EQ("division by zero (SQLSTATE 22012)", report.findings[0].message);
    EXPECT_EQ("0", scalar(db, "SELECT count(*) FROM pg_class WHERE relname = 'x'"));
    EXPECT_EQ("1", scalar(db, "SELECT count(*) FROM schemagate_history"));
}

TEST(ApplyTest, LastStatementWithoutSemicolon) {
    MigrationDir dir;
    dir.write("0001_nosemi.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int)");
    dir.write("0002_comment_end.sql", "CREATE TABLE c (id int) -- trailing comment");
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db);
    EXPECT_TRUE(report.findings.empty());
    EXPECT_EQ("3", scalar(db, "SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b', 'c')"));
}

TEST(ApplyTest, RerunAppliesOnlyPendingAndDetectsChangedChecksum) {
    MigrationDir dir;
    dir.write("0001_a.sql", "CREATE TABLE a (id int);\n");
    std::string db = runner_test::fresh_database();
    EXPECT_EQ(core::MigrationStatus::applied, apply_dir(dir, db).migrations[0].status);
    dir.write("0002_b.sql", "CREATE TABLE b (id int);\n");
    core::Report second = apply_dir(dir, db);
    EXPECT_EQ(core::MigrationStatus::skipped, second.migrations[0].status);
    EXPECT_EQ(core::MigrationStatus::applied, second.migrations[1].status);
    EXPECT_TRUE(second.findings.empty());
    dir.write("0001_a.sql", "CREATE TABLE a (id bigint);\n");
    core::Report third = apply_dir(dir, db);
    ASSERT_EQ(1u, third.findings.size());
    EXPECT_EQ("checksum-mismatch", third.findings[0].rule);
    EXPECT_EQ(1, third.findings[0].start.line);
}

TEST(ApplyTest, SetupRunsBeforeFirstMigrationAndPlaceholdersAreSubstituted) {
    MigrationDir dir;
    dir.write("0001_a.sql", "CREATE TABLE ${schema}.a (id int);\n");
    runner_test::MigrationDir setup_dir;
    setup_dir.write("setup.sql", "CREATE SCHEMA app;\n");
    runner::ApplyOptions options;
    options.setup = {setup_dir.path() / "setup.sql"};
    options.placeholders = {{"${schema}", "app"}};
    std::string db = runner_test::fresh_database();
    core::Report report = apply_dir(dir, db, options);
    EXPECT_TRUE(report.findings.empty());
    EXPECT_EQ("app", scalar(db, "SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'a'"));
}

TEST(ApplyTest, DryRunLeavesNothing) {
    MigrationDir dir;
    dir.write("0001_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
    dir.write("0002_b.sql", "CREATE TABLE b (id int REFERENCES a (id));\n");
    runner::ApplyOptions options;
    options.dry_run = true;
    std::string db = runner_test::fresh_database();
    std::vector<runner::PlannedChange> changes;
    core::Report report = apply_dir(dir, db, options, &changes);
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].message;
    EXPECT_EQ(core::MigrationStatus::rolled_back, report.migrations[1].status);
    ASSERT_FALSE(changes.empty());
    EXPECT_NE(std::string::npos, changes[0].file.find("0001_a.sql"));
    EXPECT_EQ("column public.a.id added", changes[0].change);
    EXPECT_EQ("table public.b added", changes.back().change);
    EXPECT_EQ("0", scalar(db, "SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b', 'schemagate_history')"));
}
