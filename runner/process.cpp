#include "runner/process.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <thread>

namespace runner {
namespace {

std::optional<User> lookup_user(const char* name) {
    struct passwd entry {};
    struct passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r(name, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return User{name, found->pw_uid, found->pw_gid};
}

// Everything below runs in the forked child: async-signal-safe calls only.
[[noreturn]] void exec_child(const SpawnOptions& options, char* const* argv, char* const* envp, int log_fd) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    // Ignored signals survive exec: a server started by a script that ignores SIGQUIT would
    // ignore the death signal and outlive us. Every disposition back to its default.
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    for (int signo = 1; signo < NSIG; ++signo) { sigaction(signo, &fallback, nullptr); }
    setpgid(0, 0);  // a terminal's Ctrl-C reaches us, not the server: we stop it ourselves
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) { dup2(null_fd, STDIN_FILENO); }
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    auto fail = [](const char* what) {
        const char* reason = strerror(errno);
        (void)!write(STDERR_FILENO, what, strlen(what));
        (void)!write(STDERR_FILENO, reason, strlen(reason));
        (void)!write(STDERR_FILENO, "\n", 1);
        _exit(127);
    };
    if (options.user) {
        gid_t gid = options.user->gid;
        if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(options.user->uid) != 0) {
            fail("schemagate: cannot switch user: ");
        }
    }
    // After the credential change, which clears it.
    prctl(PR_SET_PDEATHSIG, options.death_signal);
    if (getppid() == 1) { _exit(126); }  // the parent died before prctl
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) { fail("schemagate: cannot change directory: "); }
    execve(argv[0], argv, envp);
    fail("schemagate: cannot execute: ");
    _exit(127);
}

}  // namespace

std::optional<User> unprivileged_user() {
    if (geteuid() != 0) { return std::nullopt; }
    for (const char* name : {"postgres", "nobody"}) {
        if (std::optional<User> user = lookup_user(name)) { return user; }
    }
    throw core::Error(
        "running as root, but neither a 'postgres' nor a 'nobody' user exists to run the server: "
        "create a 'postgres' system user or run schemagate as an unprivileged user");
}

Child::Child(const SpawnOptions& options) {
    int log_fd = open(options.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) { throw core::Error("cannot open " + options.log.string() + ": " + std::strerror(errno)); }
    std::vector<char*> argv;
    for (const std::string& arg : options.argv) { argv.push_back(const_cast<char*>(arg.c_str())); }
    argv.push_back(nullptr);
    std::vector<char*> envp;  // prepared before fork: the child may only make async-signal-safe calls
    for (char** entry = environ; *entry != nullptr; ++entry) { envp.push_back(*entry); }
    for (const std::string& entry : options.extra_env) { envp.push_back(const_cast<char*>(entry.c_str())); }
    envp.push_back(nullptr);
    m_pid = fork();
    if (m_pid == 0) {
        exec_child(options, argv.data(), envp.data(), log_fd);  // dup2 onto 1 and 2 clears O_CLOEXEC there
    }
    int saved = errno;
    close(log_fd);
    if (m_pid < 0) {
        throw core::Error(std::string("cannot start ") + options.argv[0] + ": fork: " + std::strerror(saved));
    }
}

Child::~Child() {
    if (m_pid > 0 && !m_exit) {
        kill(m_pid, SIGKILL);
        reap(0);
    }
}

bool Child::reap(int options) {
    int status = 0;
    pid_t done;
    do { done = waitpid(m_pid, &status, options); } while (done < 0 && errno == EINTR);
    if (done == m_pid) {
        m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
    }
    if (done < 0) {
        m_exit = -1;
        return true;
    }  // not our child any more (reaped elsewhere)
    return false;
}

bool Child::running() { return m_pid > 0 && !m_exit && !reap(WNOHANG); }

std::optional<int> Child::wait_for(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) { return std::nullopt; }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return m_exit;
}

void Child::signal(int signo) {
    if (running()) { kill(m_pid, signo); }
}

std::optional<std::string> output_of(const std::vector<std::string>& argv) {
    int fds[2];
    if (argv.empty() || pipe2(fds, O_CLOEXEC) != 0) { return std::nullopt; }
    std::vector<char*> args;
    for (const std::string& arg : argv) { args.push_back(const_cast<char*>(arg.c_str())); }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = -1;
    int failed = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(fds[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; failed == 0 && (n = read(fds[0], buffer, sizeof buffer)) != 0;) {
        if (n > 0) {
            out.append(buffer, static_cast<std::size_t>(n));
        } else if (errno != EINTR) {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    while (failed == 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (failed != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) { return std::nullopt; }
    return out;
}

int run_to_completion(const SpawnOptions& options) {
    Child child(options);
    return *child.wait_for(std::chrono::hours(24));
}

std::string tail_of(const std::filesystem::path& file, int lines) {
    std::ifstream in(file);
    std::deque<std::string> last;
    std::string line;
    while (std::getline(in, line)) {
        last.push_back(line);
        if (static_cast<int>(last.size()) > lines) { last.pop_front(); }
    }
    std::string text;
    for (const std::string& l : last) { text += (text.empty() ? "" : "\n") + l; }
    return text;
}

}  // namespace runner
