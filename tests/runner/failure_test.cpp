// caret_offset on libpq's "LINE n: ...\n   ^" excerpt and disk_full_line on log files: no server.
#include "runner/failure.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

namespace {

using runner::caret_offset;

// libpq's excerpt: "LINE <line>: " and the line, then the caret `columns` screen columns in.
std::string excerpt_message(const std::string& error, int line, const std::string& shown, std::size_t columns) {
    std::string prefix = "LINE " + std::to_string(line) + ": ";
    return "ERROR:  " + error + "\n" + prefix + shown + "\n" + std::string(prefix.size() + columns, ' ') + "^\n";
}

TEST(CaretOffset, FirstLine) {
    std::string query = "CREATE tabel x (id int)";
    std::string message =
        "ERROR:  syntax error at or near \"tabel\"\nLINE 1: CREATE tabel x (id int)\n"
        "               ^\n";
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(7));
}

TEST(CaretOffset, LaterLineCountsTheBytesOfTheLinesBefore) {
    std::string query = "CREATE TABLE t (\n  id integr\n)";
    std::string message = excerpt_message("type \"integr\" does not exist", 2, "  id integr", 5);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(22));
    EXPECT_EQ(query.substr(22, 6), "integr");
}

TEST(CaretOffset, MultiByteCharactersBeforeTheCaret) {
    // "é" is one screen column and two bytes.
    std::string query = "SELECT '\xC3\xA9', nope";
    std::string message = excerpt_message("column \"nope\" does not exist", 1, query, 12);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(13));
}

TEST(CaretOffset, WideCharactersTakeTwoScreenColumns) {
    // libpq places the caret in screen columns (PQdsplen): "日" and "本" take two each, three bytes each.
    std::string query = "SELECT '\xE6\x97\xA5\xE6\x9C\xAC', nope";
    std::string message = excerpt_message("column \"nope\" does not exist", 1, query, 15);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(17));
    EXPECT_EQ(query.substr(17), "nope");
}

TEST(CaretOffset, TabsAreOneColumn) {
    std::string query = "SELECT\t1,\tnope";
    std::string message = excerpt_message("column \"nope\" does not exist", 1, "SELECT 1, nope", 10);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(10));
}

// A long line: libpq shows at most 60 columns, cut with "..." on the left and/or the right.
std::string long_line() {
    std::string line = "SELECT ";
    for (int i = 10; i < 40; ++i) { line += "c" + std::to_string(i) + ", "; }
    return line + "nope FROM t";  // "nope" at byte 157, "FROM" at 162, 168 bytes
}

TEST(CaretOffset, ExcerptCutOnBothSides) {
    std::string line = long_line();
    ASSERT_EQ(line.find("nope"), 157U);
    std::string query = "-- first line\n" + line;
    // caret at column 157: the excerpt ends 10 columns after it, and starts 60 before that end.
    std::string shown = "..." + line.substr(107, 60) + "...";
    std::string message = excerpt_message("column \"nope\" does not exist", 2, shown, 3 + 50);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(14 + 157));
}

TEST(CaretOffset, ExcerptCutOnTheLeftOnly) {
    std::string line = long_line();
    std::string query = line;
    std::size_t begin = line.size() - 60;  // the caret within 10 columns of the end: no cut on the right
    std::string message = excerpt_message("syntax error", 1, "..." + line.substr(begin), 3 + (162 - begin));
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(162));
}

TEST(CaretOffset, ExcerptCutOnTheLeftOfALineWithTabs) {
    // libpq shows tabs as spaces: the excerpt is still found in the line.
    std::string line = long_line();
    std::string query = line;
    std::replace(query.begin(), query.end(), ' ', '\t');
    std::size_t begin = line.size() - 60;  // the caret within 10 columns of the end: no cut on the right
    std::string message = excerpt_message("syntax error", 1, "..." + line.substr(begin), 3 + (162 - begin));
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(162));
}

TEST(CaretOffset, ExcerptCutOnTheRightOnly) {
    std::string query = "SELECT nope, " + long_line();
    std::string message = excerpt_message("column \"nope\" does not exist", 1, query.substr(0, 60) + "...", 7);
    EXPECT_EQ(caret_offset(message, query), std::optional<std::size_t>(7));
}

TEST(CaretOffset, NoExcerptIsNullopt) {
    EXPECT_EQ(caret_offset("ERROR:  relation \"t\" does not exist\n", "SELECT 1"), std::nullopt);
    EXPECT_EQ(caret_offset("", "SELECT 1"), std::nullopt);
    // An excerpt without its caret line, and a line the query does not have.
    EXPECT_EQ(caret_offset("ERROR:  x\nLINE 1: SELECT 1", "SELECT 1"), std::nullopt);
    EXPECT_EQ(caret_offset(excerpt_message("x", 3, "SELECT 1", 0), "SELECT 1"), std::nullopt);
}

TEST(DiskFullLine, FirstEnospcLineWithoutItsTimestamp) {
    test_support::TempDir dir;
    dir.write("server.log",
              "2026-12-01 14:26:05.040 UTC [31559] LOG:  database system is ready to accept connections\n"
              "2026-12-01 14:26:05.041 UTC [31559] PANIC:  could not write to file \"pg_wal/xlogtemp.31559\": "
              "No space left on device\n"
              "2026-12-01 14:26:05.042 UTC [31559] LOG:  could not write file \"x\": No space left on device\n");
    EXPECT_EQ(runner::disk_full_line(dir.path() / "server.log"),
              "PANIC:  could not write to file \"pg_wal/xlogtemp.31559\": No space left on device");
}

TEST(DiskFullLine, InitdbLineHasNoLevelAndIsKeptWhole) {
    test_support::TempDir dir;
    dir.write("initdb.log",
              "creating directories ... ok\n"
              "initdb: error: could not write to file \"base/1/1259\": No space left on device\n");
    EXPECT_EQ(runner::disk_full_line(dir.path() / "initdb.log"),
              "initdb: error: could not write to file \"base/1/1259\": No space left on device");
}

TEST(DiskFullLine, ShortWriteIsTheLineBeforeTheHint) {
    test_support::TempDir dir;
    dir.write("server.log",
              "2026-12-01 14:26:05.041 UTC [7] ERROR:  could not extend file \"base/5/16384\": wrote "
              "only 4096 of 8192 bytes at block 12\n"
              "2026-12-01 14:26:05.041 UTC [7] HINT:  Check free disk space.\n");
    EXPECT_EQ(runner::disk_full_line(dir.path() / "server.log"),
              "ERROR:  could not extend file \"base/5/16384\": wrote only 4096 of 8192 bytes at block 12");
}

TEST(DiskFullLine, EmptyWithoutOne) {
    test_support::TempDir dir;
    dir.write("server.log", "2026-12-01 14:26:05.040 UTC [31559] LOG:  database system is shut down\n");
    EXPECT_EQ(runner::disk_full_line(dir.path() / "server.log"), "");
    EXPECT_EQ(runner::disk_full_line(dir.path() / "absent.log"), "");
}

}  // namespace
