#include "core/parallel.hpp"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace core {
namespace {

struct Job {
    const std::function<void(unsigned)>* work;
    unsigned worker;
};

void* run_job(void* arg) {
    const Job& job = *static_cast<Job*>(arg);
    (*job.work)(job.worker);  // never throws: parallel_for's work catches
    return nullptr;
}

// Runs work(w) for w in [0, workers) on threads with `stack_bytes` of stack each; returns
// how many ran (0: none could be made).
unsigned run_on_big_stacks(unsigned workers, std::size_t stack_bytes, const std::function<void(unsigned)>& work) {
    std::vector<Job> jobs(workers);
    std::vector<pthread_t> threads;
    for (unsigned w = 0; w < workers; ++w) {
        jobs[w] = {&work, static_cast<unsigned>(threads.size())};
        pthread_attr_t attr;
        if (pthread_attr_init(&attr) != 0) { break; }
        pthread_t thread{};
        bool ok = pthread_attr_setstacksize(&attr, stack_bytes) == 0 &&
                  pthread_create(&thread, &attr, run_job, &jobs[w]) == 0;
        pthread_attr_destroy(&attr);
        if (!ok) { break; }
        threads.push_back(thread);
    }
    for (pthread_t thread : threads) { pthread_join(thread, nullptr); }
    return static_cast<unsigned>(threads.size());
}

}  // namespace

unsigned worker_count(std::size_t count, int jobs) {
    unsigned wanted = jobs > 0 ? static_cast<unsigned>(jobs) : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::clamp<std::size_t>(count, 1, wanted));
}

void parallel_for(std::size_t count, unsigned workers, const std::function<void(std::size_t, unsigned)>& body,
                  std::size_t stack_bytes) {
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next{0};
    std::function<void(unsigned)> work = [&](unsigned worker) {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                body(i, worker);
            } catch (...) { errors[i] = std::current_exception(); }
        }
    };
    workers = std::max(1u, workers);
    if (stack_bytes == 0 || run_on_big_stacks(workers, stack_bytes, work) == 0) {
        std::vector<std::jthread> threads;
        for (unsigned w = 1; w < workers; ++w) { threads.emplace_back(work, w); }
        work(0);
    }
    for (const std::exception_ptr& error : errors) {
        if (error) { std::rethrow_exception(error); }
    }
}

}  // namespace core
