#include "core/lock_mode.hpp"

#include <gtest/gtest.h>

TEST(LockModeTest, PgLocksNamesBecomeTheDocsNames) {
    EXPECT_EQ("ACCESS EXCLUSIVE", core::lock_mode_from_pg_locks("AccessExclusiveLock").value());
    EXPECT_EQ("SHARE UPDATE EXCLUSIVE", core::lock_mode_from_pg_locks("ShareUpdateExclusiveLock").value());
    EXPECT_EQ("ROW SHARE", core::lock_mode_from_pg_locks("RowShareLock").value());
    EXPECT_FALSE(core::lock_mode_from_pg_locks("SIReadLock").has_value());
}

TEST(LockModeTest, LevelsFollowPostgresOrder) {
    EXPECT_EQ(1, core::lock_mode_level("ACCESS SHARE"));
    EXPECT_EQ(5, core::lock_mode_level("SHARE"));
    EXPECT_EQ(8, core::lock_mode_level("ACCESS EXCLUSIVE"));
    EXPECT_EQ(0, core::lock_mode_level("AccessExclusiveLock"));
}

TEST(LockModeTest, CoverFollowsTheConflictTable) {
    EXPECT_TRUE(core::lock_mode_covers("ACCESS EXCLUSIVE", "SHARE"));
    EXPECT_TRUE(core::lock_mode_covers("SHARE ROW EXCLUSIVE", "SHARE"));
    EXPECT_TRUE(core::lock_mode_covers("SHARE", "SHARE"));
    EXPECT_FALSE(core::lock_mode_covers("SHARE", "SHARE UPDATE EXCLUSIVE"));  // SUE conflicts with itself
    EXPECT_FALSE(core::lock_mode_covers("SHARE", "ACCESS EXCLUSIVE"));
    EXPECT_FALSE(core::lock_mode_covers("ROW EXCLUSIVE", "SHARE"));
    EXPECT_EQ("reads and writes", core::lock_mode_blocks("ACCESS EXCLUSIVE"));
}
