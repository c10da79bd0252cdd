// Messages and help text of the rules (the fixtures check where findings are; these
// check what they say): the guard named, the rewritten statement, the lock level.
#include "support.hpp"

#include <gtest/gtest.h>

namespace {

using test_support::findings_of;
using test_support::lint_sql;

std::string only_help(std::string_view sql, std::string_view rule) {
    auto findings = findings_of(lint_sql(sql), rule);
    return findings.size() == 1 ? findings[0].help : "<" + std::to_string(findings.size()) + " findings>";
}

TEST(IdempotencyHelpTest, InsertsIfNotExistsAtTheRightToken) {
    EXPECT_EQ("write CREATE TABLE IF NOT EXISTS app.users (id bigint PRIMARY KEY)",
              only_help("CREATE TABLE app.users (id bigint PRIMARY KEY);", "idempotency"));
    EXPECT_EQ("write CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email)",
              only_help("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);", "idempotency"));
    EXPECT_EQ("write CREATE /* note */ INDEX IF NOT EXISTS i ON t (c)",
              only_help("CREATE /* note */ INDEX i ON t (c);", "idempotency"));
    EXPECT_EQ("write ALTER TABLE users ADD COLUMN IF NOT EXISTS email text",
              only_help("ALTER TABLE users ADD COLUMN email text;", "idempotency"));
    EXPECT_EQ("write ALTER TABLE users ADD IF NOT EXISTS email text",
              only_help("ALTER TABLE users ADD email text;", "idempotency"));
    EXPECT_EQ("write drop materialized view IF EXISTS stale",
              only_help("drop materialized view stale;", "idempotency"));
    EXPECT_EQ("write DROP INDEX CONCURRENTLY IF EXISTS old_idx",
              only_help("DROP INDEX CONCURRENTLY old_idx;", "idempotency"));
    EXPECT_EQ("write CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
              only_help("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';", "idempotency"));
}

TEST(IdempotencyHelpTest, LongStatementsAreShortened) {
    std::string columns;
    for (int i = 0; i < 40; ++i) { columns += "column_" + std::to_string(i) + " text,\n"; }
    EXPECT_EQ("write CREATE TABLE IF NOT EXISTS wide (...)",
              only_help("CREATE TABLE wide (\n" + columns + "id bigint);", "idempotency"));
}

TEST(IdempotencyMessageTest, NamesTheMissingGuard) {
    auto type = findings_of(lint_sql("CREATE TYPE mood AS ENUM ('ok');"), "idempotency");
    ASSERT_EQ(1u, type.size());
    EXPECT_NE(std::string::npos, type[0].message.find("DO block that catches duplicate_object")) << type[0].message;
    auto policy = findings_of(lint_sql("CREATE POLICY p ON t USING (true);"), "idempotency");
    ASSERT_EQ(1u, policy.size());
    EXPECT_EQ("write DROP POLICY IF EXISTS p ON t; before it", policy[0].help);
    auto insert = findings_of(lint_sql("INSERT INTO t VALUES (1);"), "idempotency");
    ASSERT_EQ(1u, insert.size());
    EXPECT_NE(std::string::npos, insert[0].message.find("ON CONFLICT or WHERE NOT EXISTS"));
}

TEST(IdempotencyGuardTest, DropIfExistsGuardsTheSameObjectOnly) {
    EXPECT_TRUE(
        findings_of(lint_sql("DROP TYPE IF EXISTS public.mood;\nCREATE TYPE mood AS ENUM ('a');"), "idempotency")
            .empty());
    EXPECT_EQ(
        1u, findings_of(lint_sql("DROP TYPE IF EXISTS mood;\nCREATE TYPE color AS ENUM ('a');"), "idempotency").size());
    EXPECT_EQ(
        1u, findings_of(lint_sql("CREATE TYPE mood AS ENUM ('a');\nDROP TYPE IF EXISTS mood;"), "idempotency").size());
    EXPECT_EQ(1u,
              findings_of(lint_sql("DROP POLICY IF EXISTS p ON a;\nCREATE POLICY p ON b USING (true);"), "idempotency")
                  .size());
}

TEST(LockRuleMessageTest, NamesTheLockLevel) {
    auto index = findings_of(lint_sql("CREATE INDEX IF NOT EXISTS i ON t (c);"), "require-concurrent-index-creation");
    ASSERT_EQ(1u, index.size());
    EXPECT_NE(std::string::npos, index[0].message.find("SHARE lock on t"));
    EXPECT_EQ(
        "write CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c), alone in a `-- schemagate:no-transaction` migration",
        index[0].help);
    auto timeout = findings_of(lint_sql("ALTER TABLE t ALTER COLUMN c TYPE bigint;"), "require-lock-timeout");
    ASSERT_EQ(1u, timeout.size());
    EXPECT_NE(std::string::npos, timeout[0].message.find("ACCESS EXCLUSIVE lock on t"));
    auto fk = findings_of(lint_sql("ALTER TABLE o ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id);"),
                          "adding-foreign-key-constraint");
    ASSERT_EQ(1u, fk.size());
    EXPECT_NE(std::string::npos, fk[0].message.find("SHARE ROW EXCLUSIVE locks on o and users"));
}

TEST(DependsTest, FolderLayoutsNameTheFolder) {
    core::Report report = lint_sql(
        "-- file: 20240101000000_init/migration.sql\nCREATE TABLE IF NOT EXISTS a (id bigint);\n"
        "-- file: 20240102000000_next/migration.sql\n-- DEPENDS: 20240101000000_init\nSELECT 1;\n"
        "-- file: 20240103000000_last/migration.sql\n-- DEPENDS: 20240104000000_none\nSELECT 1;\n");
    auto depends = findings_of(report, "depends");
    ASSERT_EQ(1u, depends.size());
    EXPECT_EQ("20240103000000_last/migration.sql", depends[0].file);
    EXPECT_EQ(1, depends[0].start.line);
}

TEST(DependsTest, CycleIsNamed) {
    core::Report report = lint_sql(
        "-- file: 0001_a.sql\n-- DEPENDS: 0002_b.sql\nSELECT 1;\n"
        "-- file: 0002_b.sql\n-- DEPENDS: 0001_a.sql\nSELECT 1;\n");
    auto depends = findings_of(report, "depends");
    ASSERT_EQ(1u, depends.size());
    EXPECT_EQ("DEPENDS forms a cycle: 0001_a.sql -> 0002_b.sql -> 0001_a.sql", depends[0].message);
}

TEST(TransactionControlTest, WrappedFileIsAcceptedOnlyWhole) {
    EXPECT_TRUE(findings_of(lint_sql("BEGIN;\nSELECT 1;\nCOMMIT;\n"), "transaction-control").empty());
    EXPECT_EQ(2u, findings_of(lint_sql("BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;\n"), "transaction-control").size());
}

}  // namespace

namespace {

// One ALTER TABLE rewrites its table once, however many columns need it: one finding.
TEST(AddingFieldWithDefaultTest, OneFindingPerStatement) {
    core::Report report = test_support::lint_sql(
        "ALTER TABLE users ADD COLUMN IF NOT EXISTS a int GENERATED ALWAYS AS (likes + 1) STORED,\n"
        "    ADD COLUMN IF NOT EXISTS b int GENERATED ALWAYS AS (likes + 2) STORED;\n"
        "ALTER TABLE users ADD COLUMN IF NOT EXISTS c uuid DEFAULT gen_random_uuid();");
    std::vector<core::Finding> found = test_support::findings_of(report, "adding-field-with-default");
    ASSERT_EQ(2u, found.size());
    EXPECT_EQ(1, found[0].start.line);
    EXPECT_EQ(3, found[1].start.line);
}

// squawk reports DEFAULT -1 as a rewrite; PostgreSQL's parser folds it to a constant.
TEST(AddingFieldWithDefaultTest, NegativeConstantIsNoRewrite) {
    core::Report report = test_support::lint_sql(
        "ALTER TABLE fields ADD COLUMN IF NOT EXISTS height integer NOT NULL DEFAULT -1;");
    EXPECT_TRUE(test_support::findings_of(report, "adding-field-with-default").empty());
}

// The lock-safety rules name the lock as PostgreSQL's docs do, and spare tables the file created.
TEST(NewLockRulesTest, NameTheLockAndSpareNewTables) {
    struct Case {
        const char* rule;
        const char* sql;
        const char* lock;
    };
    const Case cases[] = {
        {"require-concurrent-index-deletion", "DROP INDEX IF EXISTS users_email_idx;", "ACCESS EXCLUSIVE"},
        {"require-concurrent-reindex", "REINDEX TABLE users;", "SHARE lock"},
        {"require-concurrent-partition-detach", "ALTER TABLE events DETACH PARTITION e1;", "ACCESS EXCLUSIVE"},
        {"prefer-repack", "VACUUM FULL users;", "ACCESS EXCLUSIVE"},
        {"ban-truncate-cascade", "TRUNCATE users CASCADE;", "ACCESS EXCLUSIVE"},
        {"adding-exclusion-constraint", "ALTER TABLE b ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&);",
         "ACCESS EXCLUSIVE"},
        {"adding-serial-primary-key-field", "ALTER TABLE users ADD PRIMARY KEY (id);", "ACCESS EXCLUSIVE"},
        {"ban-alter-domain-with-add-constraint", "ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE > 0);", "SHARE locks"},
    };
    for (const Case& c : cases) {
        std::vector<core::Finding> found = test_support::findings_of(test_support::lint_sql(c.sql), c.rule);
        ASSERT_EQ(1u, found.size()) << c.rule;
        EXPECT_NE(std::string::npos, found[0].message.find(c.lock)) << c.rule << ": " << found[0].message;
    }
    core::Report fresh = test_support::lint_sql(
        "CREATE TABLE IF NOT EXISTS users (id bigint);\nVACUUM FULL users;\nREINDEX TABLE users;\n"
        "ALTER TABLE users ADD PRIMARY KEY (id);\nUPDATE users SET id = 1;");
    for (const char* rule :
         {"prefer-repack", "require-concurrent-reindex", "adding-serial-primary-key-field", "require-where-clause"}) {
        EXPECT_TRUE(test_support::findings_of(fresh, rule).empty()) << rule;
    }
}

// Whether a table is new reads the same for a file of a few CREATE TABLEs (a list scanned in
// place) and for a schema dump of many (hashed): schemas compared when both sides name one.
TEST(NewLockRulesTest, NewTablesAreSparedTheSameInSmallAndLargeFiles) {
    for (int tables : {3, 33, 40}) {
        std::string sql = "CREATE TABLE app.t0 (id int);\nCREATE TABLE t1 (id int);\n";
        for (int i = 2; i < tables; ++i) { sql += "CREATE TABLE t" + std::to_string(i) + " (id int);\n"; }
        sql += "VACUUM FULL app.t0;\nVACUUM FULL t0;\nVACUUM FULL other.t1;\nVACUUM FULL t" +
               std::to_string(tables - 1) + ";\n";  // spared: new tables
        sql += "VACUUM FULL other.t0;\nVACUUM FULL old;\nVACUUM FULL t" + std::to_string(tables) + ";\n";
        std::vector<core::Finding> found = test_support::findings_of(test_support::lint_sql(sql), "prefer-repack");
        ASSERT_EQ(3u, found.size()) << tables << " tables";
        EXPECT_NE(std::string::npos, found[0].message.find("other.t0")) << found[0].message;
        EXPECT_NE(std::string::npos, found[1].message.find("old")) << found[1].message;
        EXPECT_NE(std::string::npos, found[2].message.find("t" + std::to_string(tables))) << found[2].message;
    }
}

}  // namespace
