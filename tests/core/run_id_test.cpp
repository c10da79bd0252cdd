#include "core/run_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

TEST(RunIdTest, IsAVersion4Uuid) {
    std::string id = core::new_run_id();
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))) << id;
}

TEST(RunIdTest, DiffersEachTime) {
    std::set<std::string> ids;
    for (int i = 0; i < 100; ++i) { ids.insert(core::new_run_id()); }
    EXPECT_EQ(100u, ids.size());
}
