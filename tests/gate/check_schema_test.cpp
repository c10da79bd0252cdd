#include "gate/check_schema.hpp"

#include "sample_snapshot.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = fs::path(SCHEMAGATE_SOURCE_DIR) / "fixtures" / "required_schema";

/// (rule, line) of every "# EXPECT: rule" comment in a file.
std::set<std::pair<std::string, int>> expected_findings(const fs::path& file) {
    std::set<std::pair<std::string, int>> out;
    std::ifstream in(file);
    int line = 0;
    for (std::string text; std::getline(in, text);) {
        ++line;
        std::size_t at = text.find("# EXPECT: ");
        if (at == std::string::npos) { continue; }
        std::string rule = text.substr(at + 10);
        rule = rule.substr(0, rule.find_first_of(" \t("));
        out.emplace(rule, line);
    }
    return out;
}

std::set<std::pair<std::string, int>> actual_findings(const core::Report& report) {
    std::set<std::pair<std::string, int>> out;
    for (const core::Finding& f : report.findings) { out.emplace(f.rule, f.start.line); }
    return out;
}

core::Report check_fixture(const std::string& name) {
    gate::RequiredSchema required = gate::load_required_schema(k_fixtures / name);
    return gate::check_schema(required, gate_test::sample_snapshot());
}

class SeededRuleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SeededRuleTest, SeededFileReportsExactlyTheExpectedLines) {
    fs::path file = k_fixtures / (GetParam() + ".yaml");
    core::Report report = check_fixture(GetParam() + ".yaml");
    std::set<std::pair<std::string, int>> expected = expected_findings(file);
    ASSERT_FALSE(expected.empty()) << file << " has no EXPECT comment";
    EXPECT_EQ(expected, actual_findings(report));
    EXPECT_EQ(static_cast<int>(report.findings.size()), report.failed_checks);
    EXPECT_GT(report.checks, report.failed_checks);
    for (const core::Finding& f : report.findings) {
        EXPECT_EQ(GetParam(), f.rule);
        EXPECT_EQ(file.generic_string(), f.file);
        EXPECT_GT(f.start.column, 0);
        EXPECT_FALSE(f.message.empty());
        EXPECT_FALSE(f.help.empty());
    }
}

TEST_P(SeededRuleTest, CleanTwinHasNoFinding) {
    core::Report report = check_fixture(GetParam() + ".ok.yaml");
    for (const core::Finding& f : report.findings) {
        ADD_FAILURE() << f.rule << " at line " << f.start.line << ": " << f.message;
    }
    EXPECT_GT(report.checks, 0);
    EXPECT_EQ(0, report.failed_checks);
}

std::vector<std::string> gate_rule_ids() {
    std::vector<std::string> ids;
    for (const core::RuleInfo& rule : core::rule_catalog()) {
        if (gate::is_gate_rule(rule.id)) { ids.push_back(rule.id); }
    }
    return ids;
}

INSTANTIATE_TEST_SUITE_P(EveryGateRule, SeededRuleTest, ::testing::ValuesIn(gate_rule_ids()), [](const auto& info) {
    std::string name = info.param;
    for (char& c : name) { c = c == '-' ? '_' : c; }
    return name;
});

TEST(CheckSchemaTest, FindingNamesObjectAndExpectationAndPointsAtTheYamlValue) {
    core::Report report = check_fixture("column-type-mismatch.yaml");
    ASSERT_FALSE(report.findings.empty());
    const core::Finding& email = report.findings.front();  // line 4: `      email: {type: text}`
    EXPECT_EQ("column-type-mismatch", email.rule);
    EXPECT_EQ((core::Position{4, 21}), email.start);
    EXPECT_EQ((core::Position{4, 24}), email.end);
    EXPECT_EQ("column users.email has type character varying(255), expected text", email.message);
    EXPECT_EQ(
        "change it in a migration (ALTER TABLE users ALTER COLUMN email TYPE text), or update the required schema",
        email.help);
}

TEST(CheckSchemaTest, MissingOptionalColumnIsAWarningAndDoesNotBlock) {
    core::Report report = check_fixture("missing-optional-column.yaml");
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ(core::Severity::warning, report.findings[0].severity);
    EXPECT_EQ("optional column password_hash of table users does not exist", report.findings[0].message);
    EXPECT_TRUE(report.passed());
}

TEST(CheckSchemaTest, ExpectationsUnderAMissingTableAreNotChecked) {
    gate::RequiredSchema required = gate::parse_required_schema(
        "tables:\n  invoices:\n    required: [id, total]\n    rls: true\n    primary_key: [id]\n", "req.yaml");
    core::Report report = gate::check_schema(required, gate_test::sample_snapshot());
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("missing-table", report.findings[0].rule);
    EXPECT_EQ("required table invoices does not exist", report.findings[0].message);
    EXPECT_EQ((core::Position{2, 3}), report.findings[0].start);
    EXPECT_EQ(1, report.checks);
    EXPECT_EQ(1, report.failed_checks);
}

TEST(CheckSchemaTest, CountsEveryExpectationOnce) {
    gate::RequiredSchema required = gate::parse_required_schema(
        "tables:\n"
        "  users:\n"
        "    required: [id, email]\n"                                                 // table + 2 columns
        "    optional: [email, status]\n"                                             // email counted once, status
        "    columns: {email: {type: varchar(255), nullable: false}, phone: text}\n"  // 2 attributes + phone
        "    rls: true\n"
        "    primary_key: [id]\n"
        "extensions: [pgcrypto]\n",
        "req.yaml");
    core::Report report = gate::check_schema(required, gate_test::sample_snapshot());
    EXPECT_EQ(10, report.checks);
    EXPECT_EQ(1, report.failed_checks);  // phone
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_EQ("missing-column", report.findings[0].rule);
}

TEST(CheckSchemaTest, ForeignKeyAndIndexMessagesNameBothEnds) {
    core::Report report = check_fixture("missing-constraint.yaml");
    std::vector<std::string> messages;
    for (const core::Finding& f : report.findings) { messages.push_back(f.message); }
    EXPECT_EQ((std::vector<std::string>{
                  "table users has no unique constraint on (org_id, email)",
                  "table users has no foreign key (org_id) referencing orgs(slug)",
                  "table posts has no foreign key (author_id) referencing auth.Session",
              }),
              messages);
    report = check_fixture("missing-index.yaml");
    messages.clear();
    for (const core::Finding& f : report.findings) { messages.push_back(f.message); }
    EXPECT_EQ((std::vector<std::string>{
                  "index users_name_idx of table users does not exist",
                  "index on (org_id) of table users does not exist",
                  "index posts_title_idx of table posts is invalid (a CREATE INDEX CONCURRENTLY that failed)",
                  "index posts_author_created_idx of table posts is not unique",
                  "index on (created_at, author_id) of table posts does not exist",
                  "index Session_userId_idx of table auth.Session is on (userId), expected (userid)",
              }),
              messages);
}

TEST(CheckSchemaTest, EnumDifferencesAreSpelledOut) {
    core::Report report = check_fixture("enum-values-mismatch.yaml");
    ASSERT_EQ(2u, report.findings.size());
    EXPECT_EQ(
        "enum type post_status has values (draft, published, archived), expected (draft, published); "
        "unexpected (archived)",
        report.findings[0].message);
    EXPECT_EQ("enum type role does not exist, expected values (admin, member)", report.findings[1].message);
}

TEST(CheckSchemaTest, HelpQuotesIdentifiersThatNeedIt) {
    gate::RequiredSchema required = gate::parse_required_schema(
        "tables:\n  auth.Session:\n    rls: true\n    required: [expiresAt]\n", "req.yaml");
    core::Report report = gate::check_schema(required, gate_test::sample_snapshot());
    ASSERT_EQ(2u, report.findings.size());
    EXPECT_EQ("row level security is disabled on table auth.Session, expected enabled", report.findings[0].message);
    EXPECT_EQ(
        "run ALTER TABLE auth.\"Session\" ENABLE ROW LEVEL SECURITY in a migration, with the policies the "
        "table needs",
        report.findings[0].help);
    EXPECT_EQ(
        "add it in a migration (ALTER TABLE auth.\"Session\" ADD COLUMN \"expiresAt\" ...), or remove it "
        "from the required schema",
        report.findings[1].help);
}

TEST(RuleInfosTest, TheCatalogDescribesEveryGateRule) {
    std::vector<std::string> ids = gate_rule_ids();
    ASSERT_EQ(13u, ids.size());
    for (const std::string& id : ids) {
        const core::RuleInfo& rule = core::rule_info(id);
        EXPECT_EQ("gate", rule.stage) << id;
        EXPECT_FALSE(rule.summary.empty()) << id;
        EXPECT_FALSE(rule.description.empty()) << id;
        EXPECT_EQ(id == "missing-optional-column" ? core::Severity::warning : core::Severity::error,
                  rule.default_severity);
    }
    EXPECT_FALSE(gate::is_gate_rule("idempotency"));
}

}  // namespace
