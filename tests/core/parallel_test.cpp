#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

TEST(ParallelForTest, EveryItemRunsOnceOnAValidWorker) {
    std::vector<std::atomic<int>> runs(1000);
    std::atomic<bool> bad_worker{false};
    core::parallel_for(runs.size(), 4, [&](std::size_t i, unsigned worker) {
        runs[i]++;
        if (worker >= 4) { bad_worker = true; }
    });
    for (const std::atomic<int>& count : runs) { EXPECT_EQ(1, count.load()); }
    EXPECT_FALSE(bad_worker);
}

TEST(ParallelForTest, RethrowsTheLowestItemsExceptionAfterAllItemsRan) {
    std::atomic<int> ran{0};
    try {
        core::parallel_for(100, 3, [&](std::size_t i, unsigned) {
            ran++;
            if (i == 70 || i == 20) { throw std::runtime_error("item " + std::to_string(i)); }
        });
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) { EXPECT_STREQ("item 20", error.what()); }
    EXPECT_EQ(100, ran.load());
}

TEST(ParallelForTest, NoItemsIsNoCall) {
    core::parallel_for(0, 2, [](std::size_t, unsigned) { FAIL(); });
}

TEST(ParallelForTest, WorkerCountIsBoundedByItemsAndJobs) {
    EXPECT_EQ(1u, core::worker_count(0, 8));
    EXPECT_EQ(3u, core::worker_count(3, 8));
    EXPECT_EQ(2u, core::worker_count(100, 2));
    EXPECT_GE(core::worker_count(100), 1u);
}

}  // namespace
