#include "linter/parse.hpp"

#include "support.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

TEST(ParserTest, SplitsStatementsWithExactSpans) {
    linter::Parser parser;
    std::string text = "SELECT 1;\n\n-- comment\n/* block */ CREATE TABLE t (id int);\nSELECT 3";
    linter::ParsedFile file = parser.parse(text);
    ASSERT_TRUE(file.ok);
    ASSERT_EQ(3u, file.statements.size());
    EXPECT_EQ("CreateStmt", file.statements[1].kind);
    EXPECT_EQ((core::Position{4, 13}), file.statements[1].start);
    EXPECT_EQ((core::Position{4, 35}), file.statements[1].last);
    EXPECT_EQ("CREATE TABLE t (id int)",
              text.substr(file.statements[1].begin, file.statements[1].end - file.statements[1].begin));
    EXPECT_EQ((core::Position{5, 1}), file.statements[2].start);
    EXPECT_EQ((core::Position{5, 8}), file.statements[2].last);
}

TEST(ParserTest, SyntaxErrorIsLocatedOnItsLine) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("SELECT 1;\n\n\n\n\n\nSELEC 2;\n");
    ASSERT_FALSE(file.ok);
    EXPECT_EQ((core::Position{7, 1}), file.error.at);
    EXPECT_EQ("syntax error at or near \"SELEC\"", file.error.message);
}

TEST(ParserTest, ErrorColumnCountsCharacters) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("SELECT 'é' ,\n  ;");
    ASSERT_FALSE(file.ok);
    EXPECT_EQ((core::Position{2, 3}), file.error.at);
}

TEST(ParserTest, NonUtf8IsAParseErrorAtTheByte) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("SELECT 1;\nSELECT '\xe9t\xe9';\n");
    ASSERT_FALSE(file.ok);
    EXPECT_EQ((core::Position{2, 9}), file.error.at);
    EXPECT_NE(std::string::npos, file.error.message.find("not UTF-8"));
}

TEST(ParserTest, NodesReadFieldsAndNames) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("CREATE TABLE IF NOT EXISTS app.users (id int);");
    ASSERT_TRUE(file.ok);
    linter::Node create = file.statements[0].node.inner();
    EXPECT_TRUE(create["if_not_exists"].boolean());
    EXPECT_EQ("users", create["relation"]["relname"].str());
    EXPECT_EQ("app", create["relation"]["schemaname"].str());
    EXPECT_TRUE(create["no_such_field"]["deeper"].is_null());
    auto columns = create["tableElts"].items();
    ASSERT_EQ(1u, columns.size());
    EXPECT_EQ("ColumnDef", columns[0].kind());
    std::vector<std::string_view> type{"pg_catalog", "int4"};
    EXPECT_EQ(type, columns[0].inner()["typeName"]["names"].names());
}

TEST(ParserTest, CommentOnlyFileHasNoStatements) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("-- nothing here\n");
    EXPECT_TRUE(file.ok);
    EXPECT_TRUE(file.statements.empty());
}

namespace {

// A file of many statements: tables with a char column (ban-char-field, at the type's
// location), a BEGIN ATOMIC function whose body has ';' inside, and `tail` at the end.
std::string many_statements(const std::string& tail) {
    std::string text = "-- header\n";
    for (int i = 0; i < 20; ++i) {
        text += "CREATE TABLE t" + std::to_string(i) + " (\n    id bigint,\n    code char(3)\n);\n\n";
        if (i == 10) {
            text +=
                "CREATE FUNCTION f() RETURNS int\n    LANGUAGE sql\n    BEGIN ATOMIC\n SELECT 1;\n SELECT 2;\nEND;\n\n";
        }
    }
    return text + tail;
}

// The statements' spans and kinds, and each statement's first location, as one string.
std::string spans(const linter::ParsedFile& file) {
    std::string out;
    for (const linter::Statement& s : file.statements) {
        out += std::string(s.kind) + " " + std::to_string(s.begin) + "-" + std::to_string(s.end) + " " +
               std::to_string(s.start.line) + ":" + std::to_string(s.start.column) + " " + std::to_string(s.last.line) +
               ":" + std::to_string(s.last.column) + " @" +
               std::to_string(s.node.find("location").is_null() ? -1 : s.node.inner()["relation"].location()) + "\n";
    }
    return out;
}

constexpr std::size_t k_whole = std::size_t{1} << 30;  // larger than any test file: parsed at once

}  // namespace

TEST(ParserTest, PiecesGiveTheWholeFilesStatementsAndLocations) {
    std::string text = many_statements("SELECT 1");
    linter::Parser whole(k_whole);
    linter::ParsedFile expected = whole.parse(text);
    ASSERT_TRUE(expected.ok);
    ASSERT_EQ(21u + 1u, expected.statements.size());
    for (std::size_t piece : {1, 40, 64, 200, 1000}) {
        linter::Parser pieces(piece);
        linter::ParsedFile file = pieces.parse(text);
        ASSERT_TRUE(file.ok) << piece << ": " << file.error.message;
        EXPECT_EQ(spans(expected), spans(file)) << "piece bytes " << piece;
    }
    // t19, the last table: its name on line 1 + 19 * 5 + 7 (the function's lines) + 1, column 14.
    linter::Parser parser(64);
    linter::ParsedFile file = parser.parse(text);
    ASSERT_TRUE(file.ok);
    linter::Node t19 = file.statements[20].node.inner()["relation"];
    EXPECT_EQ("t19", t19["relname"].str());
    EXPECT_EQ((core::Position{104, 14}), file.lines.at(static_cast<std::size_t>(t19.location())));
}

TEST(ParserTest, ParseErrorInALaterPieceIsAtItsTrueLine) {
    std::string text = many_statements("\nCREATE TABLE bad (id int,,);\nSELECT 1;\n");
    linter::ParsedFile expected = linter::Parser(k_whole).parse(text);
    ASSERT_FALSE(expected.ok);
    EXPECT_EQ((core::Position{110, 26}), expected.error.at);  // the second ','
    for (std::size_t piece : {1, 64, 1000}) {
        linter::ParsedFile file = linter::Parser(piece).parse(text);
        ASSERT_FALSE(file.ok);
        EXPECT_EQ(expected.error.message, file.error.message);
        EXPECT_EQ((core::Position{110, 26}), file.error.at) << "piece bytes " << piece;
        EXPECT_TRUE(file.error.syntax);
    }
    // Unfinished at the end: the error is at the end of input, as for the whole file.
    std::string cut = many_statements("CREATE TABLE last (id int");
    linter::ParsedFile whole_cut = linter::Parser(k_whole).parse(cut);
    linter::ParsedFile pieces_cut = linter::Parser(64).parse(cut);
    ASSERT_FALSE(pieces_cut.ok);
    EXPECT_EQ(whole_cut.error.message, pieces_cut.error.message);
    EXPECT_EQ(whole_cut.error.at, pieces_cut.error.at);
}

TEST(ParserTest, LintFindingsAreTheSameInPieces) {
    std::string sql = many_statements("SELECT 1;\n");
    core::Report whole = test_support::lint_sql(sql);
    ASSERT_EQ(0, setenv("SCHEMAGATE_PARSE_PIECE_BYTES", "64", 1));
    core::Report pieces = test_support::lint_sql(sql);
    unsetenv("SCHEMAGATE_PARSE_PIECE_BYTES");
    auto chars = test_support::findings_of(pieces, "ban-char-field");
    ASSERT_EQ(20u, chars.size());
    EXPECT_EQ((core::Position{106, 5}), chars.back().start);  // `code char(3)` of t19
    ASSERT_EQ(whole.findings.size(), pieces.findings.size());
    for (std::size_t i = 0; i < whole.findings.size(); ++i) {
        EXPECT_EQ(whole.findings[i].rule, pieces.findings[i].rule);
        EXPECT_EQ(whole.findings[i].message, pieces.findings[i].message);
        EXPECT_EQ(whole.findings[i].start, pieces.findings[i].start);
        EXPECT_EQ(whole.findings[i].end, pieces.findings[i].end);
    }
}
