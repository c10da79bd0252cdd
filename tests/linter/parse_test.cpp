#include "linter/parse.hpp"

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
