#pragma once
// Child processes of the local provider (initdb, postgres): fork + exec without a shell,
// stdout/stderr appended to a log file, run as an unprivileged user when we are root,
// and tied to our life with PR_SET_PDEATHSIG so that they die even when we are killed.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace runner {

/// Who the server runs as when schemagate runs as root.
struct User {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
};

/// When euid is 0: the "postgres" system user if present, else "nobody". nullopt otherwise.
/// Throws core::Error when root and neither user exists.
std::optional<User> unprivileged_user();

struct SpawnOptions {
    std::vector<std::string> argv;       ///< argv[0] is an absolute path to the program
    std::filesystem::path log;           ///< stdout and stderr are appended here
    std::filesystem::path cwd;           ///< working directory of the child (must be readable by `user`)
    std::optional<User> user;            ///< drop to this user (setgroups, setgid, setuid) before exec
    int death_signal = 9;                ///< sent to the child when the forking thread dies
    std::vector<std::string> extra_env;  ///< "NAME=value" added to our environment for the child
};

/// A started child process. Not copyable; the destructor kills (SIGKILL) and reaps a child
/// still running. Call from the thread that lives as long as the child: PR_SET_PDEATHSIG
/// fires when the *thread* that forked exits.
class Child {
public:
    /// Starts the program. Throws core::Error when the log cannot be opened or fork fails;
    /// an exec failure shows as exit status 127 with the reason in the log.
    explicit Child(const SpawnOptions& options);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return m_pid; }
    /// True while the child has not exited (reaps it when it has).
    bool running();
    /// Waits up to `timeout` for exit; the exit code (128 + signal when killed), nullopt on timeout.
    std::optional<int> wait_for(std::chrono::milliseconds timeout);
    /// Sends `signo` when still running.
    void signal(int signo);
    /// The exit code once reaped, else nullopt.
    std::optional<int> exit_code() const { return m_exit; }

private:
    bool reap(int options);
    pid_t m_pid = -1;
    std::optional<int> m_exit;
};

/// Runs `argv` (argv[0] searched in PATH when it holds no slash) with stdin and stderr on
/// /dev/null, without a shell; its standard output, or nullopt when it cannot be started or
/// exits non-zero.
std::optional<std::string> output_of(const std::vector<std::string>& argv);

/// Runs a program to completion; returns its exit code.
int run_to_completion(const SpawnOptions& options);

/// The last `lines` lines of a text file ("" when unreadable), for error messages.
std::string tail_of(const std::filesystem::path& file, int lines);

}  // namespace runner
