#include "linter/history/history.hpp"
#include "linter/history/lines.hpp"

#include <gtest/gtest.h>

using history::first_changed_line;

TEST(FirstChangedLineTest, FindsTheFirstDifferingLine) {
    EXPECT_EQ(2, first_changed_line("a\nb\nc\n", "a\nB\nc\n").line);
    EXPECT_EQ(1, first_changed_line("a\n", "x\n").line);
}

TEST(FirstChangedLineTest, TrailingWhitespaceAndLineEndingsCount) {
    EXPECT_EQ(2, first_changed_line("a\nb\n", "a\nb \n").line);
    EXPECT_EQ(2, first_changed_line("a\nb\n", "a\nb\r\n").line);
    EXPECT_EQ(2, first_changed_line("a\nb\n", "a\nb").line);
}

TEST(FirstChangedLineTest, AppendedAndRemovedLines) {
    EXPECT_EQ(3, first_changed_line("a\nb\n", "a\nb\nc\n").line);
    EXPECT_EQ(2, first_changed_line("a\nb\nc\n", "a\nb\n").line);
    EXPECT_EQ(1, first_changed_line("a\n", "").line);
}

TEST(FirstChangedLineTest, EndColumnCountsCharacters) {
    EXPECT_EQ(5, first_changed_line("x\n", "héllo\n").end_column);
    EXPECT_EQ(1, first_changed_line("x\n", "\n").end_column);
}

TEST(HistoryRulesTest, FourRulesInTheCatalogWithDefaults) {
    for (const char* id : {"deleted-migration", "immutable-migration", "out-of-order", "retired-migration"}) {
        EXPECT_TRUE(history::is_history_rule(id)) << id;
        EXPECT_EQ("lint", core::rule_info(id).stage) << id;
    }
    EXPECT_EQ(core::Severity::warning, core::rule_info("retired-migration").default_severity);
    EXPECT_FALSE(history::is_history_rule("naming"));
}
