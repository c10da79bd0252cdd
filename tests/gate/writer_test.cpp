#include "gate/report/writer.hpp"
#include "gate/report/writers.hpp"

#include "sample_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
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
                                           gate::Format::junit, gate::Format::markdown, gate::Format::github,
                                           gate::Format::gitlab),
                         [](const auto& info) { return std::string(gate::to_string(info.param)); });

TEST(FormatTest, ParsesTheNamesOfTheContract) {
    for (std::string_view name : {"text", "json", "sarif", "junit", "markdown", "github", "gitlab"}) {
        ASSERT_TRUE(gate::parse_format(name).has_value()) << name;
        EXPECT_EQ(name, gate::to_string(*gate::parse_format(name)));
    }
    EXPECT_FALSE(gate::parse_format("xml").has_value());
    EXPECT_FALSE(gate::parse_format("JSON").has_value());
}

TEST(StageTest, JunitFilesEachFindingUnderItsRulesStageFromTheCatalog) {
    core::Report report;
    report.rules = {{.id = "not-idempotent", .stage = "run"}, {.id = "schema-drift", .stage = "gate"}};
    for (core::RuleId rule : {core::RuleId("not-idempotent"), core::RuleId("schema-drift"), core::RuleId("naming")}) {
        core::Finding f;
        f.rule = rule;
        f.file = "m/0001_a.sql";
        f.message = rule.str() + " found";
        report.findings.push_back(f);
    }
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos,
              out.find("<testcase classname=\"schemagate.run\" name=\"m/0001_a.sql not-idempotent\">"));
    EXPECT_NE(std::string::npos,
              out.find("<testcase classname=\"schemagate.gate\" name=\"m/0001_a.sql schema-drift\">"));
    EXPECT_NE(std::string::npos, out.find("<testcase classname=\"schemagate.lint\" name=\"m/0001_a.sql naming\">"));
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
    EXPECT_EQ((nlohmann::json{{"migrations", 4},
                              {"checks", 24},
                              {"passed", 17},
                              {"errors", 4},
                              {"warnings", 2},
                              {"infos", 1},
                              {"blockers", 4}}),
              json["summary"]);
    ASSERT_EQ(7u, json["findings"].size());
    const auto& first = json["findings"][0];  // sorted: migrations/0001_init.sql first
    EXPECT_EQ("prefer-bigint-over-int", first["rule"]);
    EXPECT_EQ("info", first["severity"]);
    EXPECT_EQ(false, first["blocking"]);
    for (const char* key :
         {"rule", "severity", "blocking", "file", "line", "column", "end_line", "end_column", "message", "help"}) {
        EXPECT_TRUE(first.contains(key)) << key;
    }
    EXPECT_EQ(3.25, json["migrations"][0]["duration_ms"]);
    EXPECT_FALSE(json["migrations"][3].contains("duration_ms"));
    EXPECT_EQ("skipped", json["migrations"][3]["status"]);
    EXPECT_EQ("users", json["schema"]["tables"][0]["name"]);
}

TEST(JsonWriterTest, LockTraceNamesItsVerdictAndWhatTheServerDid) {
    core::Report report;
    core::Finding confirmed{.rule = "adding-foreign-key-constraint", .file = "m/2.sql", .message = "locks users"};
    confirmed.trace = core::Trace::confirmed;
    confirmed.observed = "SHARE ROW EXCLUSIVE on public.users; no rewrite; no full scan";
    core::Finding not_observed = confirmed;
    not_observed.file = "m/3.sql";
    not_observed.trace = core::Trace::not_observed;
    core::Finding unchecked{.rule = "adding-field-with-default", .file = "m/1.sql", .message = "rewrites"};
    report.findings = {unchecked, confirmed, not_observed};
    nlohmann::json json = nlohmann::json::parse(render(report, gate::Format::json));
    EXPECT_FALSE(json["findings"][0].contains("trace"));
    EXPECT_EQ("confirmed", json["findings"][1]["trace"]);
    EXPECT_EQ(confirmed.observed, json["findings"][1]["observed"]);
    EXPECT_EQ("not-observed", json["findings"][2]["trace"]);
    nlohmann::json sarif = nlohmann::json::parse(render(report, gate::Format::sarif));
    const nlohmann::json& results = sarif["runs"][0]["results"];
    EXPECT_FALSE(results[0]["properties"].contains("trace"));
    EXPECT_EQ("confirmed", results[1]["properties"]["trace"]);
    EXPECT_EQ("not-observed", results[2]["properties"]["trace"]);
    EXPECT_NE(std::string::npos, render(report, gate::Format::text).find("lock trace: confirmed: SHARE ROW EXCLUSIVE"));
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

TEST(FingerprintTest, SarifAndGitlabIgnoreMeasuredDurationsButNotTheFindingsSubject) {
    auto fingerprints = [](const std::string& message) {
        core::Report report;
        core::Finding f;
        f.rule = "exclusive-lock-held";
        f.file = "migrations/0003_x.sql";
        f.message = message;
        report.findings.push_back(f);
        nlohmann::json sarif = nlohmann::json::parse(render(report, gate::Format::sarif));
        nlohmann::json gitlab = nlohmann::json::parse(render(report, gate::Format::gitlab));
        return sarif["runs"][0]["results"][0]["partialFingerprints"]["schemagateFindingHash/v1"].get<std::string>() +
               " " + gitlab[0]["fingerprint"].get<std::string>();
    };
    std::string a = fingerprints("2 statements ran while ACCESS EXCLUSIVE on public.users was held (12.5 ms here)");
    EXPECT_EQ(a, fingerprints("2 statements ran while ACCESS EXCLUSIVE on public.users was held (0.3 ms here)"));
    EXPECT_NE(a, fingerprints("2 statements ran while ACCESS EXCLUSIVE on public.teams was held (12.5 ms here)"));
    EXPECT_NE(a, fingerprints("3 statements ran while ACCESS EXCLUSIVE on public.users was held (12.5 ms here)"));
    EXPECT_NE(fingerprints("timeout 5 msg"), fingerprints("timeout 6 msg"));  // "ms" only as a unit
}

TEST(FingerprintMessageTest, WritesMeasuredMillisecondsAsAHashOnlyWhereTheRunMeasuredThem) {
    core::Finding held;
    held.rule = "exclusive-lock-held";
    held.message = "held (12.5 ms here), 3 ms";
    EXPECT_EQ("held (# ms here), # ms", gate::detail::fingerprint_message(held));
    held.message = "V15.2 msg 7 m";
    EXPECT_EQ("V15.2 msg 7 m", gate::detail::fingerprint_message(held));
    core::Finding timeout;  // a value the user wrote is part of the finding
    timeout.rule = "require-lock-timeout";
    timeout.message = "lock_timeout = '500 ms' is too long";
    EXPECT_EQ(timeout.message, gate::detail::fingerprint_message(timeout));
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
    EXPECT_EQ(
        "::notice title=naming::no place%0Ahelp: look: here\n"
        "::warning file=db/a%2Cb%3Ac.sql,line=2,endLine=3,col=5,endColumn=1,title=naming::100%25 wrong%0D%0Areally\n"
        "0 migrations, 0 checks: 0 passed, 0 errors, 1 warning, 1 info, 0 blockers\n"
        "verdict: pass\n",
        out);
}

TEST(MarkdownWriterTest, EscapesTableCells) {
    std::string out = render(gate_test::sample_report(), gate::Format::markdown);
    EXPECT_NE(std::string::npos,
              out.find("use bigint &#124; see &lt;docs/rules/prefer-bigint-over-int.md&gt; &amp; 100%"));
    EXPECT_EQ(0u, out.find("## ❌ schemagate: fail\n"));
}

TEST(MarkdownWriterTest, StaysUnder65000CharactersWithANote) {
    core::Report report;
    for (int i = 0; i < 3000; ++i) {
        core::Finding f;
        f.rule = i % 2 == 0 ? core::RuleId(core::rule_id::idempotency) : core::RuleId(core::rule_id::ban_drop_column);
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

TEST(GitlabWriterTest, CodeQualityIssuesWithFingerprintsThatSurviveMovedLines) {
    core::Report report = gate_test::sample_report();
    nlohmann::json issues = nlohmann::json::parse(render(report, gate::Format::gitlab));
    ASSERT_TRUE(issues.is_array());
    ASSERT_EQ(report.findings.size(), issues.size());
    std::set<std::string> fingerprints;
    for (const auto& issue : issues) {
        for (const char* key : {"description", "check_name", "fingerprint", "severity"}) {
            EXPECT_TRUE(issue[key].is_string()) << key;
        }
        EXPECT_TRUE(issue["location"]["path"].is_string());
        EXPECT_GE(issue["location"]["lines"]["begin"].get<int>(), 1);
        fingerprints.insert(issue["fingerprint"].get<std::string>());
    }
    EXPECT_EQ(issues.size(), fingerprints.size()) << "fingerprints are unique";
    for (auto& f : report.findings) { f.start.line += 10; }
    nlohmann::json moved = nlohmann::json::parse(render(report, gate::Format::gitlab));
    for (std::size_t i = 0; i < issues.size(); ++i) { EXPECT_EQ(issues[i]["fingerprint"], moved[i]["fingerprint"]); }
}

TEST(GitlabWriterTest, SeveritiesOnGitlabsScale) {
    core::Report report = gate_test::sample_report();
    nlohmann::json issues = nlohmann::json::parse(render(report, gate::Format::gitlab));
    std::map<std::string, std::string> by_rule;
    for (const auto& issue : issues) { by_rule[issue["check_name"]] = issue["severity"]; }
    EXPECT_EQ("blocker", by_rule["idempotency"]);
    EXPECT_EQ("minor", by_rule["require-concurrent-index-creation"]);
    EXPECT_EQ("info", by_rule["prefer-bigint-over-int"]);
}

TEST(MarkdownWriterTest, LocationsLinkToTheCommitAndCodeInHelpStaysCode) {
    core::Report report;
    core::Finding f;
    f.rule = "idempotency";
    f.file = "db/migrations/0001 init.sql";
    f.start = {4, 1};
    f.message = "not | guarded";
    f.help = "write `CREATE TABLE IF NOT EXISTS t (a int | b)` instead";
    report.findings.push_back(f);
    gate::WriteOptions options;
    options.link_base = "https://github.com/o/r/blob/abc123/";
    std::string out = render(report, gate::Format::markdown, options);
    EXPECT_NE(
        std::string::npos,
        out.find(
            "[`db/migrations/0001 init.sql:4:1`](https://github.com/o/r/blob/abc123/db/migrations/0001%20init.sql#L4)"))
        << out;
    EXPECT_NE(std::string::npos, out.find("write `CREATE TABLE IF NOT EXISTS t (a int \\| b)` instead")) << out;
    EXPECT_NE(std::string::npos, out.find("not &#124; guarded"));
    EXPECT_EQ(std::string::npos, render(report, gate::Format::markdown).find("](https://")) << "no link without a base";
}

TEST(JunitWriterTest, OneSuitePerStageAndOneCasePerCheck) {
    std::string out = render(gate_test::sample_report(), gate::Format::junit);
    EXPECT_NE(std::string::npos,
              out.find("<testsuite name=\"lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos,
              out.find("<testsuite name=\"run\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\">"));
    EXPECT_NE(std::string::npos,
              out.find("<testsuite name=\"gate\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos, out.find("message=\"migrations/0003_posts.sql:7:3: relation &quot;accounts&quot; does "
                                          "not exist (SQLSTATE 42P01)\""));
    EXPECT_NE(std::string::npos, out.find("<skipped message=\"already applied (in the history table)\"/>"));
}

// A testcase keeps its name when lines move: rule and file, never line:column; the
// findings' positions are in the failure's message and body.
TEST(JunitWriterTest, TestcaseNamesCarryNoLineNumbers) {
    core::Report report = gate_test::sample_report();
    std::string out = render(report, gate::Format::junit);
    for (std::size_t at = out.find(" name=\""); at != std::string::npos; at = out.find(" name=\"", at + 1)) {
        std::string name = out.substr(at + 7, out.find('"', at + 7) - at - 7);
        EXPECT_EQ(std::string::npos, name.find(':')) << name;
    }
    EXPECT_NE(std::string::npos, out.find("name=\"migrations/0002_users.sql idempotency\""));
}

TEST(JunitWriterTest, TwoFindingsOfOneRuleOnOneFileAreOneTestcase) {
    core::Report report;
    for (int line : {3, 9}) {
        core::Finding f;
        f.rule = "idempotency";
        f.file = "m/0001_a.sql";
        f.start = {line, 1};
        f.message = "not guarded";
        report.findings.push_back(f);
    }
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"lint\" tests=\"1\" failures=\"1\""));
    EXPECT_NE(std::string::npos,
              out.find("m/0001_a.sql:3:1: error[idempotency]: not guarded\nm/0001_a.sql:9:1: error"));
}

TEST(JunitWriterTest, LintOnlyReportHasOnlyALintSuite) {
    core::Report report;
    report.migrations = {{"m/0001_a.sql", "0001", "sha256:x", core::MigrationStatus::linted, -1},
                         {"m/0002_b.sql", "0002", "sha256:y", core::MigrationStatus::linted, -1}};
    core::Finding f;
    f.rule = "naming";
    f.file = "m/0002_b.sql";
    f.message = "bad name";
    report.findings.push_back(f);
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos,
              out.find("<testsuite name=\"lint\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    EXPECT_NE(std::string::npos, out.find("<testcase classname=\"schemagate.lint\" name=\"m/0001_a.sql\"/>"));
    EXPECT_NE(std::string::npos, out.find("<testcase classname=\"schemagate.lint\" name=\"m/0002_b.sql naming\">"));
    EXPECT_EQ(std::string::npos, out.find("name=\"run\""));
}

// `check` on clean migrations: every migration passed lint and applied.
TEST(JunitWriterTest, CleanCheckHasATestPerMigrationInLintAndRun) {
    core::Report report;
    report.migrations = {{"m/0001_a.sql", "0001", "sha256:x", core::MigrationStatus::applied, 1.5},
                         {"m/0002_b.sql", "0002", "sha256:y", core::MigrationStatus::applied, 2.0}};
    report.linted_in_full = 2;
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"lint\" tests=\"2\" failures=\"0\""));
    EXPECT_NE(std::string::npos, out.find("<testsuite name=\"run\" tests=\"2\" failures=\"0\""));
    EXPECT_NE(std::string::npos,
              out.find("<testcase classname=\"schemagate.run\" name=\"m/0002_b.sql\" time=\"0.002\"/>"));
}

TEST(JunitWriterTest, MigrationsLeftPendingByAFailureSayWhyTheyAreSkipped) {
    core::Report report;
    report.migrations = {{"m/0001_a.sql", "0001", "sha256:x", core::MigrationStatus::failed, 1.5},
                         {"m/0002_b.sql", "0002", "sha256:y", core::MigrationStatus::pending, -1}};
    report.migration_failed = true;
    std::string out = render(report, gate::Format::junit);
    EXPECT_NE(std::string::npos, out.find("<skipped message=\"not applied: an earlier migration failed\"/>"));
    EXPECT_NE(std::string::npos, out.find("<failure message=\"migration failed to apply\" type=\"migration-failed\">"));
}

}  // namespace

// A file name (or a configured base ref) with an escape sequence, a newline and a byte that is
// not UTF-8 must not reach a terminal, break a Markdown table or make the JUnit XML ill-formed.
TEST(OddFileNameTest, EveryFormatPrintsItEscaped) {
    core::Report report;
    core::Finding f;
    f.rule = "naming";
    f.severity = core::Severity::error;
    f.file = "migrations/0001_\x1b[31mred\nline\xff.sql";
    f.start = f.end = {1, 1};
    f.message = "'0001_\x1b[31mred' does not match";
    report.findings.push_back(f);
    report.linted_in_full = 1;
    report.integrity_only = 2;
    report.scope_base = "origin/\x1b[31mred\nline\xff";  // a config's immutable_after: (fuzz_reports)
    // Listed as not applied after a failed migration; a server version as a server sent it.
    report.migration_failed = true;
    report.migrations.emplace_back("migrations/0000_ok.sql", "0000", "", core::MigrationStatus::failed);
    report.migrations.emplace_back(f.file, "0001", "", core::MigrationStatus::pending);
    report.run.server_version = "15.8\x1b[31mred\nline\xff";
    for (gate::Format format :
         {gate::Format::text, gate::Format::markdown, gate::Format::junit, gate::Format::github}) {
        std::ostringstream out;
        gate::write_report(report, format, out, {false});
        std::string text = out.str();
        EXPECT_EQ(std::string::npos, text.find('\x1b')) << gate::to_string(format);
        EXPECT_EQ(std::string::npos, text.find('\xff')) << gate::to_string(format);
        EXPECT_EQ(std::string::npos, text.find("red\nline")) << gate::to_string(format);
    }
}
