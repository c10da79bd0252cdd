// Robustness on real input: every file of ../shared/corpora (pg-regress included: psql
// meta-commands, deliberate syntax errors, a Latin-1 file) linted in one run through the
// library gives findings or a clean parse, never a crash; and one bad file never hides the
// findings of another (each file's findings alone equal its findings in the whole run).
#include "corpora.hpp"
#include "support.hpp"

#include "core/migration.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {

fs::path corpora() { return test_support::corpora_dir(); }

std::vector<fs::path> corpus_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(corpora())) {
        if (entry.is_regular_file() && entry.path().extension() == ".sql") { files.push_back(entry.path()); }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Findings of per-file rules only (set rules depend on the other files by design).
std::multiset<std::string> per_file(const core::Report& report, const std::string& file) {
    static const std::set<std::string> k_set_rules = {"naming", "duplicate-version", "depends"};
    std::multiset<std::string> out;
    for (const core::Finding& f : report.findings) {
        if (f.file != file || k_set_rules.count(f.rule.str()) > 0) { continue; }
        out.insert(f.rule.str() + "@" + std::to_string(f.start.line) + ":" + std::to_string(f.start.column) + " " +
                   f.message);
    }
    return out;
}

class CorporaTest : public testing::Test {
protected:
    void SetUp() override { REQUIRE_CORPORA(); }
};

TEST_F(CorporaTest, WholeCorporaLintInOneRunWithoutCrashing) {
    std::vector<fs::path> files = corpus_files();
    ASSERT_GT(files.size(), 500u);
    core::MigrationSet set = core::discover(files, {});
    core::Report report = linter::lint(set, test_support::no_cache());
    ASSERT_EQ(files.size(), report.migrations.size());
    std::map<std::string, int> parse_errors;
    for (const core::Finding& f : report.findings) {
        EXPECT_GE(f.start.line, 1) << f.file << ": " << f.rule;
        EXPECT_GE(f.start.column, 1) << f.file << ": " << f.rule;
        EXPECT_FALSE(f.message.empty()) << f.file << ": " << f.rule;
        if (f.rule == "parse-error") { ++parse_errors[f.file]; }
    }
    for (const auto& [file, count] : parse_errors) { EXPECT_EQ(1, count) << file; }
    bool latin1 = false;
    for (const core::Finding& f : report.findings) {
        latin1 = latin1 || (f.rule == "parse-error" && f.message.find("not UTF-8") != std::string::npos);
    }
    EXPECT_TRUE(latin1) << "the Latin-1 file of pg-regress should be a parse-error, not a crash";
    EXPECT_GT(parse_errors.size(), 50u) << "pg-regress holds psql meta-commands and deliberate errors";
}

TEST_F(CorporaTest, OneBadFileNeverHidesAnothersFindings) {
    std::vector<fs::path> files = corpus_files();
    core::MigrationSet set = core::discover(files, {});
    core::Report all = linter::lint(set, test_support::no_cache());
    for (const core::Migration& m : set.migrations) {
        core::MigrationSet alone;
        alone.naming = set.naming;
        alone.migrations = {m};
        core::Report single = linter::lint(alone, test_support::no_cache());
        EXPECT_EQ(per_file(single, m.file), per_file(all, m.file)) << m.file;
    }
}

}  // namespace
