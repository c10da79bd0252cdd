#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/history.hpp"
#include "runner/history_source.hpp"
#include "runner/migrate.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/pqxx>

namespace {

// schemagate_history as the previous release (0.1) created and wrote it.
void previous_release_history(pqxx::connection& cx, const core::Migration& applied) {
    pqxx::work tx(cx);
    tx.exec(
        "CREATE TABLE public.schemagate_history (version text NOT NULL, name text NOT NULL, checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now(), execution_ms double precision NOT NULL,"
        " success boolean NOT NULL)");
    tx.exec("CREATE TABLE users (id int)");
    tx.exec_params(
        "INSERT INTO public.schemagate_history (version, name, checksum, execution_ms, success) "
        "VALUES ($1, $2, $3, 1.5, true)",
        applied.version, applied.name, applied.checksum);
    tx.commit();
}

std::optional<runner::History> read(pqxx::connection& cx) {
    pqxx::read_transaction tx(cx);
    return runner::read_history(tx, runner::HistorySource{});
}

}  // namespace

TEST(HistoryTest, PreviousReleaseTableIsReadThenUpgradedByMigrateAndStillRead) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n");
    dir.write("0002_posts.sql", "CREATE TABLE posts (id int);\n");
    core::MigrationSet set = dir.discover();
    std::string url = runner_test::fresh_database();
    pqxx::connection cx(url);
    previous_release_history(cx, set.migrations[0]);

    std::optional<runner::History> before = read(cx);  // the gate, read only, on the old shape
    ASSERT_TRUE(before);
    ASSERT_EQ(1u, before->rows.size());
    EXPECT_EQ("0001", before->rows[0].version);
    EXPECT_EQ("", before->rows[0].run_id);

    runner::MigrateOptions options;
    options.history = {"0b8f5a52-7c1e-4d7a-9a55-2f0c3b1e9d10", std::string(40, 'a'), "alice"};
    core::Report report = runner::migrate(url, set, options);
    ASSERT_FALSE(report.migration_failed);
    EXPECT_EQ(core::MigrationStatus::skipped, report.migrations[0].status);
    EXPECT_EQ(core::MigrationStatus::applied, report.migrations[1].status);

    std::optional<runner::History> after = read(cx);
    ASSERT_TRUE(after);
    ASSERT_EQ(2u, after->rows.size());
    EXPECT_EQ("", after->rows[0].run_id);  // the old row keeps NULL
    EXPECT_EQ("", after->rows[0].applied_by);
    EXPECT_EQ("0002", after->rows[1].version);
    EXPECT_EQ("0b8f5a52-7c1e-4d7a-9a55-2f0c3b1e9d10", after->rows[1].run_id);
    EXPECT_EQ(std::string(40, 'a'), after->rows[1].git_commit);
    std::string role = pqxx::nontransaction(cx).exec1("SELECT session_user::text")[0].as<std::string>();
    EXPECT_EQ(role + " (alice)", after->rows[1].applied_by);

    // The previous release's INSERT still works on the upgraded table.
    pqxx::work tx(cx);
    tx.exec(
        "INSERT INTO public.schemagate_history (version, name, checksum, execution_ms, success) "
        "VALUES ('0003', 'old_writer', 'sha256:x', 1, true)");
    tx.commit();
    EXPECT_EQ(3u, read(cx)->rows.size());
}

TEST(HistoryTest, MigrateDrawsARunIdAndRecordsTheRoleWithoutActor) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n");
    dir.write("0002_posts.sql", "CREATE TABLE posts (id int);\n");
    std::string url = runner_test::fresh_database();
    core::Report report = runner::migrate(url, dir.discover(), {});
    ASSERT_FALSE(report.migration_failed);
    pqxx::connection cx(url);
    std::optional<runner::History> history = read(cx);
    ASSERT_TRUE(history);
    ASSERT_EQ(2u, history->rows.size());
    EXPECT_EQ(36u, history->rows[0].run_id.size());
    EXPECT_EQ(history->rows[0].run_id, history->rows[1].run_id);  // one run, one id
    EXPECT_EQ("", history->rows[0].git_commit);
    std::string role = pqxx::nontransaction(cx).exec1("SELECT session_user::text")[0].as<std::string>();
    EXPECT_EQ(role, history->rows[0].applied_by);
}

TEST(HistoryTest, ActorComesFromSchemagateActorThenGithubActor) {
    ::unsetenv("SCHEMAGATE_ACTOR");
    ::setenv("GITHUB_ACTOR", "octocat", 1);
    EXPECT_EQ("octocat", runner::HistoryContext::environment_actor());
    ::setenv("SCHEMAGATE_ACTOR", "release-bot", 1);
    EXPECT_EQ("release-bot", runner::HistoryContext::environment_actor());
    ::unsetenv("SCHEMAGATE_ACTOR");
    ::unsetenv("GITHUB_ACTOR");
    EXPECT_EQ("", runner::HistoryContext::environment_actor());
}
