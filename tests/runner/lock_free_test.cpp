// Which statements the lock trace may follow with its cheap query (pure: no server).
#include "runner/lock_free.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace {

const std::unordered_set<std::string> k_existing = {"users", "Team", "plans"};

bool free(const std::string& sql) { return runner::lock_free(sql, k_existing); }

// One migration's statements in order, each with whether it is lock-free.
void expect_proofs(const std::vector<std::pair<std::string, bool>>& steps) {
    runner::LockFreeProof proof(k_existing);
    for (const auto& [sql, expected] : steps) { EXPECT_EQ(expected, proof.next(sql)) << sql; }
}

}  // namespace

TEST(LockFreeTest, CreatingNewObjectsThatNameNoExistingRelationIsLockFree) {
    EXPECT_TRUE(free("CREATE TABLE orders (id bigint PRIMARY KEY, note text DEFAULT now()::text CHECK (id > 0))"));
    EXPECT_TRUE(
        free("CREATE TABLE \"Orders\" (\"id\" TEXT NOT NULL, CONSTRAINT \"Orders_pkey\" PRIMARY KEY (\"id\"))"));
    EXPECT_TRUE(free("create type mood as enum ('sad', 'ok')"));
    EXPECT_TRUE(free("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy'"));
    EXPECT_TRUE(free("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"));
    EXPECT_TRUE(free("CREATE TYPE pair AS (a int, b text)"));
    EXPECT_TRUE(free("CREATE SCHEMA IF NOT EXISTS audit"));
    EXPECT_TRUE(free("SET lock_timeout = '2s'"));
    EXPECT_TRUE(free("RESET search_path"));
}

TEST(LockFreeTest, NamingAnExistingRelationIsNot) {
    EXPECT_FALSE(free("CREATE TABLE orders (id int, user_id int REFERENCES users (id))"));
    EXPECT_FALSE(free("CREATE TABLE orders (LIKE users)"));
    EXPECT_FALSE(free("CREATE TABLE orders () INHERITS (plans)"));
    EXPECT_FALSE(free("CREATE TABLE plans_2024 PARTITION OF plans FOR VALUES IN (2024)"));
    EXPECT_FALSE(free("CREATE TABLE orders (owner users)"));  // a composite column type locks its table
    EXPECT_FALSE(free("CREATE TABLE IF NOT EXISTS users (id int)"));
    EXPECT_FALSE(free("CREATE TABLE \"orders\" (\"teamId\" TEXT REFERENCES \"Team\")"));
    EXPECT_FALSE(free("CREATE TYPE pair AS (a users)"));
    EXPECT_TRUE(free("CREATE TABLE orders (team text)"));  // quoted "Team" is not team
}

TEST(LockFreeTest, KeysIndexesAndCommentsOnATableOfTheSameMigrationAreLockFree) {
    expect_proofs({
        {"CREATE TYPE \"Role\" AS ENUM ('a', 'b')", true},
        {"CREATE TABLE \"Orders\" (\"id\" TEXT NOT NULL, \"userId\" INTEGER)", true},
        {"CREATE TABLE \"Lines\" (\"id\" TEXT NOT NULL, \"orderId\" TEXT)", true},
        {"CREATE UNIQUE INDEX \"Orders_id_key\" ON \"Orders\"(\"id\")", true},
        {"ALTER TABLE \"Lines\" ADD CONSTRAINT \"Lines_orderId_fkey\" FOREIGN KEY (\"orderId\") "
         "REFERENCES \"Orders\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE",
         true},
        {"ALTER TABLE \"Orders\" ALTER COLUMN \"userId\" SET NOT NULL, ADD COLUMN \"role\" "
         "\"Role\" NOT NULL DEFAULT 'a', ADD COLUMN \"at\" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP",
         true},
        {"COMMENT ON TABLE \"Orders\" IS 'orders'", true},
        {"CREATE SEQUENCE orders_seq", true},
        {"ALTER TABLE \"Orders\" ADD CONSTRAINT \"Orders_userId_fkey\" FOREIGN KEY (\"userId\") "
         "REFERENCES users (id)",
         false},  // a pre-existing table
    });
}

// A rename, code or a new row before a statement voids the proofs by name: the name may now
// be a pre-existing relation's, a new table may have rows to evaluate.
TEST(LockFreeTest, ProofsByNameEndAfterAStatementThatCanRenameRunCodeOrAddRows) {
    for (const char* before :
         {"ALTER TABLE users RENAME TO customers", "DO $$ BEGIN PERFORM 1; END $$", "INSERT INTO orders VALUES (1)",
          "UPDATE users SET name = 'x'", "ALTER TABLE users ADD COLUMN x int DEFAULT f()", "SELECT f()"}) {
        runner::LockFreeProof proof(k_existing);
        EXPECT_TRUE(proof.next("CREATE TABLE orders (id int)")) << before;
        EXPECT_FALSE(proof.next(before)) << before;
        EXPECT_FALSE(proof.next("CREATE TABLE payments (customer int REFERENCES customers)")) << before;
        EXPECT_FALSE(proof.next("CREATE INDEX orders_id ON orders (id)")) << before;
        EXPECT_TRUE(proof.next("SET lock_timeout = '1s'")) << before;  // names no relation
        EXPECT_TRUE(proof.next("CREATE TYPE mood AS ENUM ('ok')")) << before;
    }
}

// Statements that lock pre-existing relations without running code keep the proofs.
TEST(LockFreeTest, ProofsByNameHoldAfterDropsAndPlainAlters) {
    expect_proofs({
        {"ALTER TABLE users ADD COLUMN \"teamId\" INTEGER, ALTER COLUMN name DROP NOT NULL", false},
        {"ALTER TABLE plans DROP COLUMN old, DROP CONSTRAINT plans_old_key", false},
        {"DROP INDEX users_name_idx", false},
        {"CREATE TABLE orders (team text REFERENCES \"Team\")", false},
        {"CREATE TABLE payments (id int)", true},
        {"CREATE INDEX payments_id ON payments (id)", true},
    });
}

TEST(LockFreeTest, StatementsThatRunCodeOrTouchTablesAreNot) {
    EXPECT_FALSE(free("DO $$ BEGIN CREATE TABLE x (id int); END $$"));
    EXPECT_FALSE(free("CREATE TABLE orders AS SELECT 1 AS id"));
    EXPECT_FALSE(free("CREATE INDEX users_id ON users (id)"));
    EXPECT_FALSE(free("ALTER TABLE users ADD COLUMN x int"));
    EXPECT_FALSE(free("CREATE INDEX orders_lower ON orders (lower(note))"));  // an expression runs code
    EXPECT_FALSE(free("CREATE INDEX orders_open ON orders (id) WHERE NOT closed"));
    EXPECT_FALSE(free("CREATE INDEX orders_note ON orders USING gin (note gin_trgm_ops)"));
    EXPECT_FALSE(free("ALTER TABLE orders ADD CONSTRAINT positive CHECK (id > 0)"));
    EXPECT_FALSE(free("ALTER TABLE orders ADD COLUMN x int DEFAULT f()"));
    EXPECT_FALSE(free("ALTER TABLE orders ADD COLUMN x money_domain"));         // a domain's check may run code
    EXPECT_FALSE(free("ALTER TABLE orders DROP CONSTRAINT orders_user_fkey"));  // locks the referenced table
    EXPECT_FALSE(free("ALTER TABLE orders ALTER COLUMN id TYPE bigint"));
    EXPECT_FALSE(free("CREATE TABLE plans_2025 PARTITION OF new_plans FOR VALUES IN (f())"));
    EXPECT_FALSE(free("DROP TABLE orders"));
    EXPECT_FALSE(free("ALTER TYPE pair ADD ATTRIBUTE c int"));
    EXPECT_FALSE(free("SET CONSTRAINTS ALL IMMEDIATE"));
    EXPECT_FALSE(free("CREATE SCHEMA audit CREATE TABLE log (id int)"));
    EXPECT_FALSE(free("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
    EXPECT_FALSE(free("SELECT 1"));
    EXPECT_FALSE(free("CREATE TABLE ("));  // does not parse
}
