#include "corpora.hpp"
#include "migration_dir.hpp"
#include "pg_environment.hpp"
#include "tmpfs.hpp"

#include "core/error.hpp"
#include "runner/failure.hpp"
#include "runner/local_cluster.hpp"
#include "runner/migrate.hpp"
#include "runner/runner.hpp"
#include "runner/throwaway_database.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <pqxx/pqxx>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace fs = std::filesystem;

namespace {

int count_databases(const std::string& like) {
    pqxx::connection cx(runner_test::cluster().conninfo());
    pqxx::nontransaction tx(cx);
    return tx.exec1("SELECT count(*) FROM pg_database WHERE datname LIKE " + tx.quote(like))[0].as<int>();
}

}  // namespace

TEST(RunTest, UrlProviderAppliesInThrowawayDatabaseAndDropsIt) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
    runner::RunOptions options;
    options.database_url = runner_test::cluster().conninfo();
    runner::RunResult result = runner::run(dir.discover(), options);
    EXPECT_FALSE(result.report.migration_failed);
    ASSERT_NE(nullptr, result.snapshot.find_table("users"));
    EXPECT_EQ("users", result.report.schema["tables"][0]["name"]);
    EXPECT_EQ(0, count_databases("schemagate\\_%"));
}

TEST(RunTest, UrlProviderKeepsDatabaseWhenAsked) {
    runner_test::MigrationDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n");
    runner::RunOptions options;
    options.database_url = runner_test::cluster().conninfo();
    options.keep = true;
    runner::RunResult result = runner::run(dir.discover(), options);
    EXPECT_EQ(1, count_databases("schemagate\\_%"));
    EXPECT_EQ(0u, result.kept.find("database schemagate_"));
    pqxx::connection cx(runner_test::cluster().conninfo());
    pqxx::nontransaction(cx).exec("DROP DATABASE " + result.kept.substr(9));
}

// Names are dated and random (unique across PID namespaces); a killed run's database older
// than a day is swept by the next run on that server, a recent one is left alone.
TEST(RunTest, UrlProviderSweepsLeftoversOlderThanADay) {
    pqxx::connection cx(runner_test::cluster().conninfo());
    std::string old_name = "schemagate_1000000000_00000000000000aa";  // 2001
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    std::string recent_name = "schemagate_" + std::to_string(now.count() - 60) + "_00000000000000bb";
    pqxx::nontransaction(cx).exec("CREATE DATABASE " + old_name);
    pqxx::nontransaction(cx).exec("CREATE DATABASE " + recent_name);
    runner_test::MigrationDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n");
    runner::RunOptions options;
    options.database_url = runner_test::cluster().conninfo();
    options.keep = true;
    runner::RunResult result = runner::run(dir.discover(), options);
    EXPECT_TRUE(std::regex_match(result.kept, std::regex("database schemagate_[0-9]{10}_[0-9a-f]{16}"))) << result.kept;
    EXPECT_EQ(0, count_databases(old_name));
    EXPECT_EQ(1, count_databases(recent_name));
    pqxx::nontransaction(cx).exec("DROP DATABASE " + recent_name);
    pqxx::nontransaction(cx).exec("DROP DATABASE " + result.kept.substr(9));
}

TEST(RunTest, UnreachableUrlIsAnErrorWithoutPassword) {
    runner::RunOptions options;
    options.database_url = "postgresql://u:secret@127.0.0.1:1/db?connect_timeout=2";
    try {
        runner::run(core::MigrationSet{}, options);
        FAIL() << "expected core::Error";
    } catch (const core::Error& e) {
        EXPECT_EQ(std::string::npos, std::string(e.what()).find("secret")) << e.what();
        EXPECT_NE(std::string::npos, std::string(e.what()).find("***")) << e.what();
    }
}

TEST(RunTest, LocalProviderAppliesDocumensoAndCleansUp) {
    REQUIRE_CORPORA();
    fs::path corpus = test_support::corpora_dir() / "documenso";
    runner::RunResult result = runner::run(core::discover({corpus}, {}), {});
    ASSERT_EQ(163u, result.report.migrations.size());
    for (const core::MigrationRecord& record : result.report.migrations) {
        EXPECT_EQ(core::MigrationStatus::applied, record.status) << record.file;
    }
    EXPECT_TRUE(result.report.findings.empty())
        << result.report.findings[0].file << ": " << result.report.findings[0].message;
    EXPECT_FALSE(result.report.migration_failed);
    EXPECT_NE(nullptr, result.snapshot.find_table("User"));
}

TEST(RedactTest, PasswordNeverShown) {
    EXPECT_EQ(std::string::npos, runner::redact_conninfo("postgresql://u:hunter2@h/db").find("hunter2"));
    EXPECT_EQ(std::string::npos, runner::redact_conninfo("host=h password=hunter2").find("hunter2"));
    EXPECT_NE(std::string::npos, runner::with_dbname("postgresql://u@h/db", "other").find("dbname='other'"));
}

TEST(RunTest, KilledServerIsAToolErrorWithClearMessage) {
    runner::LocalCluster victim;
    runner_test::MigrationDir dir;
    dir.write("0001_slow.sql", "SELECT pg_sleep(20);\n");
    runner::RunOptions options;
    options.database_url = victim.conninfo();
    pid_t server = victim.server_pid();
    std::thread killer([server] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        kill(server, SIGKILL);
    });
    try {
        runner::run(dir.discover(), options);
        ADD_FAILURE() << "expected core::Error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("lost the connection to PostgreSQL")) << e.what();
    }
    killer.join();
}

// A tablespace on a 4 MiB tmpfs: the server's disk is full where the rows go, and the server
// says so with SQLSTATE 53100. That is the server's disk, not the migration: DiskFull (exit 2)
// from run on a URL and from migrate, never a migration-failed finding.
TEST(RunTest, DiskFullOnTheServerIsDiskFullNotAFailedMigration) {
    REQUIRE_TMPFS(small, 4);
    fs::path location = small.path() / "tablespace";
    fs::create_directory(location);
    std::optional<runner::User> user = runner::unprivileged_user();
    if (user) { ASSERT_EQ(0, chown(location.c_str(), user->uid, user->gid)); }
    runner::LocalCluster server;
    {
        pqxx::connection cx(server.conninfo());
        pqxx::nontransaction(cx).exec("CREATE TABLESPACE small LOCATION '" + location.string() + "'");
    }
    runner_test::MigrationDir dir;
    dir.write("0001_fill.sql",
              "CREATE TABLE filled (id int, pad text) TABLESPACE small;\n"
              "INSERT INTO filled SELECT g, md5(g::text) FROM generate_series(1, 200000) g;\n");
    runner::RunOptions options;
    options.database_url = server.conninfo();
    try {
        runner::run(dir.discover(), options);
        ADD_FAILURE() << "expected runner::DiskFull";
    } catch (const runner::DiskFull& e) {
        std::string message = e.what();
        EXPECT_NE(std::string::npos, message.find("0001_fill.sql: PostgreSQL ran out of disk space applying it"))
            << message;
        EXPECT_NE(std::string::npos, message.find("(SQLSTATE 53100)")) << message;
        EXPECT_NE(std::string::npos, message.find("free space on the disk of the server")) << message;
        EXPECT_EQ(std::string::npos, message.find('\n')) << message;
    }
    try {
        runner::migrate(server.conninfo(), dir.discover(), {});
        ADD_FAILURE() << "expected runner::DiskFull";
    } catch (const runner::DiskFull& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("(SQLSTATE 53100)")) << e.what();
    }
    pqxx::connection cx(server.conninfo());
    EXPECT_EQ(0, pqxx::nontransaction(cx).exec1("SELECT count(*) FROM pg_class WHERE relname = 'filled'")[0].as<int>())
        << "nothing of the migration is left";
}
