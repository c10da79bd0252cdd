// The test matrix (issue 16, item 7): run under the CTest label pg<N> with
// SCHEMAGATE_TEST_PG_MAJOR=N, against PostgreSQL N installed by scripts/install-postgres.sh.
// The server of the configured major runs and is reported, syntax of the majors up to N
// applies, syntax newer than the parser is judged by the server, and gate --dry-run uses a
// pg_dump of the target's major or refuses naming it.
#include "runner/local_cluster.hpp"
#include "tool.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

int major() {
    const char* major = std::getenv("SCHEMAGATE_TEST_PG_MAJOR");
    return major != nullptr ? std::atoi(major) : 0;
}

// schemagate with the bin directory found from postgres.version, as a user's would be.
Outcome unpinned(const std::string& args, const fs::path& cwd) {
    return run("env -u SCHEMAGATE_PG_BINDIR '" SCHEMAGATE_BINARY "' " + args, cwd);
}

std::string config(int version) { return "postgres: {version: " + std::to_string(version) + "}\n"; }

std::vector<nlohmann::json> findings_of(const nlohmann::json& report, const std::string& rule) {
    std::vector<nlohmann::json> found;
    for (const auto& finding : report["findings"]) {
        if (finding["rule"] == rule) { found.push_back(finding); }
    }
    return found;
}

class MatrixTest : public testing::Test {
protected:
    void SetUp() override { ASSERT_GE(major(), 16) << "set SCHEMAGATE_TEST_PG_MAJOR (ctest -L pg17 does)"; }
};

}  // namespace

TEST_F(MatrixTest, TheServerOfTheConfiguredMajorRunsAndIsReported) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    dir.write("schemagate.yaml", config(major()));
    Outcome outcome = unpinned("check migrations --format json", dir.path());
    ASSERT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_EQ(0u, report["server_version"].get<std::string>().rfind(std::to_string(major()) + ".", 0))
        << report["server_version"];
    dir.write("schemagate.yaml", config(15));
    Outcome mismatch = run("'" SCHEMAGATE_BINARY "' run migrations", dir.path());  // SCHEMAGATE_PG_BINDIR: major N
    EXPECT_EQ(2, mismatch.exit_code) << mismatch.out << mismatch.err;
    EXPECT_NE(std::string::npos, mismatch.err.find("postgres.version is 15 but SCHEMAGATE_PG_BINDIR")) << mismatch.err;
    EXPECT_NE(std::string::npos, mismatch.err.find("holds PostgreSQL " + std::to_string(major()) + "."))
        << mismatch.err;
}

TEST_F(MatrixTest, SyntaxOfEachMajorUpToThisOneApplies) {
    TempDir dir;
    fs::create_directories(dir.path() / "migrations");
    fs::copy_file(k_source / "fixtures/syntax/postgresql16.sql", dir.path() / "migrations/0001_pg16.sql");
    fs::copy_file(k_source / "fixtures/syntax/postgresql17.sql", dir.path() / "migrations/0002_pg17.sql");
    dir.write("schemagate.yaml", config(major()));
    Outcome outcome = unpinned("check migrations --format json", dir.path());
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_TRUE(findings_of(report, "parse-error").empty()) << outcome.out;
    if (major() >= 17) {
        EXPECT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
        EXPECT_TRUE(findings_of(report, "migration-failed").empty()) << outcome.out;
    } else {  // 16: its own syntax applies, 17's is the server's error in the second file
        EXPECT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
        std::vector<nlohmann::json> failed = findings_of(report, "migration-failed");
        ASSERT_EQ(1u, failed.size()) << outcome.out;
        EXPECT_EQ("migrations/0002_pg17.sql", failed[0]["file"]);
    }
}

TEST_F(MatrixTest, SyntaxNewerThanTheParserIsJudgedByTheServer) {
    TempDir dir;
    fs::create_directories(dir.path() / "migrations");
    fs::copy_file(k_source / "fixtures/syntax/postgresql18.sql", dir.path() / "migrations/0001_prices.sql");
    dir.write("schemagate.yaml", config(major()));
    Outcome outcome = unpinned("check migrations --format json", dir.path());
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    if (major() >= 18) {  // VIRTUAL generated columns: PostgreSQL 18
        ASSERT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
        std::vector<nlohmann::json> parse = findings_of(report, "parse-error");
        ASSERT_EQ(1u, parse.size()) << outcome.out;
        EXPECT_EQ("warning", parse[0]["severity"]);
        EXPECT_NE(std::string::npos,
                  parse[0]["message"].get<std::string>().find("the linter's parser knows PostgreSQL 17"))
            << parse[0];
        EXPECT_EQ(std::string::npos, parse[0]["help"].get<std::string>().find("fix")) << parse[0];
        Outcome text = unpinned("check migrations", dir.path());
        EXPECT_EQ(std::string::npos, text.out.find("fix the SQL")) << text.out;
    } else {
        ASSERT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
        std::vector<nlohmann::json> failed = findings_of(report, "migration-failed");
        ASSERT_EQ(1u, failed.size()) << outcome.out;
        EXPECT_EQ(3, failed[0]["line"]);
    }
}

TEST_F(MatrixTest, GateDryRunUsesAPgDumpOfTheTargetsMajorOrRefusesNamingIt) {
    runner::LocalCluster target;  // SCHEMAGATE_PG_BINDIR: major N
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    std::string url = "host=" + target.dir().string() + " port=5432 user=postgres dbname=postgres";
    Outcome outcome = schemagate("gate migrations --dry-run --no-drift --database-url '" + url + "'", dir.path());
    bool have_pg_dump = false;
    for (int m = major(); m < 40; ++m) {
        have_pg_dump = have_pg_dump || fs::exists("/usr/lib/postgresql/" + std::to_string(m) + "/bin/pg_dump");
    }
    if (have_pg_dump) {
        EXPECT_NE(2, outcome.exit_code) << outcome.out << outcome.err;
    } else {
        EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
        EXPECT_NE(std::string::npos, outcome.err.find("needs pg_dump " + std::to_string(major()) + " or newer"))
            << outcome.err;
        EXPECT_EQ(1, std::count(outcome.err.begin(), outcome.err.end(), '\n')) << outcome.err;
    }
}
