#include "pg_environment.hpp"

#include "core/error.hpp"
#include "runner/local_cluster.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace {

bool process_alive(pid_t pid) {
    if (kill(pid, 0) != 0) { return false; }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::size_t close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

bool wait_gone(pid_t pid) {
    for (int i = 0; i < 500 && process_alive(pid); ++i) { std::this_thread::sleep_for(std::chrono::milliseconds(10)); }
    return !process_alive(pid);
}

// Any process whose command line names `dir` (the server and its backends).
bool any_process_using(const fs::path& dir) {
    for (const fs::directory_entry& entry : fs::directory_iterator("/proc")) {
        std::ifstream in(entry.path() / "cmdline");
        std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (cmdline.find(dir.string()) != std::string::npos) { return true; }
    }
    return false;
}

struct Helper {
    pid_t pid = -1;
    fs::path dir;
    pid_t server = -1;
};

Helper start_helper() {
    int fds[2];
    EXPECT_EQ(0, pipe(fds));
    Helper helper;
    helper.pid = fork();
    if (helper.pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        execl(RUNNER_CLUSTER_HELPER, RUNNER_CLUSTER_HELPER, nullptr);
        _exit(127);
    }
    close(fds[1]);
    FILE* out = fdopen(fds[0], "r");
    char line[4096] = {};
    if (fgets(line, sizeof line, out) != nullptr) {
        std::istringstream fields(line);
        std::string dir;
        fields >> dir >> helper.server;
        helper.dir = dir;
    }
    fclose(out);
    return helper;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST(LocalClusterTest, AcceptsConnectionsAsPostgres) {
    pqxx::connection cx(runner_test::cluster().conninfo());
    pqxx::work tx(cx);
    EXPECT_EQ("postgres", tx.exec1("SELECT current_user")[0].as<std::string>());
    EXPECT_EQ("off", tx.exec1("SHOW fsync")[0].as<std::string>());
    EXPECT_EQ("", tx.exec1("SHOW listen_addresses")[0].as<std::string>());
}

TEST(LocalClusterTest, StopRemovesDirectoryAndServer) {
    fs::path dir;
    pid_t server = -1;
    {
        runner::LocalCluster cluster;
        dir = cluster.dir();
        server = cluster.server_pid();
        EXPECT_TRUE(fs::exists(cluster.data_dir() / "PG_VERSION"));
    }
    EXPECT_FALSE(fs::exists(dir));
    EXPECT_TRUE(wait_gone(server));
    EXPECT_FALSE(any_process_using(dir));
}

TEST(LocalClusterTest, SigintStopsServerAndRemovesDirectory) {
    Helper helper = start_helper();
    ASSERT_FALSE(helper.dir.empty());
    ASSERT_TRUE(process_alive(helper.server));
    kill(helper.pid, SIGINT);
    EXPECT_EQ(130, wait_exit(helper.pid));
    EXPECT_TRUE(wait_gone(helper.server));
    EXPECT_FALSE(any_process_using(helper.dir));
    EXPECT_FALSE(fs::exists(helper.dir));
}

TEST(LocalClusterTest, SigtermStopsServerAndRemovesDirectory) {
    Helper helper = start_helper();
    ASSERT_FALSE(helper.dir.empty());
    kill(helper.pid, SIGTERM);
    EXPECT_EQ(143, wait_exit(helper.pid));
    EXPECT_TRUE(wait_gone(helper.server));
    EXPECT_FALSE(fs::exists(helper.dir));
}

// A TMPDIR of our own for one test: no other schemagate run on the machine sweeps (or
// leaves) run directories in it.
class PrivateTmpdir {
public:
    PrivateTmpdir() {
        std::string pattern = (fs::exists("/dev/shm") ? "/dev/shm" : "/tmp") + std::string("/cluster-test-XXXXXX");
        m_path = mkdtemp(pattern.data());
        fs::permissions(m_path,
                        fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);  // the server user
        const char* old = std::getenv("TMPDIR");
        m_old = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
        setenv("TMPDIR", m_path.c_str(), 1);
    }
    ~PrivateTmpdir() {
        if (m_old) {
            setenv("TMPDIR", m_old->c_str(), 1);
        } else {
            unsetenv("TMPDIR");
        }
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }

private:
    fs::path m_path;
    std::optional<std::string> m_old;
};

TEST(LocalClusterTest, SigkillStillStopsServer) {
    PrivateTmpdir tmpdir;  // else a concurrent run elsewhere may sweep the directory first
    Helper helper = start_helper();
    ASSERT_FALSE(helper.dir.empty());
    kill(helper.pid, SIGKILL);
    EXPECT_EQ(128 + SIGKILL, wait_exit(helper.pid));
    EXPECT_TRUE(wait_gone(helper.server));
    for (int i = 0; i < 500 && any_process_using(helper.dir); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(any_process_using(helper.dir));
    EXPECT_TRUE(fs::exists(helper.dir));  // nobody was left to remove it...
    { runner::LocalCluster next; }
    EXPECT_FALSE(fs::exists(helper.dir));  // ...until the next run swept it
}

TEST(LocalClusterTest, UnknownBindirIsAnError) {
    runner::LocalClusterOptions options;
    options.pg_bindir = "/nonexistent/bin";
    EXPECT_THROW(runner::LocalCluster cluster(options), core::Error);
}
