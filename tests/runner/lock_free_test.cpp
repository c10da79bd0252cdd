// Which statements the lock trace may follow with its cheap query (pure: no server).
#include "runner/lock_free.hpp"

#include <gtest/gtest.h>

namespace {

const std::unordered_set<std::string> k_existing = {"users", "Team", "plans"};

bool free(const std::string& sql) { return runner::lock_free(sql, k_existing); }

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

TEST(LockFreeTest, StatementsThatRunCodeOrTouchTablesAreNot) {
    EXPECT_FALSE(free("DO $$ BEGIN CREATE TABLE x (id int); END $$"));
    EXPECT_FALSE(free("CREATE TABLE orders AS SELECT 1 AS id"));
    EXPECT_FALSE(free("CREATE INDEX orders_id ON orders (id)"));
    EXPECT_FALSE(free("ALTER TABLE orders ADD COLUMN x int"));
    EXPECT_FALSE(free("ALTER TYPE pair ADD ATTRIBUTE c int"));
    EXPECT_FALSE(free("SET CONSTRAINTS ALL IMMEDIATE"));
    EXPECT_FALSE(free("CREATE SCHEMA audit CREATE TABLE log (id int)"));
    EXPECT_FALSE(free("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
    EXPECT_FALSE(free("SELECT 1"));
    EXPECT_FALSE(free("CREATE TABLE ("));  // does not parse
}
