// Every registered rule has its bad example fire, its good one stay silent, a doc page
// and a fixture (HOUSE_STYLE.md); no fixture exists for a rule that is not.
#include "support.hpp"

#include "core/error.hpp"
#include "linter/explain.hpp"
#include "linter/history/history.hpp"
#include "linter/rule.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> rule_ids() {
    std::vector<std::string> ids;
    for (const linter::Rule* rule : linter::all_rules()) { ids.emplace_back(rule->id()); }
    return ids;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class RuleMetadataTest : public testing::TestWithParam<std::string> {
protected:
    const core::RuleInfo& meta() const { return linter::find_rule(GetParam())->info(); }
    /// Default options with this rule on (opt-in rules included).
    linter::LintOptions enabled() const { return test_support::with_rule(meta().id); }
};

TEST_P(RuleMetadataTest, BadExampleFires) {
    core::Report report = test_support::lint_sql(meta().bad, enabled());
    EXPECT_FALSE(test_support::findings_of(report, meta().id).empty()) << meta().bad;
}

TEST_P(RuleMetadataTest, GoodExampleIsSilent) {
    core::Report report = test_support::lint_sql(meta().good, enabled());
    for (const core::Finding& f : test_support::findings_of(report, meta().id)) {
        ADD_FAILURE() << f.file << ":" << f.start.line << ": " << f.message;
    }
}

TEST_P(RuleMetadataTest, HasDocPageWithItsSections) {
    std::string doc = read_text(test_support::source_path(linter::rule_doc_path(meta().id)));
    ASSERT_FALSE(doc.empty()) << "missing " << linter::rule_doc_path(meta().id);
    EXPECT_EQ(0u, doc.find("# " + std::string(meta().id) + "\n"));
    for (const char* section : {"## Problem", "## Instead", "## Example", "## Options"}) {
        EXPECT_NE(std::string::npos, doc.find(section)) << "no '" << section << "' section";
    }
    EXPECT_NE(std::string::npos, doc.find("```sql\n" + std::string(meta().bad) + "\n```"))
        << "the doc's example differs from the rule's bad SQL";
    EXPECT_NE(std::string::npos, doc.find("```sql\n" + std::string(meta().good) + "\n```"))
        << "the doc's example differs from the rule's good SQL";
}

TEST_P(RuleMetadataTest, HasFixture) {
    EXPECT_TRUE(fs::is_regular_file(test_support::source_path("fixtures/rules/" + std::string(meta().id) + ".sql")));
}

TEST_P(RuleMetadataTest, SummaryAndExamplesFollowHouseStyle) {
    ASSERT_FALSE(meta().summary.empty());
    EXPECT_NE('.', meta().summary.back());
    EXPECT_FALSE(meta().bad.empty());
    EXPECT_FALSE(meta().good.empty());
    EXPECT_NE(std::string::npos, linter::explain_rule(meta().id).find(std::string(meta().summary)));
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleMetadataTest, testing::ValuesIn(rule_ids()),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// docs/rules also documents other stages' rules (history, runner, gate); fixtures are ours.
TEST(RuleRegistryTest, FixturesBelongToRegisteredRules) {
    for (const auto& entry : fs::directory_iterator(test_support::source_path("fixtures/rules"))) {
        EXPECT_NE(nullptr, linter::find_rule(entry.path().stem().string())) << entry.path();
    }
}

TEST(RuleRegistryTest, IdsAreSortedKebabCase) {
    std::vector<std::string> ids = rule_ids();
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    for (const std::string& id : ids) {
        EXPECT_EQ(std::string::npos, id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-")) << id;
    }
}

// The catalog's lint-stage rules are the registered lint rules and the history's four.
TEST(RuleCatalogTest, LintRulesAreRegisteredRulesOrHistoryRules) {
    std::vector<std::string> registered = rule_ids();
    for (const core::RuleInfo& info : core::rule_catalog()) {
        bool is_lint_rule = std::find(registered.begin(), registered.end(), info.id) != registered.end();
        EXPECT_EQ(info.stage == "lint" && !history::is_history_rule(info.id), is_lint_rule) << info.id;
        EXPECT_EQ(is_lint_rule, !info.bad.empty() && !info.good.empty()) << info.id << ": examples are a lint rule's";
        EXPECT_FALSE(info.description.empty()) << info.id;
    }
    for (const std::string& id : registered) { EXPECT_NE(nullptr, core::find_rule_info(id)) << id; }
}

// Text read back (the lint cache) becomes a finding's rule id only through the catalog, whose
// own storage the id then views: every id, none of the aliases, nothing else.
TEST(RuleCatalogTest, KnownRuleIdsAreTheCatalogsOwn) {
    for (const core::RuleInfo& info : core::rule_catalog()) {
        std::optional<core::RuleId> id = core::known_rule_id(std::string(info.id));
        ASSERT_TRUE(id.has_value()) << info.id;
        EXPECT_EQ(info.id.data(), id->view().data()) << info.id;
        EXPECT_EQ(info.id, id->view());
        for (const std::string& alias : info.aliases) { EXPECT_FALSE(core::known_rule_id(alias)) << alias; }
    }
    EXPECT_FALSE(core::known_rule_id("no-such-rule"));
    EXPECT_FALSE(core::known_rule_id(""));
}

TEST(ExplainRuleTest, UnknownRuleSuggestsNearest) {
    try {
        linter::explain_rule("idempotancy");
        FAIL() << "no error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("did you mean 'idempotency'?")) << e.what();
    }
}

}  // namespace

namespace {

// A former id (here squawk's old prefer-big-int) finds its rule, is accepted in the config
// and in suppression comments, and names the rule's findings by the current id.
TEST(RuleAliasTest, FormerIdsStillWork) {
    const linter::Rule* rule = linter::find_rule("prefer-big-int");
    ASSERT_NE(nullptr, rule);
    EXPECT_EQ("prefer-bigint-over-int", rule->id());
    linter::LintOptions options = test_support::no_cache();
    options.rules["prefer-big-int"] = {"off", 1, 1};
    core::Report off = test_support::lint_sql("CREATE TABLE IF NOT EXISTS t (id integer PRIMARY KEY);", options);
    EXPECT_TRUE(test_support::findings_of(off, "prefer-bigint-over-int").empty());
    core::Report ignored = test_support::lint_sql(
        "-- schemagate:ignore prefer-big-int -- legacy id\nCREATE TABLE IF NOT EXISTS t (id integer PRIMARY KEY);");
    EXPECT_TRUE(test_support::findings_of(ignored, "prefer-bigint-over-int").empty());
    EXPECT_TRUE(test_support::findings_of(ignored, "unused-ignore").empty());
}

TEST(RuleAliasTest, OptInRulesStayOffUntilConfigured) {
    constexpr std::string_view sql = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);";
    EXPECT_TRUE(test_support::findings_of(test_support::lint_sql(sql), "require-table-schema").empty());
    linter::LintOptions options = test_support::no_cache();
    options.rules["require-table-schema"] = {"error", 1, 1};
    std::vector<core::Finding> found = test_support::findings_of(test_support::lint_sql(sql, options),
                                                                 "require-table-schema");
    ASSERT_EQ(1u, found.size());
    EXPECT_EQ(core::Severity::error, found[0].severity);
}

}  // namespace
