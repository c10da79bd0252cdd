// Runs every annotated fixture fixtures/rules/<id>.sql (HOUSE_STYLE.md, "A rule is one
// small file"). A fixture is one or more migrations (`-- file: NAME` lines split it,
// linter/example.hpp); in each, a line `-- EXPECT: rule[, rule]` says the statement
// above it (or the header line above it, for findings outside statements; or line 1 when
// it opens the file, for file-level findings) must produce those findings. Every finding of the fixture's own rule must be expected; statements
// marked `-- OK` or unmarked must not produce it.
#include "support.hpp"

#include "linter/parse.hpp"
#include "linter/rule.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Target {
    int first_line = 0;
    int last_line = 0;
    int annotation_line = 0;
    std::set<std::string> expected;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) { s.remove_prefix(1); }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) { s.remove_suffix(1); }
    return s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        std::size_t eol = text.find('\n');
        lines.push_back(text.substr(0, eol));
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    }
    return lines;
}

bool is_annotation(std::string_view line) {
    line = trim(line);
    return line.rfind("-- EXPECT:", 0) == 0 || line.rfind("-- OK", 0) == 0;
}

// The annotations of one file, each bound to the statement (or line) it follows.
std::vector<Target> read_targets(std::string_view text) {
    linter::Parser parser;
    linter::ParsedFile parsed = parser.parse(text);
    std::vector<std::string_view> lines = split_lines(text);
    auto target_of = [&](int line) {
        for (const linter::Statement& s : parsed.statements) {
            if (s.start.line <= line && line <= s.last.line) { return Target{s.start.line, s.last.line, 0, {}}; }
        }
        return Target{line, line, 0, {}};
    };
    std::vector<Target> targets;
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
        std::string_view line = lines[i];
        std::size_t at = line.find("-- EXPECT:");
        if (at == std::string_view::npos) { continue; }
        int above = i + 1;
        if (trim(line.substr(0, at)).empty()) {
            above = i;
            while (above >= 1 && (trim(lines[above - 1]).empty() || is_annotation(lines[above - 1]))) { --above; }
        }
        Target target = above >= 1 ? target_of(above) : Target{1, 1, 0, {}};  // file-level: line 1
        target.annotation_line = i + 1;
        std::stringstream rules{std::string(line.substr(at + 10))};
        for (std::string rule; std::getline(rules, rule, ',');) { target.expected.emplace(trim(rule)); }
        targets.push_back(target);
    }
    return targets;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> fixture_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : fs::directory_iterator(test_support::source_path("fixtures/rules"))) {
        if (entry.path().extension() == ".sql") { ids.push_back(entry.path().stem().string()); }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

class FixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(FixtureTest, FindingsMatchAnnotations) {
    const std::string& id = GetParam();
    ASSERT_NE(nullptr, linter::find_rule(id)) << "fixture for an unregistered rule: " << id;
    std::string fixture = read_text(test_support::source_path("fixtures/rules/" + id + ".sql"));
    std::vector<linter::ExampleFile> files = linter::split_files(fixture);
    core::Report report = test_support::lint_files(files, test_support::with_rule(id));
    bool expects_own_rule = false;
    for (const linter::ExampleFile& file : files) {
        std::vector<Target> targets = read_targets(file.text);
        std::vector<core::Finding> mine;
        for (const core::Finding& f : report.findings) {
            if (f.file == file.name) { mine.push_back(f); }
        }
        for (const Target& target : targets) {
            expects_own_rule = expects_own_rule || target.expected.count(id) > 0;
            for (const std::string& rule : target.expected) {
                bool found = std::any_of(mine.begin(), mine.end(), [&](const core::Finding& f) {
                    return f.rule == rule && target.first_line <= f.start.line && f.start.line <= target.last_line;
                });
                EXPECT_TRUE(found) << file.name << ":" << target.annotation_line << ": expected a " << rule
                                   << " finding on lines " << target.first_line << "-" << target.last_line;
            }
        }
        for (const core::Finding& f : mine) {
            if (f.rule != id) { continue; }
            bool expected = std::any_of(targets.begin(), targets.end(), [&](const Target& t) {
                return t.expected.count(id) > 0 && t.first_line <= f.start.line && f.start.line <= t.last_line;
            });
            EXPECT_TRUE(expected) << file.name << ":" << f.start.line << ": unexpected " << id
                                  << " finding: " << f.message;
        }
    }
    EXPECT_TRUE(expects_own_rule) << "the fixture has no `-- EXPECT: " << id << "` line";
}

INSTANTIATE_TEST_SUITE_P(Rules, FixtureTest, testing::ValuesIn(fixture_ids()),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
