#include "runner/local_cluster.hpp"

#include "core/error.hpp"
#include "runner/failure.hpp"
#include "runner/pristine.hpp"

#include <linux/magic.h>
#include <signal.h>
#include <stdio.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace runner {
namespace {

constexpr int k_port = 5432;  // private socket directory: no clash with other servers
constexpr auto k_ready_timeout = 30s;
constexpr auto k_poll_step = 1ms;
constexpr const char* k_kept_marker = "KEPT";  // --keep: later runs do not sweep the directory

constexpr const char* k_memory_dir = "/dev/shm";
constexpr unsigned long long k_memory_room = 1ULL << 30;  // free bytes /dev/shm needs before we use it

// Run directories go to $TMPDIR when set; else to /dev/shm when it is a tmpfs with at least
// 1 GiB free (the server's files are throwaway and it runs with fsync off; creating the data
// directory's ~1,000 files, what a warm start mostly costs, is several times faster in memory
// than on a disk file system, and initdb twice as fast); else to /tmp.
bool on_tmpfs(const fs::path& path) {
    struct statfs fs_info {};
    return statfs(path.c_str(), &fs_info) == 0 && fs_info.f_type == TMPFS_MAGIC;
}

fs::path temp_base() {
    const char* tmp = std::getenv("TMPDIR");
    if (tmp != nullptr && *tmp != '\0') { return tmp; }
    struct statvfs room {};
    if (on_tmpfs(k_memory_dir) && statvfs(k_memory_dir, &room) == 0 && access(k_memory_dir, W_OK | X_OK) == 0 &&
        static_cast<unsigned long long>(room.f_bavail) * room.f_frsize >= k_memory_room) {
        return k_memory_dir;
    }
    return "/tmp";
}

// A run killed with SIGKILL cannot remove its directory (its server dies with it through
// PR_SET_PDEATHSIG). Later runs remove such leftovers: "schemagate-<pid>-*" of a dead pid.
void sweep_stale_dirs(const fs::path& base) {
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(base, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("schemagate-", 0) != 0) { continue; }
        char* end = nullptr;
        long pid = std::strtol(name.c_str() + 11, &end, 10);
        if (pid <= 0 || *end != '-' || kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) { continue; }
        if (fs::exists(entry.path() / k_kept_marker, ec)) { continue; }
        std::ifstream pidfile(entry.path() / "data" / "postmaster.pid");
        long server = 0;
        if (pidfile >> server && server > 0 && kill(static_cast<pid_t>(server), 0) == 0) {
            std::ifstream cmdline("/proc/" + std::to_string(server) + "/cmdline");
            std::string text((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
            if (text.find(entry.path().string()) != std::string::npos) { kill(static_cast<pid_t>(server), SIGQUIT); }
        }
        fs::remove_all(entry.path(), ec);
    }
}

fs::path make_temp_dir(const fs::path& base) {
    std::string pattern = (base / ("schemagate-" + std::to_string(getpid()) + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) {
        if (errno == ENOSPC) { throw disk_full_in(base, "cannot create a temporary directory"); }
        throw core::Error("cannot create a temporary directory in " + base.string() + ": " + std::strerror(errno) +
                          ": set TMPDIR to a writable directory");
    }
    return pattern;
}

}  // namespace

void trace(const char* phase, std::chrono::steady_clock::time_point since) {
    static const bool enabled = std::getenv("SCHEMAGATE_TRACE") != nullptr;
    if (enabled) {
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
        std::fprintf(stderr, "schemagate: trace: %s %.1f ms\n", phase, ms);
    }
}

fs::path cache_root() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "schemagate";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : "/tmp") / ".cache" / "schemagate";
}

LocalCluster::LocalCluster(const LocalClusterOptions& options) : m_options(options) {
    auto started = std::chrono::steady_clock::now();
    fs::path bindir = find_bindir(options.pg_bindir, options.postgres_version);
    trace("find bindir", started);
    m_user = unprivileged_user();
    if (m_user) { check_runnable_by(bindir, *m_user); }
    install_signal_cleanup();
    fs::path base = temp_base();
    sweep_stale_dirs(base);
    if (base != "/tmp") { sweep_stale_dirs("/tmp"); }  // where runs went before /dev/shm
    m_dir = make_temp_dir(base);
    m_guard = std::make_unique<CleanupGuard>([this] { stop(); });
    try {
        if (m_user && lchown(m_dir.c_str(), m_user->uid, m_user->gid) != 0) {
            throw core::Error("cannot give " + m_dir.string() + " to user " + m_user->name + ": " +
                              std::strerror(errno));
        }
        start(bindir);
    } catch (const DiskFull& e) {
        DiskFull located = disk_full_in(base, e.what());  // the free space before the directory goes
        stop();
        throw located;
    } catch (...) {
        stop();
        throw;
    }
    m_ready_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

LocalCluster::~LocalCluster() {
    stop();
    m_guard.reset();
}

// A cached data directory whose server does not start (a damaged entry: e.g. global/pg_control
// overwritten) is discarded and the cluster made once more with initdb, which replaces it.
void LocalCluster::start(const fs::path& bindir) {
    auto phase = std::chrono::steady_clock::now();
    prepare_data_dir(bindir);
    trace(m_cache_hit ? "data directory from the cache" : "data directory by initdb", phase);
    phase = std::chrono::steady_clock::now();
    start_server(bindir);
    try {
        wait_ready();
    } catch (const DiskFull&) {
        throw;  // the cached entry is fine: the disk is full
    } catch (const core::Error&) {
        if (!m_cache_hit) { throw; }
        std::string why = tail_of(log_file(), 2);
        std::replace(why.begin(), why.end(), '\n', ' ');
        std::fprintf(stderr,
                     "schemagate: note: the cached pristine data directory %s did not start (%s); "
                     "discarded it and ran initdb again\n",
                     pristine_entry(bindir).c_str(), why.c_str());
        discard_pristine_entry(bindir);
        {
            std::lock_guard lock(m_mutex);
            m_server->signal(SIGKILL);
            m_server->wait_for(3s);
            m_server.reset();
        }
        std::error_code ec;
        fs::remove_all(data_dir(), ec);
        fs::remove(log_file(), ec);
        prepare_data_dir(bindir);
        start_server(bindir);
        wait_ready();
    }
    trace("start server", phase);
}

void LocalCluster::prepare_data_dir(const fs::path& bindir) {
    m_cache_hit = make_data_dir(bindir, data_dir(), m_user, log_file(), m_options.use_cache);
}

void LocalCluster::start_server(const fs::path& bindir) {
    std::lock_guard lock(m_mutex);
    SpawnOptions spawn;
    spawn.argv = {(bindir / "postgres").string(), "-D", data_dir().string(),      "-k", m_dir.string(),       "-p",
                  std::to_string(k_port),         "-c", "listen_addresses=",      "-c", "fsync=off",          "-c",
                  "full_page_writes=off",         "-c", "synchronous_commit=off", "-c", "autovacuum=off",     "-c",
                  "max_connections=40",           "-c", "shared_buffers=32MB",    "-c", "max_wal_size=256MB", "-c",
                  "checkpoint_timeout=30min"};
    if (on_tmpfs(m_dir)) {
        // Segments in the data directory, which is in memory anyway: they go with it even when
        // the server is killed (posix segments in /dev/shm would outlive a SIGKILLed server).
        spawn.argv.insert(spawn.argv.end(), {"-c", "dynamic_shared_memory_type=mmap"});
    }
    spawn.log = log_file();
    spawn.cwd = m_dir;
    spawn.user = m_user;
    spawn.death_signal = SIGQUIT;  // immediate shutdown of the whole server when we die
    m_server = std::make_unique<Child>(spawn);
}

// The postmaster writes "ready" on line 8 of postmaster.pid once it accepts connections
// (what pg_ctl -w waits for); our data directory is fresh, so any such file is our server's.
bool LocalCluster::pid_file_says_ready() const {
    std::ifstream in(data_dir() / "postmaster.pid");
    std::string line;
    for (int i = 0; i < 8 && std::getline(in, line); ++i) {}
    return in && line.rfind("ready", 0) == 0;
}

void LocalCluster::wait_ready() {
    auto deadline = std::chrono::steady_clock::now() + k_ready_timeout;
    while (!pid_file_says_ready()) {
        if (!server_running()) { throw core::Error(failure("the PostgreSQL server exited while starting")); }
        if (std::chrono::steady_clock::now() > deadline) {
            throw core::Error(failure("the PostgreSQL server did not accept connections within 30 s"));
        }
        std::this_thread::sleep_for(k_poll_step);
    }
}

std::string LocalCluster::failure(const std::string& what) const {
    if (std::string full = disk_full_line(log_file()); !full.empty()) { throw DiskFull(what + ": " + full); }
    std::string tail = tail_of(log_file(), 8);
    std::replace(tail.begin(), tail.end(), '\n', ' ');
    return what + (tail.empty() ? "" : ": " + tail) + ": check the PostgreSQL installation or pass --pg-bindir";
}

std::string LocalCluster::conninfo(const std::string& dbname) const {
    return "host=" + m_dir.string() + " port=" + std::to_string(k_port) + " user=postgres dbname=" + dbname;
}

bool LocalCluster::server_running() {
    std::lock_guard lock(m_mutex);
    return m_server && m_server->running();
}

std::string LocalCluster::post_mortem() {
    if (std::string full = disk_full_line(log_file()); !full.empty()) {
        throw disk_full_in(m_dir.parent_path(), "the PostgreSQL server could not write: " + full);
    }
    std::string out;
    std::optional<int> exit;
    {
        std::lock_guard lock(m_mutex);
        // A killed server closes its socket a moment before it can be reaped.
        if (m_server) { exit = m_server->wait_for(std::chrono::milliseconds(500)); }
    }
    if (exit) {
        int code = *exit;
        out = code > 128
                  ? "the server was killed by signal " + std::to_string(code - 128) + " (" + strsignal(code - 128) + ")"
                  : "the server exited with status " + std::to_string(code);
    }
    std::string tail = tail_of(log_file(), 4);
    std::replace(tail.begin(), tail.end(), '\n', ' ');
    if (!tail.empty()) { out += (out.empty() ? "" : "; ") + ("the last lines of its log: " + tail); }
    return out;
}

void LocalCluster::stop() {
    std::lock_guard lock(m_mutex);
    if (m_stopped) { return; }
    m_stopped = true;
    if (m_server) {
        // The directory is thrown away: immediate shutdown (no shutdown checkpoint), unless kept.
        m_server->signal(m_options.keep ? SIGINT : SIGQUIT);
        if (!m_server->wait_for(10s)) {
            m_server->signal(SIGQUIT);  // immediate shutdown
            if (!m_server->wait_for(3s)) {
                m_server->signal(SIGKILL);
                m_server->wait_for(3s);
            }
        }
    }
    std::error_code ec;
    if (m_dir.empty()) { return; }
    if (m_options.keep) {
        std::ofstream(m_dir / k_kept_marker) << "kept by schemagate --keep; remove the directory when done\n";
    } else {
        fs::remove_all(m_dir, ec);
    }
}

}  // namespace runner
