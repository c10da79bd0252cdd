#pragma once
// A repository with three applied migrations on main and a branch `feature` checked out;
// the current directory is the work tree while a test runs.

#include "core/migration.hpp"
#include "git_repo.hpp"
#include "linter/history/history.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace history_test {

inline const char* const k_users =
    "CREATE TABLE IF NOT EXISTS users (\n    id bigint PRIMARY KEY,\n    email text NOT NULL\n);\n";
inline const char* const k_orders = "CREATE TABLE IF NOT EXISTS orders (\n    id bigint PRIMARY KEY\n);\n";
inline const char* const k_items = "CREATE TABLE IF NOT EXISTS items (\n    id bigint PRIMARY KEY\n);\n";

/// "rule file:line" of each finding, in report order.
inline std::vector<std::string> summary(const core::Report& report) {
    std::vector<std::string> out;
    for (const core::Finding& f : report.findings) {
        out.push_back(f.rule.str() + " " + f.file + ":" + std::to_string(f.start.line));
    }
    return out;
}

/// The working-tree (or, with options.staged, the index) set of `dir`, checked.
inline history::HistoryResult check(const std::filesystem::path& dir, history::HistoryOptions options = {}) {
    core::MigrationSet set = options.staged ? history::staged_set(dir, {}) : core::discover({dir}, {});
    return history::check_history(set, options);
}

class HistoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_cwd = std::filesystem::current_path();
        repo.write("migrations/0001_users.sql", k_users);
        repo.write("migrations/0002_orders.sql", k_orders);
        repo.write("migrations/0003_items.sql", k_items);
        repo.write("README.md", "app\n");
        repo.commit("initial migrations");
        repo.git("checkout -q -b feature");
        std::filesystem::current_path(repo.path());
    }
    void TearDown() override { std::filesystem::current_path(m_cwd); }

    GitRepo repo;

private:
    std::filesystem::path m_cwd;
};

}  // namespace history_test
