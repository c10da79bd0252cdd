#include "core/checksum.hpp"
#include "core/json_text.hpp"
#include "core/text.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

TEST(LineIndexTest, MapsOffsetsToOneBasedLineAndColumn) {
    core::LineIndex index("ab\ncd\n");
    EXPECT_EQ((core::Position{1, 1}), index.at(0));
    EXPECT_EQ((core::Position{1, 3}), index.at(2));
    EXPECT_EQ((core::Position{2, 1}), index.at(3));
    EXPECT_EQ((core::Position{3, 1}), index.at(6));
}

TEST(LineIndexTest, CountsColumnsInCharactersNotBytes) {
    core::LineIndex index("-- é\nSELECT 'ü', x;");
    EXPECT_EQ((core::Position{1, 4}), index.at(3));    // é starts at byte 3
    EXPECT_EQ((core::Position{2, 11}), index.at(17));  // ',' after 'ü' (2 bytes)
}

TEST(IsTextTest, AcceptsUtf8AndRejectsLatin1AndNul) {
    EXPECT_TRUE(core::is_text("SELECT 'é';"));
    std::size_t at = 99;
    EXPECT_FALSE(core::is_text("SELECT '\xe9';", &at));
    EXPECT_EQ(8u, at);
    EXPECT_FALSE(core::is_text(std::string("a\0b", 3), &at));
    EXPECT_EQ(1u, at);
    EXPECT_FALSE(core::is_text("\xe2\x82", &at));  // truncated sequence
}

TEST(ChecksumTest, IsSha256OfTheBytes) {
    EXPECT_EQ("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", core::sha256_checksum(""));
    EXPECT_EQ("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", core::sha256_checksum("abc"));
}

TEST(LineIndexTest, LoneCarriageReturnEndsALineAndCrLfEndsOne) {
    core::LineIndex index("a;\rb;\r\nc;");
    EXPECT_EQ(3, index.line_count());
    EXPECT_EQ(2, index.at(3).line);  // b
    EXPECT_EQ(1, index.at(3).column);
    EXPECT_EQ(3, index.at(7).line);  // c
}

TEST(JsonStringTest, EscapesAsNlohmannDumpsValidUtf8) {
    for (std::string text : {std::string(""), std::string("plain"), std::string("say \"hi\" \\ there"),
                             std::string("tab\there\nnew\rline\b\f"), std::string("nul \0 and \x01 \x1f \x7f", 16),
                             std::string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")}) {
        std::string out = "x";
        core::append_json_string(out, text);
        EXPECT_EQ("x" + nlohmann::json(text).dump(-1, ' ', false), out) << text;
    }
}

TEST(JsonStringTest, AnyTextIsWrittenAsNlohmannDumpsItReplacingInvalidUtf8) {
    for (std::string text : {std::string("\"User\" caf\xc3\xa9 \x01"), std::string("latin-1 caf\xe9"),
                             std::string("cut \xe2\x82"), std::string("lone \xff\xfe end"), std::string("\xc0\xaf")}) {
        std::string out = "x";
        core::append_json_text(out, text);
        EXPECT_EQ("x" + nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out)
            << text;
    }
}

// Each byte that JSON escapes or that is not ASCII, and a two-byte character, at every
// offset of strings of 1 to 24 bytes: the 8-byte steps of the escape search, their
// boundaries and the tail after them.
TEST(JsonStringTest, EveryByteIsEscapedAsNlohmannDoesAtEveryOffset) {
    for (std::string special :
         {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\x80", "\xff", " ", "~", "\xc3\xa9", "\"\""}) {
        for (std::size_t size = special.size(); size <= 24; ++size) {
            for (std::size_t at = 0; at + special.size() <= size; ++at) {
                std::string text = std::string(size, 'a').replace(at, special.size(), special);
                std::string out;
                core::append_json_text(out, text);
                EXPECT_EQ(nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out)
                    << "'" << special << "' at " << at << " of " << size;
            }
        }
    }
}

TEST(SkipBlanksAndCommentsTest, SkipsBlanksLineCommentsAndNestedBlockComments) {
    std::string_view sql = " \t\n-- a comment\n/* outer /* inner */ still outer */\f\vSELECT 1";
    EXPECT_EQ(sql.find("SELECT"), core::skip_blanks_and_comments(sql, 0, sql.size()));
    EXPECT_EQ(sql.find("SELECT"), core::skip_blanks_and_comments(sql, sql.find("SELECT"), sql.size()));
}

TEST(SkipBlanksAndCommentsTest, StopsAtEndAndNeverReadsPastIt) {
    std::string_view sql = "  -- no newline";
    EXPECT_EQ(sql.size(), core::skip_blanks_and_comments(sql, 0, sql.size()));
    EXPECT_EQ(5U, core::skip_blanks_and_comments("/* unclosed /* x", 0, 5));  // runs to `end`
    EXPECT_EQ(2U, core::skip_blanks_and_comments("  /* ... */ x", 0, 2));     // what follows `end` is not read
    EXPECT_EQ(2U, core::skip_blanks_and_comments("  -x", 0, 3));              // a lone '-' is not a comment
    EXPECT_EQ(3U, core::skip_blanks_and_comments("abc", 9, 4));               // past the text: its end
}

// Every offset of lines of 0 to 40 bytes mixing ASCII, 2-, 3- and 4-byte characters and stray
// continuation bytes: the column counts the bytes that are not 0b10xxxxxx before the offset.
TEST(LineIndexTest, ColumnCountsEveryNonContinuationByteAtEveryOffset) {
    const std::vector<std::string> pieces = {"a",    "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                             "\x80", "\xbf",     "\x7f"};
    std::uint32_t seed = 7;
    for (int round = 0; round < 200; ++round) {
        std::string line;
        while (line.size() < static_cast<std::size_t>(round % 41)) {
            seed = seed * 1103515245 + 12345;
            line += pieces[(seed >> 16) % pieces.size()];
        }
        std::string text = "x\n" + line + "\ny";
        core::LineIndex index(text);
        int column = 1;
        for (std::size_t offset = 2; offset <= 2 + line.size(); ++offset) {
            ASSERT_EQ((core::Position{2, column}), index.at(offset)) << round << " " << offset;
            if (offset < 2 + line.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) { ++column; }
        }
    }
}
