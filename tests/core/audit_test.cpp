#include "core/audit.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace {

TEST(AuditTest, RunIdsAreVersion4UuidsAndDistinct) {
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        std::string id = core::new_run_id();
        ASSERT_TRUE(std::regex_match(id, uuid)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(1000u, seen.size());
}

TEST(AuditTest, TimestampsAreIso8601InUtc) {
    EXPECT_EQ("1970-01-01T00:00:00Z", core::utc_timestamp(std::chrono::system_clock::time_point{}));
    EXPECT_EQ("2026-12-01T10:58:52Z",
              core::utc_timestamp(std::chrono::system_clock::time_point{std::chrono::seconds(1796122732)}));
}

}  // namespace
