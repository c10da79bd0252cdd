#include "linter/read_only_query.hpp"

#include <gtest/gtest.h>

using linter::read_only_query_problem;

TEST(ReadOnlyQueryTest, AcceptsOneSelect) {
    EXPECT_EQ(std::nullopt, read_only_query_problem("SELECT id FROM invites WHERE org_id IS NULL"));
    EXPECT_EQ(std::nullopt, read_only_query_problem("SELECT count(*) FROM t;"));
    EXPECT_EQ(std::nullopt, read_only_query_problem("WITH o AS (SELECT id FROM orgs) SELECT * FROM o"));
    EXPECT_EQ(std::nullopt, read_only_query_problem("SELECT 1 UNION ALL SELECT 2"));
    EXPECT_EQ(std::nullopt, read_only_query_problem("VALUES (1)"));
}

TEST(ReadOnlyQueryTest, RefusesSeveralStatements) {
    auto problem = read_only_query_problem(
        "SELECT 1 AS x) AS a; COMMIT; BEGIN READ WRITE; DELETE FROM t; COMMIT; SELECT * FROM (SELECT 1 AS x");
    ASSERT_TRUE(problem.has_value());  // does not parse on its own
    problem = read_only_query_problem("SELECT 1; DELETE FROM t");
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ("it holds 2 statements, not exactly one SELECT", *problem);
    EXPECT_TRUE(read_only_query_problem("").has_value());
}

TEST(ReadOnlyQueryTest, RefusesWritesAndLocks) {
    EXPECT_EQ("it is a DeleteStmt, not a SELECT", read_only_query_problem("DELETE FROM t").value_or(""));
    EXPECT_TRUE(read_only_query_problem("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d").has_value());
    EXPECT_TRUE(read_only_query_problem("WITH d AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1").has_value());
    EXPECT_TRUE(read_only_query_problem("SELECT * INTO copy FROM t").has_value());
    EXPECT_TRUE(read_only_query_problem("SELECT * FROM t FOR UPDATE").has_value());
    EXPECT_TRUE(read_only_query_problem("SET transaction_read_only = off").has_value());
}
