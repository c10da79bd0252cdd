#include "runner/process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

// A child must not inherit an ignored signal: the server's death signal (SIGQUIT) ignored by
// the script that started schemagate would let the server outlive it.
TEST(ProcessTest, ChildStartsWithDefaultSignalDispositions) {
    std::signal(SIGQUIT, SIG_IGN);
    runner::SpawnOptions options;
    options.argv = {"/bin/sh", "-c", "kill -QUIT $$; exit 0"};
    options.log = std::filesystem::temp_directory_path() / ("schemagate_process_test_" + std::to_string(getpid()));
    runner::Child child(options);
    std::optional<int> code = child.wait_for(std::chrono::seconds(10));
    std::signal(SIGQUIT, SIG_DFL);
    std::filesystem::remove(options.log);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(128 + SIGQUIT, *code);  // killed by the signal it would have ignored
}
