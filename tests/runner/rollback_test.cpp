#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"
#include "runner/rollback.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace {

const char* const k_users = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n";

core::Report prove(const std::vector<std::pair<std::string, std::string>>& files,
                   runner::RollbackScope scope = runner::RollbackScope::all) {
    runner_test::MigrationDir dir;
    for (const auto& [file, text] : files) { dir.write(file, text); }
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.rollback.scope = scope;
    core::Report report = runner::apply(cx, dir.discover(), options);
    EXPECT_FALSE(report.migration_failed);
    return report;
}

}  // namespace

TEST(RollbackTest, DieselDownThatForgetsAnIndexIsIncompleteAndNamesIt) {
    core::Report report = prove({
        {"2024-01-01-000000_users/up.sql", k_users},
        {"2024-01-01-000000_users/down.sql", "DROP TABLE users;\n"},
        {"2024-01-02-000000_nick/up.sql",
         "ALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX users_email_idx ON users (email);\n"},
        {"2024-01-02-000000_nick/down.sql", "-- forgets the index\nALTER TABLE users DROP COLUMN nickname;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("rollback-incomplete", f.rule);
    EXPECT_NE(std::string::npos, f.file.find("2024-01-02-000000_nick/down.sql")) << f.file;
    EXPECT_EQ(1, f.start.line);
    EXPECT_NE(std::string::npos, f.message.find("index public.users.users_email_idx is left behind")) << f.message;
    EXPECT_EQ(2, report.checks - static_cast<int>(report.migrations.size()));  // one rollback check each
    EXPECT_EQ(1, report.failed_checks);
}

TEST(RollbackTest, DownWithASyntaxErrorFailsAtItsLine) {
    core::Report report = prove({
        {"2024-01-01-000000_users/up.sql", k_users},
        {"2024-01-01-000000_users/down.sql", "-- undo\n\nDROP TABL users;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("rollback-failed", f.rule);
    EXPECT_NE(std::string::npos, f.file.find("down.sql"));
    EXPECT_EQ(3, f.start.line);
    EXPECT_EQ(6, f.start.column);
    EXPECT_NE(std::string::npos, f.message.find("syntax error at or near \"TABL\" (SQLSTATE 42601)")) << f.message;
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[0].status);  // the migration itself stays applied
}

TEST(RollbackTest, DownThatFailsOnTheServerNamesTheStatement) {
    core::Report report = prove({
        {"0001_users.up.sql", k_users},
        {"0001_users.down.sql", "BEGIN;\nDROP INDEX users_email_idx;\nDROP TABLE users;\nCOMMIT;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("rollback-failed", report.findings[0].rule);
    EXPECT_EQ(2, report.findings[0].start.line);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("42704")) << report.findings[0].message;
}

TEST(RollbackTest, CorrectPairsPassAndSeedRowsAreCounted) {
    core::Report report = prove({
        {"0001_users.up.sql", k_users},
        {"0001_users.down.sql", "DROP TABLE users;\n"},
        {"0002_seed.up.sql", "INSERT INTO users VALUES (1, 'a@example.com');\n"},
        {"0002_seed.down.sql", "DELETE FROM users WHERE id = 1;\n"},
    });
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].message;
    EXPECT_EQ(0, report.failed_checks);
}

TEST(RollbackTest, SeedRowsLeftBehindAreReported) {
    core::Report report = prove({
        {"0001_users.up.sql", k_users},
        {"0001_users.down.sql", "DROP TABLE users;\n"},
        {"0002_seed.up.sql", "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com');\n"},
        {"0002_seed.down.sql", "DELETE FROM users WHERE id = 1;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("rollback-incomplete", report.findings[0].rule);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("rows in public.users 0 -> 1"))
        << report.findings[0].message;
}

TEST(RollbackTest, DbmateFileAppliesOnlyItsUpSectionAndProvesItsDownSection) {
    core::Report report = prove({
        {"20240101000000_users.sql",
         std::string("-- migrate:up\n") + k_users + "\n-- migrate:down\nDROP TABLE users;\n"},
        {"20240102000000_mood.sql",
         "-- migrate:up\nCREATE TYPE mood AS ENUM ('ok');\nALTER TABLE users ADD COLUMN m mood;\n\n"
         "-- migrate:down\nALTER TABLE users DROP COLUMN m;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("rollback-incomplete", f.rule);
    EXPECT_NE(std::string::npos, f.file.find("20240102000000_mood.sql"));
    EXPECT_EQ(5, f.start.line);  // the -- migrate:down line
    EXPECT_NE(std::string::npos, f.message.find("enum public.mood is left behind")) << f.message;
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);
}

TEST(RollbackTest, RedoThatFailsIsReportedInTheUpFile) {
    // The down part drops the table but not the sequence up created on its own: the
    // catalog comparison sees it, so make up depend on something outside it: a role-free
    // trick is a temp table, which the catalog snapshot does not list.
    core::Report report = prove({
        {"0001_t.up.sql", "CREATE TABLE t (id int);\nCREATE TEMP TABLE seen (id int);\n"},
        {"0001_t.down.sql", "DROP TABLE t;\n"},
    });
    ASSERT_EQ(1u, report.findings.size());
    const core::Finding& f = report.findings[0];
    EXPECT_EQ("redo-failed", f.rule);
    EXPECT_NE(std::string::npos, f.file.find("0001_t.up.sql"));
    EXPECT_EQ(2, f.start.line);
    EXPECT_NE(std::string::npos, f.message.find("relation \"seen\" already exists")) << f.message;
}

TEST(RollbackTest, ChangedScopeSkipsApplied) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.up.sql", k_users);
    dir.write("0001_users.down.sql", "SELECT 1;\n");
    core::MigrationSet set = dir.discover();
    set.migrations[0].applied = true;
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.rollback.scope = runner::RollbackScope::changed;
    core::Report report = runner::apply(cx, set, options);
    EXPECT_TRUE(report.findings.empty());
    set.migrations[0].applied = false;
    pqxx::connection cx2(runner_test::fresh_database());
    report = runner::apply(cx2, set, options);
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("rollback-incomplete", report.findings[0].rule);
}

TEST(RollbackTest, MissingDownMigrationOnlyWhenAskedAndInScope) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.up.sql", k_users);
    dir.write("0002_posts.up.sql", "CREATE TABLE posts (id int);\n");
    dir.write("0002_posts.down.sql", "-- nothing\n");
    core::MigrationSet set = dir.discover();
    runner::RollbackOptions options{runner::RollbackScope::all, false};
    EXPECT_TRUE(runner::missing_down_findings(set, options).empty());
    options.report_missing = true;
    std::vector<core::Finding> findings = runner::missing_down_findings(set, options);
    ASSERT_EQ(2u, findings.size());
    EXPECT_EQ("missing-down-migration", findings[0].rule);
    EXPECT_EQ(core::Severity::warning, findings[0].severity);
    EXPECT_EQ("the migration has no down migration: it cannot be rolled back", findings[0].message);
    EXPECT_NE(std::string::npos, findings[1].message.find("holds no statement"));
}
