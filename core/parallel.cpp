#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace core {

unsigned worker_count(std::size_t count, int jobs) {
    unsigned wanted = jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::clamp<std::size_t>(count, 1, wanted));
}

void parallel_for(std::size_t count, unsigned workers, const std::function<void(std::size_t, unsigned)>& body) {
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned worker) {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                body(i, worker);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    std::vector<std::jthread> threads;
    for (unsigned w = 1; w < std::max(1u, workers); ++w) { threads.emplace_back(work, w); }
    work(0);
    threads.clear();  // joins
    for (const std::exception_ptr& error : errors) {
        if (error) { std::rethrow_exception(error); }
    }
}

}  // namespace core
