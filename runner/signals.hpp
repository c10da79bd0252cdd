#pragma once
// Cleanup on SIGINT, SIGTERM and SIGHUP: the signals are blocked in the calling thread
// (and so in every thread it creates afterwards) and one dedicated thread waits for them
// with sigwait, runs every registered cleanup (stop the server, remove its directory)
// and ends the process with _exit(128 + signal): 130, 143, 129.

#include <functional>

namespace runner {

/// Blocks the three signals in the calling thread and starts the waiting thread (once per
/// process). Call from the main thread before other threads exist.
void install_signal_cleanup();

/// Registers `cleanup` for the lifetime of this object. A cleanup must be idempotent and
/// safe to run from the signal thread while its owner runs too (guard it with a mutex).
class CleanupGuard {
public:
    explicit CleanupGuard(std::function<void()> cleanup);
    ~CleanupGuard();
    CleanupGuard(const CleanupGuard&) = delete;
    CleanupGuard& operator=(const CleanupGuard&) = delete;

private:
    int m_id;
};

}  // namespace runner
