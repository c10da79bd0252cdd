#pragma once
// The `local` provider: an ephemeral PostgreSQL cluster in a temporary directory ($TMPDIR;
// else /dev/shm when it is a tmpfs with 1 GiB free; else /tmp), listening only on a unix
// socket there, with fsync, full_page_writes and synchronous_commit off. Its data directory
// is unpacked from a pristine one cached per PostgreSQL binary under $XDG_CACHE_HOME/schemagate
// (pristine.hpp; initdb runs only on a cache miss; an entry whose server does not start is
// discarded and rebuilt once, with a note on stderr). The binaries are those of the configured
// major (binaries.hpp). When we are root, initdb and postgres run as the "postgres" (else
// "nobody") user, after checking that it can run them. The server is stopped (immediate shutdown: the
// directory is thrown away) and the directory removed by the destructor, on SIGINT/SIGTERM/
// SIGHUP (signals.hpp), and the server dies with us even on SIGKILL (PR_SET_PDEATHSIG).

#include "runner/binaries.hpp"
#include "runner/process.hpp"
#include "runner/signals.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace runner {

/// With SCHEMAGATE_TRACE set: prints "schemagate: trace: <phase> <ms since `since`> ms" on stderr.
void trace(const char* phase, std::chrono::steady_clock::time_point since);

/// $XDG_CACHE_HOME/schemagate, else $HOME/.cache/schemagate.
std::filesystem::path cache_root();

struct LocalClusterOptions {
    std::filesystem::path pg_bindir;  ///< empty: find_bindir
    int postgres_version = 0;         ///< 0: newest installed
    bool use_cache = true;            ///< unpack a cached pristine data directory instead of initdb
    bool keep = false;                ///< keep the directory (the server is stopped all the same)
};

class LocalCluster {
public:
    /// Initialises (or unpacks) the data directory and starts the server; returns when it
    /// accepts connections (postmaster.pid says "ready": what pg_ctl -w waits for). Throws
    /// core::Error with the server log's last lines on failure; DiskFull naming the temp
    /// directory's parent and its free space when a write failed with ENOSPC (mkdtemp, the
    /// unpacking, initdb, the server's start).
    explicit LocalCluster(const LocalClusterOptions& options = {});
    /// Stops the server (immediate shutdown, or fast with `keep`; SIGKILL when it lingers) and
    /// removes the directory unless `keep`.
    ~LocalCluster();
    LocalCluster(const LocalCluster&) = delete;
    LocalCluster& operator=(const LocalCluster&) = delete;

    /// libpq keyword string for `dbname` as user postgres over the socket.
    std::string conninfo(const std::string& dbname = "postgres") const;
    const std::filesystem::path& dir() const { return m_dir; }  ///< socket dir, holds data/ and postgres.log
    std::filesystem::path data_dir() const { return m_dir / "data"; }
    std::filesystem::path log_file() const { return m_dir / "postgres.log"; }
    pid_t server_pid() const { return m_server ? m_server->pid() : -1; }
    bool cache_hit() const { return m_cache_hit; }
    double ready_ms() const { return m_ready_ms; }  ///< from construction to accepting connections
    /// True while the server process runs.
    bool server_running();
    /// For a message about a server that failed or went away: how it ended ("killed by signal
    /// 9", "exited with status 1"; nothing while it runs) and the last lines of its log, which
    /// goes with the directory, on one line. Throws DiskFull naming the directory and its free
    /// space when the log says a write failed with ENOSPC.
    std::string post_mortem();
    /// Idempotent: stops the server and removes the directory (unless keep). Thread-safe.
    void stop();

private:
    void prepare_data_dir(const std::filesystem::path& bindir);
    void start(const std::filesystem::path& bindir);
    void start_server(const std::filesystem::path& bindir);
    void wait_ready();
    bool pid_file_says_ready() const;
    std::string failure(const std::string& what) const;

    LocalClusterOptions m_options;
    std::optional<User> m_user;
    std::filesystem::path m_dir;
    std::unique_ptr<Child> m_server;
    std::recursive_mutex m_mutex;
    bool m_stopped = false;
    bool m_cache_hit = false;
    double m_ready_ms = 0;
    std::unique_ptr<CleanupGuard> m_guard;
};

}  // namespace runner
