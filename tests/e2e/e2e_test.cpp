// Runs the real binary, as a user would, on the example project and the corpora.
#include "tool.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace e2e;

TEST(CheckE2E, ExampleProjectPasses) {
    Outcome outcome = schemagate("check migrations --format json");
    ASSERT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_EQ("pass", report["verdict"]);
    EXPECT_EQ(10, report["summary"]["migrations"]);
    EXPECT_EQ(0, report["summary"]["blockers"]);
    for (const auto& migration : report["migrations"]) { EXPECT_EQ("applied", migration["status"]) << migration; }
    EXPECT_TRUE(report["schema"].contains("tables"));
    // The audit record: who ran what, when, where, from which commit.
    EXPECT_EQ(36u, report["run_id"].get<std::string>().size()) << report["run_id"];
    EXPECT_EQ(20u, report["started_at"].get<std::string>().size()) << report["started_at"];
    EXPECT_GT(report["duration_ms"].get<double>(), 0);
    EXPECT_EQ("schemagate check migrations --format json", report["command"]);
    EXPECT_EQ("ephemeral PostgreSQL", report["target"]);
    EXPECT_EQ(40u, report["git_commit"].get<std::string>().size()) << "this repository's HEAD";
    EXPECT_EQ(false, report["dry_run"]);
}

TEST(CheckE2E, SyntaxErrorOnLineSevenIsReportedThereAndFails) {
    TempDir dir;
    fs::copy(k_source / "migrations", dir.path() / "migrations");
    std::ofstream(dir.path() / "migrations" / "0011_broken.sql")
        << "-- A broken migration.\n\n"
        << "CREATE TABLE IF NOT EXISTS broken (\n    id bigint PRIMARY KEY\n);\n\n"
        << "ALTER TABLE broken ADD COLUMN IF NOT EXISTS name text NOT NULL DEFAULT '' ,;\n";
    Outcome outcome = schemagate("check migrations --format json", dir.path());
    ASSERT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_EQ("fail", report["verdict"]);
    // Said once: the server's migration-failed, not also the parser's parse-error.
    bool found = false;
    for (const auto& finding : report["findings"]) {
        EXPECT_NE("parse-error", finding["rule"]) << finding.dump();
        if (finding["rule"] == "migration-failed") {
            EXPECT_EQ("migrations/0011_broken.sql", finding["file"]);
            EXPECT_EQ(7, finding["line"]);
            found = true;
        }
    }
    EXPECT_TRUE(found) << outcome.out;
    EXPECT_TRUE(report["git_commit"].is_null()) << "a temp dir is not in git";
}

TEST(CheckE2E, TextReportNamesFileLineAndVerdict) {
    TempDir dir;
    fs::create_directories(dir.path() / "migrations");
    std::ofstream(dir.path() / "migrations" / "0001_a.sql") << "SELECT 1;\n";
    std::ofstream(dir.path() / "migrations" / "0002_b.sql") << "SELECT 1;\n\nSELEC 2;\n";
    Outcome outcome = schemagate("lint migrations", dir.path());
    EXPECT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
    EXPECT_NE(std::string::npos, outcome.out.find("migrations/0002_b.sql:3:1")) << outcome.out;
}

TEST(CliE2E, BadConfigIsExitTwoWithLocation) {
    TempDir dir;
    fs::create_directories(dir.path() / "migrations");
    std::ofstream(dir.path() / "schemagate.yaml") << "migrations: migrations\nrules:\n  idempotenzy: error\n";
    Outcome outcome = schemagate("lint", dir.path());
    EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
    EXPECT_NE(std::string::npos, outcome.err.find("schemagate.yaml:3:3: unknown rule 'idempotenzy'")) << outcome.err;
    EXPECT_NE(std::string::npos, outcome.err.find("did you mean 'idempotency'?")) << outcome.err;
}

TEST(CliE2E, MissingDirectoryAndBadFormatAreExitTwo) {
    EXPECT_EQ(2, schemagate("lint /nonexistent/migrations").exit_code);
    EXPECT_EQ(2, schemagate("lint migrations --format yaml").exit_code);
    EXPECT_EQ(2, schemagate("frobnicate").exit_code);
    Outcome version = schemagate("--version");
    EXPECT_EQ(0, version.exit_code);
    EXPECT_NE(std::string::npos, version.out.find("schemagate 0.1.0"));
}

TEST(RunE2E, DocumensoAppliesAll163) {
    REQUIRE_CORPORA();
    Outcome outcome = schemagate("run '" + (k_corpora / "documenso").string() + "' --format json");
    ASSERT_EQ(0, outcome.exit_code) << outcome.out.substr(0, 4000) << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    ASSERT_EQ(163u, report["migrations"].size());
    for (const auto& migration : report["migrations"]) { EXPECT_EQ("applied", migration["status"]) << migration; }
}

namespace {

// Starts `schemagate run` on documenso with TMPDIR in `tmp` (whatever it leaves there is
// ours to see) and returns its pid once the server is up (its data directory appears).
pid_t start_run_until_server_is_up(const TempDir& tmp, bool ignore_sigquit) {
    fs::permissions(tmp.path(), fs::perms::all | fs::perms::sticky_bit);  // like /tmp: the server user enters it
    pid_t child = fork();
    if (child == 0) {
        if (ignore_sigquit) { signal(SIGQUIT, SIG_IGN); }
        setenv("TMPDIR", tmp.path().c_str(), 1);
        std::string corpus = (k_corpora / "documenso").string();
        execl(SCHEMAGATE_BINARY, SCHEMAGATE_BINARY, "run", corpus.c_str(), "--format", "json", "--output", "/dev/null",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int i = 0; i < 500 && postgres_processes(tmp.path().string()).empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return child;
}

}  // namespace

TEST(RunE2E, InterruptLeavesNoServerAndNoDirectory) {
    REQUIRE_CORPORA();
    TempDir tmp;
    pid_t child = start_run_until_server_is_up(tmp, false);
    ASSERT_NE("", postgres_processes(tmp.path().string())) << "the server never started";
    kill(child, SIGINT);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << status;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ("", postgres_processes(tmp.path().string()));
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "left behind in " << tmp.path();
}

// Started by a script that ignores SIGQUIT (the server's death signal) and then SIGKILLed:
// the server must not inherit the ignored signal and outlive the run.
TEST(RunE2E, KilledRunWithSigquitIgnoredLeavesNoServer) {
    REQUIRE_CORPORA();
    TempDir tmp;
    pid_t child = start_run_until_server_is_up(tmp, true);
    ASSERT_NE("", postgres_processes(tmp.path().string())) << "the server never started";
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    for (int i = 0; i < 100 && !postgres_processes(tmp.path().string()).empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ("", postgres_processes(tmp.path().string()));
}

TEST(LintE2E, EveryCorpusFileLintsWithoutCrashing) {
    REQUIRE_CORPORA();
    for (const auto& corpus : fs::directory_iterator(k_corpora)) {
        if (!corpus.is_directory()) { continue; }
        // Corpora nested in folders list their files in APPLY_ORDER.txt: the config's `order:`.
        TempDir project;
        fs::path order = corpus.path() / "APPLY_ORDER.txt";
        if (fs::exists(order)) { project.write("schemagate.yaml", "order: '" + order.string() + "'\n"); }
        Outcome outcome = schemagate("lint '" + corpus.path().string() + "' --format json", project.path());
        EXPECT_TRUE(outcome.exit_code == 0 || outcome.exit_code == 1) << corpus.path() << ": " << outcome.err;
        EXPECT_NO_THROW((void)nlohmann::json::parse(outcome.out)) << corpus.path();
    }
}

TEST(CliE2E, FormatBeforePathsAndSeveralOutputsFromOneRun) {
    TempDir dir;
    Outcome outcome = schemagate("lint --format json migrations --format sarif --output '" +
                                 (dir.path() / "a.sarif").string() + "' --format markdown --output '" +
                                 (dir.path() / "b.md").string() + "'");
    ASSERT_EQ(0, outcome.exit_code) << outcome.err;
    EXPECT_EQ("pass", nlohmann::json::parse(outcome.out)["verdict"]);
    EXPECT_EQ("2.1.0", nlohmann::json::parse(slurp(dir.path() / "a.sarif"))["version"]);
    EXPECT_NE(std::string::npos, slurp(dir.path() / "b.md").find("pass"));
}
