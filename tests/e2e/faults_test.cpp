// Faults named for what they are (issue 20): a full disk is exit 2 with one line naming the
// directory and its free space, never a failed migration or a broken installation; a server
// that went away is explained by its exit and its log, not by a log deleted with it.
#include "tmpfs.hpp"
#include "tool.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

const std::string k_binary = "'" SCHEMAGATE_BINARY "'";

// Exit 2, one error line naming `dir` with its free space and saying `what`.
void expect_disk_full(const Outcome& outcome, const fs::path& dir, const std::string& what) {
    EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
    std::size_t at = outcome.err.find("schemagate: error: ");
    ASSERT_NE(std::string::npos, at) << outcome.err;
    std::string line = outcome.err.substr(at, outcome.err.find('\n', at) - at);
    EXPECT_EQ(std::string::npos, outcome.err.find("schemagate: error: ", at + 1)) << outcome.err;
    EXPECT_NE(std::string::npos, line.find("disk full: " + dir.string() + " has ")) << line;
    EXPECT_NE(std::string::npos, line.find(" MiB free of ")) << line;
    EXPECT_NE(std::string::npos, line.find(what)) << line;
    for (const char* wrong :
         {"migration-failed", "fix the statement", "check the PostgreSQL installation", "internal error"}) {
        EXPECT_EQ(std::string::npos, outcome.err.find(wrong)) << outcome.err;
        EXPECT_EQ(std::string::npos, outcome.out.find(wrong)) << outcome.out;
    }
}

}  // namespace

// 3 MiB hold no cluster: with an empty cache initdb fails, with a cached pristine data
// directory the unpacking does; either is the disk, and the cached entry stays usable.
TEST(FaultsE2E, DiskFullWhileCreatingTheClusterIsExit2NamingTheDirectory) {
    REQUIRE_TMPFS(small, 3);
    TempDir dir;
    dir.write("migrations/0001_t.sql", "CREATE TABLE t (id int);\n");
    TempDir cache;
    std::string cached = "env XDG_CACHE_HOME='" + cache.path().string() + "' ";
    std::string in_small = cached + "TMPDIR='" + small.path().string() + "' ";
    expect_disk_full(run(in_small + k_binary + " run --quiet migrations", dir.path()), small.path(), "initdb failed");

    Outcome warm = run(cached + k_binary + " run --quiet migrations", dir.path());
    ASSERT_EQ(0, warm.exit_code) << warm.err;
    expect_disk_full(run(in_small + k_binary + " run --quiet migrations", dir.path()), small.path(), "cannot write");
    EXPECT_TRUE(fs::is_empty(small.path())) << "the run's directory is removed";
    Outcome again = run(cached + k_binary + " run --quiet migrations", dir.path());
    EXPECT_EQ(0, again.exit_code) << again.err;
}

// The cluster fits, the migration's rows do not: the server fails a write with ENOSPC
// (SQLSTATE 53100, or a PANIC when the WAL is the write that fails).
TEST(FaultsE2E, DiskFullWhileApplyingIsExit2NotAFailedMigration) {
    REQUIRE_TMPFS(small, 40);
    TempDir dir;
    dir.write("migrations/0001_t.sql", "CREATE TABLE t (id int, pad text);\n");
    dir.write("migrations/0002_fill.sql",
              "INSERT INTO t SELECT g, md5(g::text) || md5((g + 1)::text) FROM generate_series(1, 400000) g;\n");
    std::string in_small = "env TMPDIR='" + small.path().string() + "' ";
    for (const char* command : {"run", "check"}) {
        SCOPED_TRACE(command);
        expect_disk_full(run(in_small + k_binary + " " + command + " --quiet migrations", dir.path()), small.path(),
                         "");
        EXPECT_TRUE(fs::is_empty(small.path()));
    }
    Outcome json = run(in_small + k_binary + " check --quiet migrations --format json", dir.path());
    EXPECT_EQ(2, json.exit_code);
    nlohmann::json report = nlohmann::json::parse(json.out);
    EXPECT_EQ("error", report["verdict"]);
    EXPECT_NE(std::string::npos, report["error"].get<std::string>().find("disk full: " + small.path().string()))
        << report;
}

// SIGKILL to our own server in the middle of a migration: the message says how it ended and
// what its log said, since the log goes with the directory.
TEST(FaultsE2E, KilledServerIsNamedWithItsSignalAndItsLog) {
    TempDir dir;
    dir.write("migrations/0001_slow.sql", "SELECT pg_sleep(30);\n");
    TempDir tmp;
    fs::permissions(tmp.path(), fs::perms::all | fs::perms::sticky_bit);
    std::thread killer([&] {
        for (int i = 0; i < 200; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            for (const fs::directory_entry& run_dir : fs::directory_iterator(tmp.path())) {
                std::ifstream pidfile(run_dir.path() / "data" / "postmaster.pid");
                std::string pid, data, start, port, socket, listen, shmem, status;
                if (std::getline(pidfile, pid) && std::getline(pidfile, data) && std::getline(pidfile, start) &&
                    std::getline(pidfile, port) && std::getline(pidfile, socket) && std::getline(pidfile, listen) &&
                    std::getline(pidfile, shmem) && std::getline(pidfile, status) && status.rfind("ready", 0) == 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    kill(std::stoi(pid), SIGKILL);
                    return;
                }
            }
        }
    });
    Outcome outcome = run("env TMPDIR='" + tmp.path().string() + "' " + k_binary + " run --quiet migrations",
                          dir.path());
    killer.join();
    EXPECT_EQ(2, outcome.exit_code) << outcome.err;
    EXPECT_NE(std::string::npos, outcome.err.find("the server was killed by signal 9")) << outcome.err;
    EXPECT_NE(std::string::npos, outcome.err.find("the last lines of its log: ")) << outcome.err;
    EXPECT_EQ(std::string::npos, outcome.err.find("check its log")) << outcome.err;
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}
