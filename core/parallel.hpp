#pragma once
// One thread pool for the whole tool: the items of a loop shared out to worker threads.

#include <cstddef>
#include <functional>

namespace core {

/// The number of workers for `count` items: `jobs` when > 0, else one a core
/// (std::thread::hardware_concurrency, at least 1); never more than `count`, at least 1.
unsigned worker_count(std::size_t count, int jobs = 0);

/// Calls `body(item, worker)` for every item in [0, count), `worker` in [0, workers), on
/// `workers` threads; items are taken in order, one at a time, so a slow item does not hold
/// up the rest. Returns when every item is done. When a call throws, the other items still
/// run and the exception of the lowest item that threw is rethrown, as a serial loop would
/// have thrown it.
///
/// `stack_bytes` 0: the calling thread is worker 0, the others get the default stack.
/// Otherwise every worker is a new thread with a stack of `stack_bytes` (address space
/// reserved, memory used only as the stack grows: the linter's workers parse deep trees in
/// place) and the caller waits; workers that cannot be made are left out, and with none
/// the caller does the work.
void parallel_for(std::size_t count, unsigned workers,
                  const std::function<void(std::size_t item, unsigned worker)>& body, std::size_t stack_bytes = 0);

}  // namespace core
