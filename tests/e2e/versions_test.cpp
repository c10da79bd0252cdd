// Versions (issue 16) through the binary, on the system's PostgreSQL 15: the parser and the
// server a report names, a config whose major the binaries do not have, binaries the server's
// user cannot run, and PostgreSQL 18 syntax checked on 15.
#include "tool.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

// schemagate with the bin directory left to the config (the matrix sets SCHEMAGATE_PG_BINDIR).
Outcome unpinned(const std::string& args, const fs::path& cwd) {
    return run("env -u SCHEMAGATE_PG_BINDIR '" SCHEMAGATE_BINARY "' " + args, cwd);
}

void fake_bindir(const TempDir& dir, const std::string& relative, const std::string& version) {
    dir.write(relative + "/initdb", "#!/bin/sh\nexit 0\n");
    dir.write(relative + "/postgres", "#!/bin/sh\necho 'postgres (PostgreSQL) " + version + "'\n");
    for (const char* name : {"initdb", "postgres"}) {
        fs::permissions(dir.path() / relative / name, fs::perms::owner_all);
    }
}

}  // namespace

TEST(VersionsE2E, VersionAndReportsNameTheParserAndTheServer) {
    Outcome version = schemagate("--version");
    EXPECT_EQ(0, version.exit_code);
    EXPECT_NE(std::string::npos, version.out.find("(parser: libpg_query, PostgreSQL 1")) << version.out;
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    dir.write("schemagate.yaml", "postgres: {version: 15}\n");
    Outcome json = unpinned("check migrations --format json", dir.path());
    ASSERT_EQ(0, json.exit_code) << json.out << json.err;
    nlohmann::json report = nlohmann::json::parse(json.out);
    EXPECT_EQ(0u, report["tool"]["parser"].get<std::string>().rfind("libpg_query, PostgreSQL 1", 0)) << report["tool"];
    EXPECT_EQ(0u, report["server_version"].get<std::string>().rfind("15.", 0)) << report["server_version"];
    Outcome text = unpinned("check migrations", dir.path());
    EXPECT_NE(std::string::npos, text.out.find("server: PostgreSQL 15.")) << text.out;
    Outcome markdown = unpinned("check migrations --format markdown", dir.path());
    EXPECT_NE(std::string::npos, markdown.out.find("Applied on PostgreSQL 15.")) << markdown.out;
    Outcome lint = schemagate("lint migrations --format json", dir.path());
    EXPECT_FALSE(nlohmann::json::parse(lint.out).contains("server_version")) << lint.out;  // no server ran
}

TEST(VersionsE2E, BinariesOfAnotherMajorThanTheConfigIsExitTwoNamingBoth) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "SELECT 1;\n");
    dir.write("schemagate.yaml", "postgres: {version: 16}\n");
    fake_bindir(dir, "pg18/bin", "18.4");
    Outcome outcome = schemagate("run migrations --pg-bindir pg18/bin", dir.path());
    EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
    EXPECT_NE(std::string::npos,
              outcome.err.find("postgres.version is 16 but --pg-bindir pg18/bin holds PostgreSQL 18.4"))
        << outcome.err;
    // No PostgreSQL 16 in an empty per-user directory (nor, on Debian 12, in /usr/lib/postgresql).
    Outcome missing = run("env -u SCHEMAGATE_PG_BINDIR XDG_DATA_HOME='" + (dir.path() / "data").string() +
                              "' '" SCHEMAGATE_BINARY "' run migrations",
                          dir.path());
    if (!fs::exists("/usr/lib/postgresql/16/bin/postgres")) {
        EXPECT_EQ(2, missing.exit_code) << missing.out << missing.err;
        EXPECT_NE(std::string::npos, missing.err.find("install-postgres.sh 16")) << missing.err;
    }
}

TEST(VersionsE2E, BinariesTheServerUserCannotRunAreOneLineNamingFileAndUser) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "SELECT 1;\n");
    fake_bindir(dir, "private/bin", "15.4");
    fs::permissions(dir.path() / "private", fs::perms::owner_all);
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
    Outcome outcome = schemagate("run migrations --pg-bindir private/bin", dir.path());
    EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
    if (geteuid() == 0) {  // only root hands the server to another user
        EXPECT_NE(std::string::npos, outcome.err.find("runs as user postgres")) << outcome.err;
        EXPECT_NE(std::string::npos,
                  outcome.err.find("cannot use " + fs::canonical(dir.path() / "private/bin/initdb").string()))
            << outcome.err;
        EXPECT_NE(std::string::npos, outcome.err.find("is mode 0700")) << outcome.err;
        EXPECT_EQ(1, std::count(outcome.err.begin(), outcome.err.end(), '\n')) << outcome.err;
    }
}

TEST(VersionsE2E, PostgreSql18SyntaxOnVersion15FailsAtTheStatement) {
    TempDir dir;
    fs::create_directories(dir.path() / "migrations");
    fs::copy_file(k_source / "fixtures/syntax/postgresql18.sql", dir.path() / "migrations/0001_prices.sql");
    dir.write("schemagate.yaml", "postgres: {version: 15}\n");
    Outcome outcome = unpinned("check migrations --format json", dir.path());
    ASSERT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    bool failed = false;
    for (const auto& finding : report["findings"]) {
        if (finding["rule"] == "migration-failed") {
            EXPECT_EQ(3, finding["line"]) << finding;
            failed = true;
        }
    }
    EXPECT_TRUE(failed) << outcome.out;
}
