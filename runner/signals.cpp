#include "runner/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <thread>

namespace runner {
namespace {

std::mutex g_mutex;
std::map<int, std::function<void()>> g_cleanups;
int g_next_id = 0;

sigset_t cleanup_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

void wait_for_signal() {
    sigset_t set = cleanup_signals();
    int signo = 0;
    while (sigwait(&set, &signo) != 0) {}
    std::lock_guard lock(g_mutex);  // held until _exit: owners cannot unregister meanwhile
    for (auto& [id, cleanup] : g_cleanups) {
        try {
            cleanup();
        } catch (...) {
            // best effort: the other cleanups still run
        }
    }
    _exit(128 + signo);
}

}  // namespace

void install_signal_cleanup() {
    static std::once_flag once;
    sigset_t set = cleanup_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::call_once(once, [] { std::thread(wait_for_signal).detach(); });
}

CleanupGuard::CleanupGuard(std::function<void()> cleanup) {
    std::lock_guard lock(g_mutex);
    m_id = g_next_id++;
    g_cleanups.emplace(m_id, std::move(cleanup));
}

CleanupGuard::~CleanupGuard() {
    std::lock_guard lock(g_mutex);
    g_cleanups.erase(m_id);
}

}  // namespace runner
