// Input that is valid but extreme: expressions nested tens of thousands of levels deep
// parse and lint (no crash, no parse-error), on any thread; many tables in one file.
#include "core/parallel.hpp"
#include "linter/parse.hpp"
#include "linter/rules/common.hpp"
#include "linter/stack.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

namespace {

using test_support::findings_of;
using test_support::lint_sql;

// "SELECT 1<op>1<op>...1;" with `terms` terms.
std::string chain(int terms, std::string_view op) {
    std::string sql = "SELECT 1";
    for (int i = 1; i < terms; ++i) {
        sql += op;
        sql += "1";
    }
    return sql + ";\n";
}

TEST(DeepInputTest, SeventyThousandTermsLintWithoutAParseError) {
    core::Report report = lint_sql(chain(70000, "+") + "CREATE TABLE t (id bigint);\n");
    EXPECT_EQ(0u, findings_of(report, "parse-error").size());
    EXPECT_EQ(1u, findings_of(report, "idempotency").size()) << "the statement after the deep one is linted";
}

TEST(DeepInputTest, SevenHundredPlusTermsParse) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse(chain(700, "+"));
    ASSERT_TRUE(file.ok) << file.error.message;
    EXPECT_EQ("SelectStmt", file.statements.at(0).kind);
}

TEST(DeepInputTest, ThousandTermConcatenationLintsWithoutAParseError) {
    core::Report report = lint_sql(chain(1000, " || "));
    EXPECT_EQ(0u, findings_of(report, "parse-error").size());
}

TEST(DeepInputTest, DeepTreeIsWalkedWithoutRecursion) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("INSERT INTO t SELECT " + chain(70000, "+").substr(7));
    ASSERT_TRUE(file.ok) << file.error.message;
    const linter::Node& insert = file.statements.at(0).node;
    EXPECT_FALSE(insert.contains("SubLink"));
    EXPECT_TRUE(insert.contains("A_Const"));
    EXPECT_EQ(1, insert.find("ival")["ival"].integer());
}

TEST(DeepInputTest, ParsesOnAThreadWithASmallStack) {
    bool ok = false;
    std::thread thread([&] {
        linter::Parser parser;
        ok = parser.parse(chain(70000, "+")).ok;
    });
    thread.join();
    EXPECT_TRUE(ok);
}

TEST(DeepInputTest, FindKeepsDocumentOrder) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("SELECT a FROM t WHERE b = (SELECT c FROM u);");
    ASSERT_TRUE(file.ok);
    EXPECT_EQ("a", file.statements.at(0).node.find("ColumnRef")["fields"].items().front()["String"]["sval"].str());
    EXPECT_EQ("u", file.statements.at(0).node.find("SubLink").find("relname").str());
}

TEST(StackTest, ExceptionsReachTheCaller) {
    EXPECT_THROW(linter::run_with_stack(std::size_t{64} << 20, [] { throw std::runtime_error("boom"); }),
                 std::runtime_error);
}

TEST(StackTest, SmallWorkRunsOnTheCallingThread) {
    std::thread::id ran_on;
    EXPECT_TRUE(linter::run_with_stack(4096, [&] { ran_on = std::this_thread::get_id(); }));
    EXPECT_EQ(std::this_thread::get_id(), ran_on);
}

// A lint worker parses a typical file on its own stack: no thread a file (libpg_query
// keeps a thread key per thread it ran on, and a process has 1,024).
TEST(StackTest, WorkersParseTypicalFilesInPlace) {
    std::string file(100 << 10, ' ');
    std::mutex mutex;
    std::set<std::thread::id> workers;
    std::set<std::thread::id> parsed_on;
    core::parallel_for(
        2, 2,
        [&](std::size_t, unsigned) {
            std::thread::id on;
            EXPECT_TRUE(
                linter::run_with_stack(linter::parse_stack_bytes(file), [&] { on = std::this_thread::get_id(); }));
            std::lock_guard lock(mutex);
            workers.insert(std::this_thread::get_id());
            parsed_on.insert(on);
        },
        linter::k_worker_stack_bytes);
    EXPECT_GE(workers.size(), 1u);
    EXPECT_EQ(workers, parsed_on);
    EXPECT_EQ(0u, workers.count(std::this_thread::get_id()));
}

TEST(StackTest, WorkerExceptionsReachTheCaller) {
    EXPECT_THROW(
        core::parallel_for(
            2, 2, [](std::size_t, unsigned) { throw std::runtime_error("boom"); }, linter::k_worker_stack_bytes),
        std::runtime_error);
}

TEST(StackTest, NeedGrowsWithTheLongestStatementOnly) {
    std::string many_short;
    while (many_short.size() < (std::size_t{5} << 20)) { many_short += "SELECT 1;\n"; }
    EXPECT_LT(linter::parse_stack_bytes_by_statement(many_short),
              linter::parse_stack_bytes(std::string(64 << 10, ' ') + "SELECT 1;"));
}

TEST(NewTablesTest, MatchesSchemasAsBefore) {
    linter::Parser parser;
    linter::ParsedFile file = parser.parse("CREATE TABLE a (id int); CREATE TABLE s.b (id int);");
    ASSERT_TRUE(file.ok);
    linter::rules::NewTables created;
    for (const linter::Statement& statement : file.statements) { created.add(statement); }
    EXPECT_TRUE(created.contains_name("a"));
    EXPECT_TRUE(created.contains_name("other.a")) << "created unqualified: any schema";
    EXPECT_TRUE(created.contains_name("b"));
    EXPECT_TRUE(created.contains_name("s.b"));
    EXPECT_FALSE(created.contains_name("t.b"));
    EXPECT_FALSE(created.contains_name("c"));
}

}  // namespace
