#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace {

std::vector<core::Finding> replay_findings(const std::vector<std::pair<std::string, std::string>>& files) {
    runner_test::MigrationDir dir;
    for (const auto& [file, text] : files) { dir.write(file, text); }
    pqxx::connection cx(runner_test::fresh_database());
    runner::ApplyOptions options;
    options.verify_idempotency = true;
    core::Report report = runner::apply(cx, dir.discover(), options);
    EXPECT_FALSE(report.migration_failed);
    return report.findings;
}

}  // namespace

TEST(IdempotencyTest, FlagsPlainInsertWithRowCountChange) {
    auto findings = replay_findings(
        {{"0001_t.sql", "CREATE TABLE IF NOT EXISTS t (id int);\n"}, {"0002_seed.sql", "INSERT INTO t VALUES (1);\n"}});
    ASSERT_EQ(1u, findings.size());
    EXPECT_EQ("not-idempotent", findings[0].rule);
    EXPECT_NE(std::string::npos, findings[0].file.find("0002_seed.sql"));
    EXPECT_EQ("running the migration again changes rows in public.t 1 -> 2", findings[0].message);
}

TEST(IdempotencyTest, FlagsUnguardedCreateTableAtTheStatement) {
    auto findings = replay_findings(
        {{"0001_t.sql", "-- users\nCREATE TABLE IF NOT EXISTS a (id int);\nCREATE TABLE t (id int);\n"}});
    ASSERT_EQ(1u, findings.size());
    EXPECT_EQ("not-idempotent", findings[0].rule);
    EXPECT_EQ(3, findings[0].start.line);
    EXPECT_EQ("running the migration again fails: relation \"t\" already exists (SQLSTATE 42P07)", findings[0].message);
}

TEST(IdempotencyTest, SilentOnGuardedTwins) {
    auto findings = replay_findings({
        {"0001_t.sql",
         "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name text);\n"
         "CREATE INDEX IF NOT EXISTS t_name_idx ON t (name);\n"
         "CREATE OR REPLACE VIEW tv AS SELECT id FROM t;\n"},
        {"0002_seed.sql",
         "INSERT INTO t VALUES (1, 'a') ON CONFLICT DO NOTHING;\n"
         "INSERT INTO t SELECT 2, 'b' WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = 2);\n"
         "ALTER TABLE t ADD COLUMN IF NOT EXISTS extra int;\n"
         "UPDATE t SET extra = 1;\n"},
    });
    EXPECT_TRUE(findings.empty()) << findings[0].message;
}
