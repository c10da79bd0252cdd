// The tampering audit over a branch's first-parent history.
#include "git_repo.hpp"
#include "linter/history/history.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using history_test::GitRepo;

namespace {

class AuditTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_cwd = fs::current_path();
        fs::current_path(repo.path());
    }
    void TearDown() override { fs::current_path(m_cwd); }

    // "kind short_id summary" of each change of the migration at `repo_path`.
    std::vector<std::string> changes(const history::AuditResult& result, const std::string& repo_path) {
        std::vector<std::string> out;
        for (const history::AuditEntry& entry : result.migrations) {
            if (entry.repo_path != repo_path) { continue; }
            for (const history::AuditChange& change : entry.changes) {
                out.push_back(change.kind + " " + change.commit.summary +
                              (change.renamed_to.empty() ? "" : " -> " + change.renamed_to));
            }
        }
        return out;
    }

    GitRepo repo;

private:
    fs::path m_cwd;
};

}  // namespace

TEST_F(AuditTest, ListsEveryChangeAfterTheFirstAddition) {
    repo.write("db/migrations/0001_users.sql", "CREATE TABLE users (id bigint);\n");
    repo.write("db/migrations/0002_orders.sql", "CREATE TABLE orders (id bigint);\n");
    repo.commit("add users and orders");
    repo.write("db/migrations/0003_items.sql", "CREATE TABLE items (id bigint);\n");
    repo.commit("add items");
    repo.write("db/migrations/0001_users.sql", "CREATE TABLE users (id bigint, email text);\n");
    repo.commit("sneak in email");
    repo.write("src/app.c", "int x;\n");
    repo.commit("unrelated");
    repo.remove("db/migrations/0002_orders.sql");
    repo.commit("drop orders file");
    repo.git("mv db/migrations/0003_items.sql db/migrations/0004_items.sql");
    repo.commit("renumber items");
    repo.write("db/migrations/0005_tags.sql", "CREATE TABLE tags (id bigint);\n");
    repo.commit("add tags");
    repo.git("mv db/migrations/0005_tags.sql db/migrations/0005_tags.sql.retired");
    repo.commit("retire tags");

    history::AuditResult result = history::history_audit("db/migrations", {});
    EXPECT_TRUE(result.git);
    EXPECT_EQ("main", result.base_ref);
    EXPECT_EQ(8, result.commits);
    ASSERT_EQ(5u, result.migrations.size());
    EXPECT_EQ("db/migrations/0001_users.sql", result.migrations[0].file);
    EXPECT_EQ("add users and orders", result.migrations[0].added.summary);
    EXPECT_EQ("Ada Lovelace <ada@example.com>", result.migrations[0].added.author);
    EXPECT_EQ(7u, result.migrations[0].added.short_id.size());
    EXPECT_EQ(std::vector<std::string>{"modified sneak in email"}, changes(result, "db/migrations/0001_users.sql"));
    EXPECT_EQ(1, result.migrations[0].changes[0].line);
    EXPECT_EQ(std::vector<std::string>{"deleted drop orders file"}, changes(result, "db/migrations/0002_orders.sql"));
    EXPECT_EQ(std::vector<std::string>{"renamed renumber items -> db/migrations/0004_items.sql"},
              changes(result, "db/migrations/0003_items.sql"));
    EXPECT_EQ(std::vector<std::string>{}, changes(result, "db/migrations/0004_items.sql"));
    EXPECT_EQ(std::vector<std::string>{"retired retire tags -> db/migrations/0005_tags.sql.retired"},
              changes(result, "db/migrations/0005_tags.sql"));

    std::vector<std::string> rules;
    for (const core::Finding& f : result.report.findings) { rules.push_back(f.rule.str() + " " + f.file); }
    EXPECT_EQ((std::vector<std::string>{
                  "immutable-migration db/migrations/0001_users.sql", "deleted-migration db/migrations/0002_orders.sql",
                  "deleted-migration db/migrations/0003_items.sql", "retired-migration db/migrations/0005_tags.sql"}),
              rules);
    EXPECT_NE(std::string::npos, result.report.findings[0].message.find("sneak in email"))
        << result.report.findings[0].message;
}

TEST_F(AuditTest, MergedChangeIsReportedAtTheMergeCommit) {
    repo.write("migrations/0001_users.sql", "CREATE TABLE users (id bigint);\n");
    repo.commit("add users");
    repo.git("checkout -q -b fix");
    repo.write("migrations/0001_users.sql", "CREATE TABLE users (id bigint NOT NULL);\n");
    repo.commit("edit on a branch");
    repo.git("checkout -q main");
    repo.git("merge -q --no-ff -m 'merge fix' fix");
    history::AuditResult result = history::history_audit("migrations", {});
    EXPECT_EQ(2, result.commits);
    EXPECT_EQ(std::vector<std::string>{"modified merge fix"}, changes(result, "migrations/0001_users.sql"));
}

TEST_F(AuditTest, ExplicitBranchAndCleanHistory) {
    repo.write("migrations/0001_users.sql", "CREATE TABLE users (id bigint);\n");
    repo.commit("add users");
    repo.git("checkout -q -b release");
    repo.write("migrations/0001_users.sql", "-- edited on release only\n");
    repo.commit("edit");
    history::AuditResult main = history::history_audit("migrations", {.base = "main", .naming = "", .rules = {}});
    EXPECT_TRUE(main.report.findings.empty());
    EXPECT_TRUE(main.report.passed());
    history::AuditResult release = history::history_audit("migrations", {.base = "release", .naming = "", .rules = {}});
    EXPECT_EQ(1u, release.report.findings.size());
}

TEST_F(AuditTest, PrismaFoldersAreAudited) {
    repo.write("prisma/migrations/20230101000000_init/migration.sql", "CREATE TABLE a (id int);\n");
    repo.commit("init");
    repo.write("prisma/migrations/20230101000000_init/README.md", "notes\n");
    repo.commit("notes only");
    repo.write("prisma/migrations/20230101000000_init/migration.sql", "CREATE TABLE a (id bigint);\n");
    repo.commit("edit");
    history::AuditResult result = history::history_audit("prisma/migrations", {});
    EXPECT_EQ(std::vector<std::string>{"modified edit"},
              changes(result, "prisma/migrations/20230101000000_init/migration.sql"));
}

TEST_F(AuditTest, NoCommitsYet) {
    repo.write("migrations/0001_users.sql", "SELECT 1;\n");
    history::AuditResult result = history::history_audit("migrations", {});
    EXPECT_TRUE(result.migrations.empty());
    EXPECT_NE(std::string::npos, result.note.find("no commits yet")) << result.note;
}
