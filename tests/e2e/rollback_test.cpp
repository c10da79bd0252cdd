// Down migrations proven through the binary: `run --verify-rollback` proves every one,
// `check` those new or changed since the base.
#include "tool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace e2e;

namespace {

void diesel(const TempDir& dir, const std::string& folder, const std::string& up, const std::string& down) {
    dir.write("migrations/" + folder + "/up.sql", up);
    dir.write("migrations/" + folder + "/down.sql", down);
}

// The rollback rules' findings (the linter's warnings on these files are not the point here).
std::vector<std::string> rules(const Outcome& outcome) {
    std::vector<std::string> out;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    for (const auto& f : report["findings"]) {
        std::string rule = f["rule"];
        if (rule.find("rollback") != std::string::npos || rule.find("redo") != std::string::npos ||
            rule.find("down") != std::string::npos) {
            out.push_back(rule);
        }
    }
    return out;
}

// Applied on main: a down migration that forgets an index. New on the branch: a correct pair.
struct Project {
    TempDir dir;
    Project() {
        diesel(dir, "2024-01-01-000000_users", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
               "DROP TABLE users;\n");
        diesel(dir, "2024-01-02-000000_nick",
               "ALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX users_email_idx ON users (email);\n",
               "ALTER TABLE users DROP COLUMN nickname;\n");
        git("init -q -b main . && git add -A && git commit -q -m applied && git checkout -q -b feature");
        diesel(dir, "2024-01-03-000000_posts", "CREATE TABLE IF NOT EXISTS posts (id bigint PRIMARY KEY);\n",
               "DROP TABLE IF EXISTS posts;\n");
        git("add -A && git commit -q -m posts");
    }
    void git(const std::string& args) const {
        Outcome outcome = run("git -c user.name=t -c user.email=t@t " + args, dir.path());
        ASSERT_EQ(0, outcome.exit_code) << outcome.err;
    }
};

}  // namespace

TEST(RollbackE2E, RunProvesDownMigrationsOnlyWhenAsked) {
    Project project;
    Outcome plain = schemagate("run migrations --format json", project.dir.path());
    EXPECT_EQ(0, plain.exit_code) << plain.out << plain.err;
    Outcome proven = schemagate("run migrations --verify-rollback --format json", project.dir.path());
    ASSERT_EQ(1, proven.exit_code) << proven.out << proven.err;
    nlohmann::json finding = nlohmann::json::parse(proven.out)["findings"][0];
    EXPECT_EQ("rollback-incomplete", finding["rule"]);
    EXPECT_EQ("migrations/2024-01-02-000000_nick/down.sql", finding["file"]);
    EXPECT_NE(std::string::npos, finding["message"].get<std::string>().find("index public.users.users_email_idx"));
}

TEST(RollbackE2E, CheckProvesTheChangedMigrationsAndAllWithTheFlag) {
    Project project;
    Outcome changed = schemagate("check migrations --base main --format json", project.dir.path());
    EXPECT_EQ(0, changed.exit_code) << changed.out << changed.err;
    EXPECT_TRUE(rules(changed).empty()) << changed.out;
    Outcome all = schemagate("check migrations --base main --verify-rollback --format json", project.dir.path());
    EXPECT_EQ(1, all.exit_code) << all.out << all.err;
    EXPECT_EQ(std::vector<std::string>{"rollback-incomplete"}, rules(all));
}

TEST(RollbackE2E, MissingDownMigrationIsOffUntilConfigured) {
    TempDir dir;
    dir.write("migrations/0001_users.up.sql", "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n");
    Outcome off = schemagate("check migrations --format json", dir.path());
    EXPECT_EQ(0, off.exit_code) << off.out << off.err;
    EXPECT_TRUE(rules(off).empty()) << off.out;
    dir.write("schemagate.yaml", "rules: {missing-down-migration: warning}\n");
    Outcome on = schemagate("check migrations --format json", dir.path());
    EXPECT_EQ(0, on.exit_code);
    EXPECT_EQ(std::vector<std::string>{"missing-down-migration"}, rules(on));
}
