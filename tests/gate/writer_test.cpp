#include "gate/report/writer.hpp"

#include "sample_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path k_golden_dir = fs::path(SCHEMAGATE_SOURCE_DIR) / "fixtures" / "reports";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string render(const core::Report& report, gate::Format format, gate::WriteOptions options = {}) {
    std::ostringstream out;
    gate::write_report(report, format, out, options);
    return out.str();
}

/// The tool's version, and the parser's, are replaced so that a release or another libpg_query
/// does not rewrite the golden files.
std::string without_version(std::string text) {
    static const std::regex k_parser(R"("parser": "libpg_query, PostgreSQL [0-9.]+")");
    text = std::regex_replace(text, k_parser, R"("parser": "libpg_query, PostgreSQL <version>")");
    const std::string version = SCHEMAGATE_VERSION;
    text = replace_all(text, "\"version\": \"" + version + "\"", "\"version\": \"<version>\"");
    return replace_all(text, "\"semanticVersion\": \"" + version + "\"", "\"semanticVersion\": \"<version>\"");
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class GoldenTest : public ::testing::TestWithParam<gate::Format> {};

TEST_P(GoldenTest, SampleReportMatchesGoldenFile) {
    fs::path golden = k_golden_dir / ("sample." + std::string(gate::to_string(GetParam())) + ".golden");
    std::string actual = without_version(render(gate_test::sample_report(), GetParam()));
    if (std::getenv("UPDATE_GOLDEN") != nullptr) {
        std::ofstream(golden, std::ios::binary) << actual;
        SUCCEED() << "rewrote " << golden;
        return;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run the test with UPDATE_GOLDEN=1";
    EXPECT_EQ(read_file(golden), actual) << "differs from " << golden << " (UPDATE_GOLDEN=1 rewrites it)";
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, GoldenTest,
                         ::testing::Values(gate::Format::text, gate::Format::json, gate::Format::sarif,
                                           gate::Format::junit, gate::Format::markdown, gate::Format::github),
                         [](const auto& info) { return std::string(gate::to_string(info.param)); });

TEST(FormatTest, ParsesTheNamesOfTheContract) {
    for (std::string_view name : {"text", "json", "sarif", "junit", "markdown", "github"}) {
        ASSERT_TRUE(gate::parse_format(name).has_value()) << name;
        EXPECT_EQ(name, gate::to_string(*gate::parse_format(name)));
    }
    EXPECT_FALSE(gate::parse_format("xml").has_value());
    EXPECT_FALSE(gate::parse_format("JSON").has_value());
}

TEST(StageTest, DerivesTheStageFromTheRule) {
    EXPECT_EQ("run", gate::stage_of("migration-failed"));
    EXPECT_EQ("run", gate::stage_of("not-idempotent"));
    EXPECT_EQ("run", gate::stage_of("checksum-mismatch"));
    EXPECT_EQ("gate", gate::stage_of("missing-table"));
    EXPECT_EQ("gate", gate::stage_of("rls-disabled"));
    EXPECT_EQ("lint", gate::stage_of("idempotency"));
    EXPECT_EQ("lint", gate::stage_of("parse-error"));
}

TEST(TextWriterTest, ColoursOnlyWhenAsked) {
    core::Report report = gate_test::sample_report();
    std::string plain = render(report, gate::Format::text);
    EXPECT_EQ(std::string::npos, plain.find('\x1b'));
    std::string colored = render(report, gate::Format::text, {.color = true});
    EXPECT_NE(std::string::npos, colored.find("\x1b[1;31merror\x1b[0m[idempotency]"));
    EXPECT_NE(std::string::npos, colored.find("\x1b[1;33mwarning\x1b[0m"));
    EXPECT_TRUE(colored.ends_with("verdict: \x1b[1;31mfail\x1b[0m\n"));
}

TEST(TextWriterTest, EmptyReportIsTheSummaryAndAPass) {
    EXPECT_EQ("0 migrations, 0 checks: 0 passed, 0 errors, 0 warnings, 0 infos, 0 blockers\nverdict: pass\n",
              render(core::Report{}, gate::Format::text));
}

TEST(JsonWriterTest, FollowsTheContract) {
    nlohmann::json json = nlohmann::json::parse(render(gate_test::sample_report(), gate::Format::json));
    EXPECT_EQ("schemagate", json["tool"]["name"]);
    EXPECT_EQ(SCHEMAGATE_VERSION, json["tool"]["version"]);
    EXPECT_EQ("fail", json["verdict"]);
    EXPECT_EQ((nlohmann::json{{"migrations", 4}, {"checks", 24}, {"passed", 17}, {"errors", 4}, {"warnings", 2},
                              {"infos", 1}, {"blockers", 4}}),
              json["summary"]);
    ASSERT_EQ(7u, json["findings"].size());
    const auto& first = json["findings"][0];  // sorted: migrations/0001_init.sql first
    EXPECT_EQ("prefer-bigint-over-int", first["rule"]);
    EXPECT_EQ("info", first["severity"]);
    EXPECT_EQ(false, first["blocking"]);
    for (const char* key : {"rule", "severity", "blocking", "file", "line", "column", "end_line", "end_column",
                            "message", "help"}) {
        EXPECT_TRUE(first.contains(key)) << key;
    }
    EXPECT_EQ(3.25, json["migrations"][0]["duration_ms"]);
    EXPECT_FALSE(json["migrations"][3].contains("duration_ms"));
    EXPECT_EQ("skipped", json["migrations"][3]["status"]);
    EXPECT_EQ("users", json["schema"]["tables"][0]["name"]);
}

TEST(JsonWriterTest, KeysComeInTheContractsOrder) {
    std::string text = render(core::Report{}, gate::Format::json);
    std::size_t last = 0;
    for (const char* key : {"tool", "verdict", "summary", "findings", "migrations", "schema"}) {
        std::size_t at = text.find("\n  \"" + std::string(key) + "\":");
        ASSERT_NE(std::string::npos, at) << key;
        EXPECT_GT(at, last) << key;
        last = at;
    }
    EXPECT_EQ("pass", nlohmann::json::parse(text)["verdict"]);
}

TEST(SarifWriterTest, RegionsAreInclusiveStartExclusiveEndAndRulesAreIndexed) {
    nlohmann::json sarif = nlohmann::json::parse(render(gate_test::sample_report(), gate::Format::sarif));
    const auto& run = sarif["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(7u, rules.size());  // every rule used, gate rules described by gate::rule_infos()
    for (const auto& result : run["results"]) {
        EXPECT_EQ(rules[result["ruleIndex"].get<int>()]["id"], result["ruleId"]);
    }
    const auto& idempotency = run["results"][1];
    EXPECT_EQ("idempotency", idempotency["ruleId"]);
    const auto& location = idempotency["locations"][0]["physicalLocation"];
    EXPECT_EQ("migrations/0002_users.sql", location["artifactLocation"]["uri"]);
    EXPECT_EQ((nlohmann::json{{"startLine", 4}, {"startColumn", 1}, {"endLine", 4}, {"endColumn", 39}}),
              location["region"]);
    EXPECT_EQ(64u, idempotency["partialFingerprints"]["schemagateFindingHash/v1"].get<std::string>().size());
}

TEST(SarifWriterTest, LeavesOutUnknownPositionsAndEncodesUris) {
    nlohmann::json sarif = nlohmann::json::parse(render(gate_test::odd_report(), gate::Format::sarif));
    const auto& results = sarif["runs"][0]["results"];
    EXPECT_FALSE(results[0].contains("locations"));  // no file
    const auto& naming = results[1]["locations"][0]["physicalLocation"];
    EXPECT_EQ("migrations/%C3%A9t%C3%A9%2001%20%231.sql", naming["artifactLocation"]["uri"]);
    EXPECT_EQ((nlohmann::json{{"startLine", 1}}), naming["region"]);
    EXPECT_EQ("migrations/0002_bad.sql", results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
}

TEST(GithubWriterTest, EscapesDataAndProperties) {
    core::Report report;
    core::Finding f;
    f.rule = "naming";
    f.severity = core::Severity::warning;
    f.file = "db/a,b:c.sql";
    f.start = {2, 5};
    f.end = {3, 1};
    f.message = "100% wrong\r\nreally";
    report.findings.push_back(f);
    f.severity = core::Severity::info;
    f.file = "";
    f.message = "no place";
    f.help = "look: here";
    report.findings.push_back(f);
    std::string out = render(report, gate::Format::github);
    EXPECT_EQ("::notice title=naming::no place%0Ahelp: look: here\n"
              "::warning file=db/a%2Cb%3Ac.sql,line=2,endLine=3,col=5,endColumn=1,title=naming::100%25 wrong%0D%0Areally\n"
              "0 migrations, 0 checks: 0 passed, 0 errors, 1 warning, 1 info, 0 blockers\n"
              "verdict: pass\n",
              out);
}

TEST(MarkdownWriterTest, EscapesTableCells) {
    std::string out = render(gate_test::sample_report(), gate::Format::markdown);
    EXPECT_NE(std::string::npos, out.find("use bigint &#124; see &lt;docs/rules/prefer-bigint-over-int.md&gt; &amp; 100%"));
    EXPECT_EQ(0u, out.find("## ❌ schemagate: fail\n"));
}

TEST(MarkdownWriterTest, StaysUnder65000CharactersWithANote) {
    core::Report report;
    for (int i = 0; i < 3000; ++i) {
        core::Finding f;
        f.rule = i % 2 == 0 ? "idempotency" : "ban-drop-column";
        f.severity = i % 2 == 0 ? core::Severity::error : core::Severity::warning;
        f.file = "migrations/" + std::to_string(1000 + i) + "_step.sql";
        f.start = {i + 1, 1};
        f.end = {i + 1, 80};
        f.message = "a long message about what is wrong with this statement, repeated to take room " +
                    std::to_string(i);
        f.help = "write the statement another way";
        report.findings.push_back(f);
    }
    std::string out = render(report, gate::Format::markdown);
    EXPECT_LT(out.size(), 65000u);
    EXPECT_NE(std::string::npos, out.find("### Blockers (1500)"));
    EXPECT_NE(std::string::npos, out.find("> **Note:** report truncated to stay under 65,000 characters: "));
    EXPECT_NE(std::string::npos, out.find("findings not shown"));
    EXPECT_EQ(std::string::npos, out.find("<details>")) << "warnings come after the blockers that filled the room";
}

TEST(JunitWriterTest, OneSuitePerStageAndOneCasePerCheck) {
    std::string out = render(gate_test::sample_report(), gate::Format::junit);
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"run\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\">"));
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"gate\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos, out.find("message=\"relation &quot;accounts&quot; does not exist (SQLSTATE 42P01)\""));
}

TEST(JunitWriterTest, LintOnlyReportHasOnlyALintSuite) {
    core::Report report;
    report.migrations = {{"m/0001_a.sql", "0001", "sha256:x", "linted", -1}, {"m/0002_b.sql", "0002", "sha256:y", "linted", -1}};
    core::Finding f;
    f.rule = "naming";
    f.file = "m/0002_b.sql";
    f.message = "bad name";
    report.findings.push_back(f);
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"lint\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos, out.find("<testcase classname=\"schemagate.lint\" name=\"m/0001_a.sql\"/>"));
    EXPECT_EQ(std::string::npos, out.find("name=\"run\""));
}

}  // namespace

// A file name with an escape sequence, a newline and a byte that is not UTF-8 must not
// reach a terminal, break a Markdown table or make the JUnit XML ill-formed.
TEST(OddFileNameTest, EveryFormatPrintsItEscaped) {
    core::Report report;
    core::Finding f;
    f.rule = "naming";
    f.severity = core::Severity::error;
    f.file = "migrations/0001_\x1b[31mred\nline\xff.sql";
    f.start = f.end = {1, 1};
    f.message = "'0001_\x1b[31mred' does not match";
    report.findings.push_back(f);
    for (gate::Format format : {gate::Format::text, gate::Format::markdown, gate::Format::junit, gate::Format::github}) {
        std::ostringstream out;
        gate::write_report(report, format, out, {false});
        std::string text = out.str();
        EXPECT_EQ(std::string::npos, text.find('\x1b')) << gate::to_string(format);
        EXPECT_EQ(std::string::npos, text.find('\xff')) << gate::to_string(format);
        EXPECT_EQ(std::string::npos, text.find("red\nline")) << gate::to_string(format);
    }
}
