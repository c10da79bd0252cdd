// Progress in a CI log (stderr not a terminal): a line every interval while a migration
// runs, none when disabled, and nothing left behind after the run.
#include "runner/progress.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace {

using namespace std::chrono_literals;

TEST(ProgressTest, LogsALineEveryIntervalWhileAMigrationRuns) {
    testing::internal::CaptureStderr();
    {
        runner::Progress progress(true, 3, false, 20ms);
        progress.update(1, "migrations/0002_slow.sql");
        std::this_thread::sleep_for(100ms);  // one long migration: the log is not silent
    }
    std::string out = testing::internal::GetCapturedStderr();
    EXPECT_NE(std::string::npos, out.find("schemagate: 1/3 migrations, applying migrations/0002_slow.sql, ")) << out;
    EXPECT_EQ(std::string::npos, out.find('\033')) << "no terminal control sequences in a log";
}

TEST(ProgressTest, DisabledPrintsNothing) {
    testing::internal::CaptureStderr();
    {
        runner::Progress progress(false, 3, false, 1ms);
        progress.update(1, "migrations/0002_slow.sql");
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ("", testing::internal::GetCapturedStderr());
}

}  // namespace
