// Verdicts that change with the target PostgreSQL major (linter/rules/version_facts.hpp):
// the same SQL linted for two majors on either side of each fact.
#include "support.hpp"

#include "linter/rules/version_facts.hpp"

#include <gtest/gtest.h>

namespace {

using linter::rules::Fact;

std::vector<core::Finding> lint_for(std::string_view rule, int major, std::string_view sql) {
    return test_support::findings_of(test_support::lint_sql(sql, test_support::with_rule(rule, major)), rule);
}

TEST(VersionFactsTest, BoundariesAreTheReleaseThatChangedIt) {
    EXPECT_FALSE(linter::rules::holds(Fact::fast_column_default, 10));
    EXPECT_TRUE(linter::rules::holds(Fact::fast_column_default, 11));
    EXPECT_FALSE(linter::rules::holds(Fact::reindex_concurrently, 11));
    EXPECT_TRUE(linter::rules::holds(Fact::reindex_concurrently, 12));
    EXPECT_FALSE(linter::rules::holds(Fact::detach_partition_concurrently, 13));
    EXPECT_TRUE(linter::rules::holds(Fact::detach_partition_concurrently, 17));
    EXPECT_FALSE(linter::rules::holds(Fact::concurrent_index_corruption, 13));
    EXPECT_TRUE(linter::rules::holds(Fact::concurrent_index_corruption, 14));
    EXPECT_FALSE(linter::rules::holds(Fact::concurrent_index_corruption, 15));
    EXPECT_EQ(15, linter::rules::k_default_major);
}

TEST(VersionFactsTest, ConstantDefaultRewritesBeforeEleven) {
    constexpr std::string_view sql = "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text DEFAULT 'free';";
    EXPECT_EQ(1u, lint_for("adding-field-with-default", 10, sql).size());
    EXPECT_EQ(0u, lint_for("adding-field-with-default", 11, sql).size());
    EXPECT_EQ(0u, lint_for("adding-field-with-default", 0, sql).size());  // 0: the default, 15
}

TEST(VersionFactsTest, ValidatedCheckSparesTheNotNullScanFromTwelve) {
    constexpr std::string_view sql =
        "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);\n"
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;";
    EXPECT_EQ(1u, lint_for("adding-not-nullable-field", 11, sql).size());
    EXPECT_EQ(0u, lint_for("adding-not-nullable-field", 12, sql).size());
    constexpr std::string_view pk =
        "CREATE UNIQUE INDEX IF NOT EXISTS users_id_idx ON users (id);\n"
        "ALTER TABLE users ADD CONSTRAINT users_id_nn CHECK (id IS NOT NULL);\n"
        "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;";
    EXPECT_EQ(1u, lint_for("primary-key-on-nullable-columns", 11, pk).size());
    EXPECT_EQ(0u, lint_for("primary-key-on-nullable-columns", 12, pk).size());
}

TEST(VersionFactsTest, EnumAddValueInATransactionFromTwelve) {
    constexpr std::string_view sql = "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'calm';";
    EXPECT_EQ(1u, lint_for("non-transactional-statement", 11, sql).size());
    EXPECT_EQ(0u, lint_for("non-transactional-statement", 12, sql).size());
}

TEST(VersionFactsTest, AttachPartitionLocksLessFromTwelve) {
    constexpr std::string_view sql =
        "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');";
    EXPECT_EQ(1u, lint_for("require-lock-timeout", 11, sql).size());
    EXPECT_EQ(0u, lint_for("require-lock-timeout", 12, sql).size());
}

TEST(VersionFactsTest, HelpNamesTheConcurrentFormOnlyWhereItExists) {
    auto reindex_11 = lint_for("require-concurrent-reindex", 11, "REINDEX INDEX users_email_idx;");
    auto reindex_12 = lint_for("require-concurrent-reindex", 12, "REINDEX INDEX users_email_idx;");
    ASSERT_EQ(1u, reindex_11.size());
    ASSERT_EQ(1u, reindex_12.size());
    EXPECT_NE(std::string::npos, reindex_11[0].help.find("needs PostgreSQL 12")) << reindex_11[0].help;
    EXPECT_NE(std::string::npos, reindex_12[0].help.find("REINDEX ... CONCURRENTLY")) << reindex_12[0].help;
    auto detach_13 = lint_for("require-concurrent-partition-detach", 13,
                              "ALTER TABLE events DETACH PARTITION events_2023;");
    auto detach_14 = lint_for("require-concurrent-partition-detach", 14,
                              "ALTER TABLE events DETACH PARTITION events_2023;");
    ASSERT_EQ(1u, detach_13.size());
    ASSERT_EQ(1u, detach_14.size());
    EXPECT_NE(std::string::npos, detach_13[0].help.find("needs PostgreSQL 14")) << detach_13[0].help;
    EXPECT_NE(std::string::npos, detach_14[0].help.find("DETACH PARTITION ... CONCURRENTLY")) << detach_14[0].help;
}

TEST(VersionFactsTest, ConcurrentIndexBuildsAreFlaggedOnFourteenOnly) {
    constexpr std::string_view sql =
        "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);";
    EXPECT_EQ(0u, lint_for("require-concurrent-index-creation", 13, sql).size());
    auto on_14 = lint_for("require-concurrent-index-creation", 14, sql);
    ASSERT_EQ(1u, on_14.size());
    EXPECT_NE(std::string::npos, on_14[0].message.find("14.0 to 14.3")) << on_14[0].message;
    EXPECT_EQ(0u, lint_for("require-concurrent-index-creation", 15, sql).size());
    constexpr std::string_view reindex = "-- schemagate:no-transaction\nREINDEX INDEX CONCURRENTLY users_email_idx;";
    EXPECT_EQ(1u, lint_for("require-concurrent-reindex", 14, reindex).size());
    EXPECT_EQ(0u, lint_for("require-concurrent-reindex", 16, reindex).size());
}

// The per-file cache keys on the target major: a result for 10 is never served for 15.
TEST(VersionFactsTest, CacheKeepsVerdictsApartByMajor) {
    test_support::TempDir cache;
    constexpr std::string_view sql = "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text DEFAULT 'free';";
    linter::LintOptions options = test_support::with_rule("adding-field-with-default", 10);
    options.use_cache = true;
    options.cache_dir = cache.path();
    EXPECT_EQ(1u, test_support::findings_of(test_support::lint_sql(sql, options), "adding-field-with-default").size());
    options.postgres_version = 15;
    EXPECT_EQ(0u, test_support::findings_of(test_support::lint_sql(sql, options), "adding-field-with-default").size());
}

}  // namespace
