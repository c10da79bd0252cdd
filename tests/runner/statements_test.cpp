// split_statements and transaction_body on text alone: no server.
#include "runner/statements.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace {

using runner::Body;
using runner::split_statements;
using runner::Statement;
using runner::transaction_body;

// The statements' texts, cut from `sql` by their offsets and lengths.
std::vector<std::string> texts(const std::string& sql) {
    std::vector<std::string> out;
    for (const Statement& s : split_statements(sql)) { out.push_back(sql.substr(s.offset, s.length)); }
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> spans(const std::string& sql) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const Statement& s : split_statements(sql)) { out.emplace_back(s.offset, s.length); }
    return out;
}

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// transaction_body's {wrapped, offset, length}, and the body's text.
using Wrapped = std::tuple<bool, std::size_t, std::size_t>;
Wrapped body_of(const std::string& sql) {
    Body body = transaction_body(sql);
    return {body.wrapped, body.offset, body.length};
}
std::string body_text(const std::string& sql) {
    Body body = transaction_body(sql);
    return sql.substr(body.offset, body.length);
}

TEST(SplitStatements, OffsetsAndLengthsInBytesWithoutTheSemicolon) {
    std::string sql = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
    EXPECT_EQ(spans(sql), (Spans{{0, 23}, {25, 23}}));
    EXPECT_EQ(texts(sql), (std::vector<std::string>{"CREATE TABLE a (id int)", "CREATE TABLE b (id int)"}));
}

TEST(SplitStatements, LastStatementWithoutSemicolonRunsToTheEnd) {
    EXPECT_EQ(spans("SELECT 1;\nSELECT 2"), (Spans{{0, 8}, {10, 8}}));
    EXPECT_EQ(spans("SELECT 1 ;  \n"), (Spans{{0, 8}}));
}

TEST(SplitStatements, LeadingCommentsAreSkippedNestedBlockCommentsIncluded) {
    std::string sql = "-- first\nSELECT 1;\n/* block /* nested */ */ SELECT 2;";
    EXPECT_EQ(spans(sql), (Spans{{9, 8}, {44, 8}}));
}

TEST(SplitStatements, CommentOnlyStatementsAreDropped) {
    EXPECT_EQ(texts("SELECT 1;\n-- nothing here\n/* nor here */"), (std::vector<std::string>{"SELECT 1"}));
    EXPECT_TRUE(split_statements("-- only a comment\n").empty());
    EXPECT_TRUE(split_statements("").empty());
}

TEST(SplitStatements, SemicolonsInsideDollarQuotesAndStringsDoNotSplit) {
    std::string sql =
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
        "INSERT INTO t VALUES ('a;b');\nDO $$ BEGIN PERFORM 1; END $$;";
    EXPECT_EQ(texts(sql),
              (std::vector<std::string>{"CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
                                        "INSERT INTO t VALUES ('a;b')", "DO $$ BEGIN PERFORM 1; END $$"}));
}

TEST(SplitStatements, TextThatDoesNotParseIsSplitByTheScanner) {
    std::string sql = "CREATE TABLE a (id int);\nSELECT 'x;y';\nCREATE TABLE oops id int;";
    EXPECT_EQ(spans(sql), (Spans{{0, 23}, {25, 12}, {39, 24}}));
    EXPECT_EQ(texts(sql),
              (std::vector<std::string>{"CREATE TABLE a (id int)", "SELECT 'x;y'", "CREATE TABLE oops id int"}));
}

TEST(SplitStatements, ScannerDropsEmptyStatementsAndTheRestAfterAnUnclosedParenthesisIsOne) {
    // libpg_query's scanner returns nothing after "(": the runner still sees that text.
    std::string sql = "CREATE TABLE a (id int);\n;\n-- nothing\n;\nCREATE TABLE oops (;\nSELECT 'x;y';\n";
    EXPECT_EQ(texts(sql), (std::vector<std::string>{"CREATE TABLE a (id int)", "CREATE TABLE oops (;\nSELECT 'x;y'"}));
}

TEST(SplitStatements, ScannerKeepsStatementsWithoutAKeyword) {
    // libpg_query's scanner leaves out "SELEC 1" (no keyword in it).
    EXPECT_EQ(texts("SELEC 1;\nSELECT 2;"), (std::vector<std::string>{"SELEC 1", "SELECT 2"}));
    EXPECT_EQ(spans("SELECT 1;\nSELEC 2;\n\n"), (Spans{{0, 8}, {10, 7}}));
}

TEST(SplitStatements, MultiByteTextCountsBytes) {
    // "é" and "ü" are two bytes each in UTF-8, "日" three.
    std::string sql = "INSERT INTO t VALUES ('h\xC3\xA9llo');\nSELECT '\xC3\xBC', '\xE6\x97\xA5';";
    EXPECT_EQ(spans(sql), (Spans{{0, 31}, {33, 18}}));
    EXPECT_EQ(texts(sql)[1], "SELECT '\xC3\xBC', '\xE6\x97\xA5'");
}

TEST(TransactionBody, BeginCommitFileIsWrappedAndTheBodyLiesBetween) {
    std::string sql = "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n";
    EXPECT_EQ(body_of(sql), (Wrapped{true, 6, 26}));
    EXPECT_EQ(body_text(sql), "\nCREATE TABLE a (id int);\n");
}

TEST(TransactionBody, StartTransactionEndAnyCaseAndLeadingComments) {
    std::string sql = "-- wrapped\nstart transaction isolation level serializable;\nSELECT 1;\nSELECT 2;\nend;";
    EXPECT_TRUE(std::get<0>(body_of(sql)));
    EXPECT_EQ(body_text(sql), "\nSELECT 1;\nSELECT 2;\n");
    std::string lower = "begin;\ncreate index i on t (c);\ncommit;";
    EXPECT_TRUE(std::get<0>(body_of(lower)));
    EXPECT_EQ(body_text(lower), "\ncreate index i on t (c);\n");
}

TEST(TransactionBody, EmptyTransactionHasTheTextBetween) {
    EXPECT_EQ(body_of("BEGIN;\nCOMMIT;"), (Wrapped{true, 6, 1}));
}

TEST(TransactionBody, OtherFilesAreTheWholeText) {
    for (std::string sql : {
             std::string("CREATE TABLE a (id int);"),
             std::string("BEGIN;\nCREATE TABLE a (id int);"),                        // no COMMIT
             std::string("CREATE TABLE a (id int);\nCOMMIT;"),                       // no BEGIN
             std::string("BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;"),                   // COMMIT not last
             std::string("BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;"),  // two transactions
             std::string("BEGIN;\nSAVEPOINT s;\nSELECT 1;\nRELEASE s;\nCOMMIT;"),    // savepoints inside
             std::string("BEGIN;\nSELECT 1;\nROLLBACK;\nCOMMIT;"),                   // rollback inside
             std::string("BEGIN;\nCREATE TABLE t (id int;\nCOMMIT;"),                // does not parse
             std::string("CREATE FUNCTION f() RETURNS void AS $$ BEGIN END $$ LANGUAGE plpgsql;"),
             std::string("COMMIT;"),
             std::string(""),
         }) {
        EXPECT_EQ(body_of(sql), (Wrapped{false, 0, sql.size()})) << sql;
    }
}

TEST(TransactionBody, DoBlockWithBeginEndInsideIsStillWrapped) {
    std::string sql = "BEGIN;\nDO $$ BEGIN PERFORM 1; END $$;\nCOMMIT;";
    EXPECT_TRUE(std::get<0>(body_of(sql)));
    EXPECT_EQ(body_text(sql), "\nDO $$ BEGIN PERFORM 1; END $$;\n");
}

TEST(TransactionBody, MultiByteBodyOffsetsAreBytes) {
    EXPECT_EQ(body_of("BEGIN;\nCOMMENT ON TABLE t IS 'caf\xC3\xA9';\nCOMMIT;"), (Wrapped{true, 6, 32}));
}

}  // namespace
