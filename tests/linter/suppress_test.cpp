#include "support.hpp"

#include <gtest/gtest.h>

namespace {

using test_support::findings_of;
using test_support::lint_sql;

TEST(SuppressTest, IgnoreOnThePreviousLineSuppressesTheStatement) {
    core::Report report = lint_sql("-- schemagate:ignore idempotency -- seed\nINSERT INTO plans VALUES (1);\n");
    EXPECT_TRUE(findings_of(report, "idempotency").empty());
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

TEST(SuppressTest, IgnoreOnTheSameLineSuppressesOnlyThatStatement) {
    core::Report report = lint_sql(
        "INSERT INTO plans VALUES (1); -- schemagate:ignore idempotency\n"
        "INSERT INTO plans VALUES (2);\n");
    auto left = findings_of(report, "idempotency");
    ASSERT_EQ(1u, left.size());
    EXPECT_EQ(2, left[0].start.line);
}

TEST(SuppressTest, IgnoreCoversAMultiLineStatementAndSeveralRules) {
    core::Report report = lint_sql(
        "-- schemagate:ignore idempotency, prefer-bigint-over-int\n"
        "CREATE TABLE t (\n  id int\n);\nCREATE TABLE u (id bigint);\n");
    EXPECT_TRUE(findings_of(report, "prefer-bigint-over-int").empty());
    auto left = findings_of(report, "idempotency");
    ASSERT_EQ(1u, left.size());
    EXPECT_EQ(5, left[0].start.line);
}

TEST(SuppressTest, IgnoreFileCoversEveryStatementAndSetRules) {
    core::Report report = lint_sql(
        "-- file: 1-Bad.sql\n-- schemagate:ignore-file idempotency, naming\n"
        "CREATE TABLE t (id bigint);\nCREATE TABLE u (id bigint);\n");
    EXPECT_TRUE(findings_of(report, "idempotency").empty());
    EXPECT_TRUE(findings_of(report, "naming").empty());
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

TEST(SuppressTest, IgnoreOnTheLineAboveADependsHeaderSuppressesIt) {
    core::Report report = lint_sql(
        "-- file: 0001_a.sql\n-- schemagate:ignore depends -- the file was squashed\n"
        "-- DEPENDS: 0000_gone.sql\nSELECT 1;\n");
    EXPECT_TRUE(findings_of(report, "depends").empty());
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

TEST(SuppressTest, UnknownRuleIsReportedWithTheNearestName) {
    core::Report report = lint_sql("CREATE TABLE t (id bigint); -- schemagate:ignore idempotancy\n");
    auto unused = findings_of(report, "unused-ignore");
    ASSERT_EQ(1u, unused.size());
    EXPECT_EQ("schemagate:ignore names unknown rule 'idempotancy'", unused[0].message);
    EXPECT_EQ("write 'idempotency'", unused[0].help);
    EXPECT_EQ(core::Severity::warning, unused[0].severity);
    EXPECT_EQ(1u, findings_of(report, "idempotency").size());
}

TEST(SuppressTest, IgnoreThatSuppressesNothingIsReported) {
    core::Report report = lint_sql(
        "SELECT 1;\n-- schemagate:ignore idempotency\nCREATE TABLE IF NOT EXISTS t (id bigint);\n");
    auto unused = findings_of(report, "unused-ignore");
    ASSERT_EQ(1u, unused.size());
    EXPECT_EQ(2, unused[0].start.line);
    EXPECT_EQ("schemagate:ignore idempotency suppresses nothing here", unused[0].message);
}

TEST(SuppressTest, TextInsideStringsIsNotAComment) {
    core::Report report = lint_sql("INSERT INTO notes VALUES ('-- schemagate:ignore idempotency');\n");
    EXPECT_EQ(1u, findings_of(report, "idempotency").size());
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

TEST(SuppressTest, OtherStagesRulesAreNeitherUnknownNorUnused) {
    linter::LintOptions options = test_support::no_cache();
    core::Report report = lint_sql("-- schemagate:ignore-file immutable-migration\nSELECT 1;\n", options);
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

TEST(SuppressTest, UnusedIgnoreCanBeTurnedOff) {
    linter::LintOptions options = test_support::no_cache();
    options.rules["unused-ignore"] = {"off", 1, 1};
    core::Report report = lint_sql("-- schemagate:ignore nothing-at-all\nSELECT 1;\n", options);
    EXPECT_TRUE(findings_of(report, "unused-ignore").empty());
}

}  // namespace
