// Syntax newer than PostgreSQL 15 (issue 16): the linked parser reads PostgreSQL 17's, and
// syntax newer than the parser is a parse-error warning that names the parser's version when
// production runs a newer major, or when the server check ran applied the file.
#include "linter/parse.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

const std::filesystem::path k_syntax = std::filesystem::path(SCHEMAGATE_SOURCE_DIR) / "fixtures" / "syntax";

std::string fixture(const std::string& name) {
    std::ifstream in(k_syntax / name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string k_virtual =
    "-- file: 0001_prices.sql\n"
    "CREATE TABLE IF NOT EXISTS prices (id bigint PRIMARY KEY, net numeric, gross numeric GENERATED ALWAYS AS (net * "
    "2) VIRTUAL);\n";

}  // namespace

TEST(NewerSyntaxTest, TheParserIsPostgreSql17OrNewer) {
    EXPECT_GE(linter::parser_pg_major(), 17) << "linked parser: PostgreSQL " << linter::parser_pg_version()
                                             << ": run scripts/install-deps.sh and configure again";
    EXPECT_EQ(std::to_string(linter::parser_pg_major()), std::string(linter::parser_pg_version()).substr(0, 2));
}

TEST(NewerSyntaxTest, PostgreSql16And17SyntaxParses) {
    for (const char* name : {"postgresql16.sql", "postgresql17.sql"}) {
        std::string text = fixture(name);
        ASSERT_FALSE(text.empty()) << name;
        linter::Parser parser;
        linter::ParsedFile file = parser.parse(text);
        EXPECT_TRUE(file.ok) << name << ":" << file.error.at.line << ": " << file.error.message;
    }
    linter::Parser parser;
    linter::ParsedFile file = parser.parse(fixture("postgresql17.sql"));
    ASSERT_TRUE(file.ok);
    EXPECT_EQ("MergeStmt", file.statements[2].kind);
}

TEST(NewerSyntaxTest, LintOfNewerSyntaxHasNoParseError) {
    core::Report report = test_support::lint_sql("-- file: 0001_a.sql\n" + fixture("postgresql16.sql") +
                                                 "-- file: 0002_b.sql\n" + fixture("postgresql17.sql"));
    EXPECT_TRUE(test_support::findings_of(report, "parse-error").empty());
}

TEST(NewerSyntaxTest, SyntaxTheParserRejectsIsAnErrorWithoutANewerTarget) {
    core::Report report = test_support::lint_sql(k_virtual);
    std::vector<core::Finding> found = test_support::findings_of(report, "parse-error");
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(core::Severity::error, found[0].severity);
    EXPECT_EQ(1, found[0].start.line);
    EXPECT_NE(std::string::npos, found[0].help.find("PostgreSQL " + std::string(linter::parser_pg_version())))
        << found[0].help;
    EXPECT_NE(std::string::npos, found[0].help.find("postgres.version")) << found[0].help;
}

TEST(NewerSyntaxTest, ATargetNewerThanTheParserMakesItAWarningNamingTheParser) {
    linter::LintOptions options = test_support::no_cache();
    options.postgres_version = linter::parser_pg_major() + 1;
    core::Report report = test_support::lint_sql(k_virtual, options);
    std::vector<core::Finding> found = test_support::findings_of(report, "parse-error");
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(core::Severity::warning, found[0].severity);
    EXPECT_NE(std::string::npos,
              found[0].message.find("parser knows PostgreSQL " + std::string(linter::parser_pg_version())))
        << found[0].message;
    EXPECT_NE(std::string::npos,
              found[0].message.find("postgres.version is " + std::to_string(options.postgres_version)))
        << found[0].message;
    EXPECT_TRUE(report.passed());
    // Not text is not a matter of version: still an error.
    core::Report binary = test_support::lint_sql(std::string("-- file: 0001_a.sql\nSELECT '\xff';\n"), options);
    ASSERT_EQ(1u, test_support::findings_of(binary, "parse-error").size());
    EXPECT_EQ(core::Severity::error, test_support::findings_of(binary, "parse-error")[0].severity);
}

TEST(NewerSyntaxTest, ATargetNoNewerThanTheParserKeepsTheError) {
    linter::LintOptions options = test_support::no_cache();
    options.postgres_version = 15;
    core::Report report = test_support::lint_sql(k_virtual, options);
    ASSERT_EQ(1u, test_support::findings_of(report, "parse-error").size());
    EXPECT_EQ(core::Severity::error, test_support::findings_of(report, "parse-error")[0].severity);
}

TEST(NewerSyntaxTest, TheServerJudgesAFileItApplied) {
    core::Report report = test_support::lint_sql(k_virtual);
    report.migrations = {{"0001_prices.sql", "0001", "", core::MigrationStatus::applied, 1.0}};
    std::string same_major = std::to_string(linter::parser_pg_major()) + ".2";
    linter::judge_parse_errors_by_server(report, same_major, 0);
    std::vector<core::Finding> found = test_support::findings_of(report, "parse-error");
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(core::Severity::warning, found[0].severity);
    EXPECT_NE(std::string::npos, found[0].message.find("PostgreSQL " + same_major + ", applied this file"))
        << found[0].message;
    EXPECT_EQ(std::string::npos, found[0].help.find("fix")) << found[0].help;
}

TEST(NewerSyntaxTest, ANewerServerJudgesAFileItDidNotReach) {
    std::string newer = std::to_string(linter::parser_pg_major() + 1) + ".0";
    core::Report pending = test_support::lint_sql(k_virtual);
    pending.migrations = {{"0001_prices.sql", "0001", "", core::MigrationStatus::pending, -1}};
    linter::judge_parse_errors_by_server(pending, newer, 0);
    EXPECT_EQ(core::Severity::warning, test_support::findings_of(pending, "parse-error")[0].severity);
    // A server of the parser's major that did not apply the file leaves the error as it is.
    core::Report same = test_support::lint_sql(k_virtual);
    same.migrations = {{"0001_prices.sql", "0001", "", core::MigrationStatus::failed, -1}};
    linter::judge_parse_errors_by_server(same, std::string(linter::parser_pg_version()), 0);
    EXPECT_EQ(core::Severity::error, test_support::findings_of(same, "parse-error")[0].severity);
}
