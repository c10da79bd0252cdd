#include "support.hpp"

#include "core/migration.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
    std::size_t count = 0;
    if (!fs::exists(dir)) { return 0; }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) { count += entry.is_regular_file() ? 1 : 0; }
    return count;
}

// A pack's header: its first line ("schemagate-lint-pack 2 <length>") and the settings.
std::string read_header(std::ifstream& in) {
    std::string line;
    std::getline(in, line);
    std::string settings(std::stoul(line.substr(line.rfind(' ') + 1)), '\0');
    in.read(settings.data(), static_cast<std::streamsize>(settings.size()));
    in.get();
    return line + "\n" + settings + "\n";
}

// Replaces the JSON of every entry of the pack files below `dir` with `json`
// (a pack: a header, then "<key> <length>\n<JSON>\n" per entry).
void poison(const fs::path& dir, const std::string& json) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().parent_path().filename() != "packs") { continue; }
        std::ifstream in(entry.path(), std::ios::binary);
        std::string out = read_header(in);
        for (std::string line; std::getline(in, line);) {
            std::size_t space = line.rfind(' ');
            std::string body(std::stoul(line.substr(space + 1)), '\0');
            in.read(body.data(), static_cast<std::streamsize>(body.size()));
            in.get();
            out += line.substr(0, space) + " " + std::to_string(json.size()) + "\n" + json + "\n";
        }
        in.close();
        std::ofstream(entry.path(), std::ios::binary) << out;
    }
}

// The JSON texts of the entries of the pack files below `dir`.
std::vector<std::string> pack_entries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().parent_path().filename() != "packs") { continue; }
        std::ifstream in(entry.path(), std::ios::binary);
        read_header(in);
        for (std::string line; std::getline(in, line);) {
            std::string body(std::stoul(line.substr(line.rfind(' ') + 1)), '\0');
            in.read(body.data(), static_cast<std::streamsize>(body.size()));
            in.get();
            out.push_back(body);
        }
    }
    return out;
}

void expect_same_findings(const core::Report& cold, const core::Report& warm) {
    ASSERT_EQ(cold.findings.size(), warm.findings.size());
    for (std::size_t i = 0; i < cold.findings.size(); ++i) {
        EXPECT_EQ(cold.findings[i].rule, warm.findings[i].rule);
        EXPECT_EQ(cold.findings[i].severity, warm.findings[i].severity);
        EXPECT_EQ(cold.findings[i].file, warm.findings[i].file);
        EXPECT_EQ(cold.findings[i].start, warm.findings[i].start);
        EXPECT_EQ(cold.findings[i].end, warm.findings[i].end);
        EXPECT_EQ(cold.findings[i].message, warm.findings[i].message);
        EXPECT_EQ(cold.findings[i].help, warm.findings[i].help);
    }
}

class CacheTest : public testing::Test {
protected:
    core::Report lint(linter::LintOptions options = {}) {
        options.use_cache = true;
        options.cache_dir = m_cache.path() / "lint";
        return linter::lint(core::discover({m_migrations.path()}, {}), options);
    }
    void write(const std::string& name, const std::string& text) {
        linter::write_files(m_migrations.path(), {{name, text}});
    }
    test_support::TempDir m_migrations;
    test_support::TempDir m_cache;
};

TEST_F(CacheTest, WarmRunGivesTheSameFindingsFromTheCache) {
    write("0001_a.sql", "-- schemagate:ignore idempotency\nINSERT INTO t VALUES (1);\nCREATE TABLE u (id int);\n");
    write("0002_b.sql", "CREATE TABLE v (id bigint;\n");
    core::Report cold = lint();
    EXPECT_EQ(1u, entries(m_cache.path()));  // one pack for the directory
    expect_same_findings(cold, lint());
}

TEST_F(CacheTest, WarmRunReadsTheCacheInsteadOfTheParser) {
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    lint();
    // Poison the entry: a warm run that re-parsed would not see this finding.
    poison(m_cache.path(), R"({"findings":[{"rule":"idempotency","severity":"error","start":[9,9],)"
                           R"("end":[9,9],"message":"from the cache","help":""}],"ignores":[]})");
    core::Report warm = lint();
    ASSERT_EQ(1u, warm.findings.size());
    EXPECT_EQ("from the cache", warm.findings[0].message);
}

TEST_F(CacheTest, ChangedContentOrSettingsMissTheCache) {
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    lint();
    write("0001_a.sql", "CREATE TABLE IF NOT EXISTS u (id bigint);\n");
    EXPECT_TRUE(test_support::findings_of(lint(), "idempotency").empty());
    linter::LintOptions options;
    options.rules["idempotency"] = {"warning", 1, 1};
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    auto findings = test_support::findings_of(lint(options), "idempotency");
    ASSERT_EQ(1u, findings.size());
    EXPECT_EQ(core::Severity::warning, findings[0].severity);
    EXPECT_EQ(1u, entries(m_cache.path()));  // the pack keeps what the last run used
}

// Entries are written without a JSON document (escaping by hand): quotes, backslashes,
// control characters and non-ASCII text in messages, help and ignores come back the same.
TEST_F(CacheTest, EscapedTextComesBackTheSame) {
    write("0001_a.sql",
          "-- schemagate:ignore-file require-lock-timeout\n-- schemagate:ignore \"no-such\\rule\"\n"
          "CREATE TABLE \"qu\"\"ote\\back\tslash\u00e9\x01\" (id int);\nSELECT 'caf\u00e9\x02';\n");
    core::Report cold = lint();
    std::vector<std::string> stored = pack_entries(m_cache.path());
    ASSERT_EQ(1u, stored.size());  // valid JSON, so the warm run reads it, holding the escaped name
    EXPECT_NE(std::string::npos,
              nlohmann::json::parse(stored[0]).dump().find("qu\\\"ote\\\\back\\tslash\u00e9\\u0001"));
    ASSERT_FALSE(cold.findings.empty());
    expect_same_findings(cold, lint());
}

TEST_F(CacheTest, CorruptEntryIsAMiss) {
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    lint();
    for (const auto& entry : fs::recursive_directory_iterator(m_cache.path())) {
        if (entry.is_regular_file()) { std::ofstream(entry.path()) << "{not json"; }
    }
    EXPECT_EQ(1u, test_support::findings_of(lint(), "idempotency").size());
}

// A finding's rule id comes back only as one of the catalog's (findings view the catalog's
// ids): an entry naming a rule this build does not have is linted again.
TEST_F(CacheTest, AnEntryWithAnUnknownRuleIsAMiss) {
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    lint();
    std::vector<std::string> stored = pack_entries(m_cache.path());
    ASSERT_EQ(1u, stored.size());
    std::string renamed = stored[0];
    std::size_t at = renamed.find("\"idempotency\"");
    ASSERT_NE(std::string::npos, at) << renamed;
    renamed.replace(at, std::string("\"idempotency\"").size(), "\"no-such-rule\"");
    poison(m_cache.path(), renamed);
    core::Report report = lint();
    EXPECT_EQ(1u, test_support::findings_of(report, "idempotency").size());
    EXPECT_TRUE(test_support::findings_of(report, "no-such-rule").empty());
}

TEST_F(CacheTest, NoCacheWritesNothing) {
    write("0001_a.sql", "CREATE TABLE u (id bigint);\n");
    linter::LintOptions options = test_support::no_cache();
    options.cache_dir = m_cache.path() / "lint";
    linter::lint(core::discover({m_migrations.path()}, {}), options);
    EXPECT_EQ(0u, entries(m_cache.path()));
}

// Findings wait for the report in blocks of many files' findings; a file with more findings
// than a block holds gets a block of its own. Cold or from the cache, the report is in
// report order with every finding, the set rules' and unused ignores' with their files'.
TEST_F(CacheTest, AFileWithMoreFindingsThanABlockIsReportedWhole) {
    std::string many = "-- schemagate:ignore require-lock-timeout\n";
    for (int i = 0; i < 5000; ++i) { many += "DROP TABLE t" + std::to_string(i) + ";\n"; }
    write("0001_a.sql", "DROP TABLE a;\n");
    write("0002_b.sql", many);
    write("0003_c.sql", "-- schemagate:ignore ban-drop-table\nSELECT 1;\n");
    for (const core::Report& report : {lint(), lint()}) {
        EXPECT_EQ(5001u, test_support::findings_of(report, "ban-drop-table").size());
        EXPECT_TRUE(std::is_sorted(report.findings.begin(), report.findings.end(), core::finding_less));
        std::vector<core::Finding> unused = test_support::findings_of(report, "unused-ignore");
        ASSERT_EQ(1u, unused.size());
        EXPECT_EQ((m_migrations.path() / "0003_c.sql").string(), unused[0].file);
    }
}

}  // namespace

namespace {

TEST_F(CacheTest, NoTransactionSetByConfigMissesTheCache) {
    write("0001_a.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c);\n");
    linter::LintOptions options;
    options.use_cache = true;
    options.cache_dir = m_cache.path() / "lint";
    core::MigrationSet set = core::discover({m_migrations.path()}, {});
    EXPECT_EQ(1u, test_support::findings_of(linter::lint(set, options), "non-transactional-statement").size());
    set.migrations[0].directives.no_transaction = true;  // what the CLI does for config.no_transaction
    EXPECT_TRUE(test_support::findings_of(linter::lint(set, options), "non-transactional-statement").empty());
}

}  // namespace
