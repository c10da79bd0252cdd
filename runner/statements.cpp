#include "runner/statements.hpp"

#include "core/text.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cctype>

namespace runner {
namespace {

std::string keyword(std::string_view sql, const Statement& statement) {
    std::string word;
    for (std::size_t i = statement.offset; i < statement.offset + statement.length; ++i) {
        char c = sql[i];
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '_') { break; }
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return word;
}

bool is_begin(std::string_view sql, const Statement& s) {
    std::string word = keyword(sql, s);
    return word == "BEGIN" || word == "START";
}

bool is_commit(std::string_view sql, const Statement& s) {
    std::string word = keyword(sql, s);
    return word == "COMMIT" || word == "END";
}

bool is_control(std::string_view sql, const Statement& s) {
    std::string word = keyword(sql, s);
    return is_begin(sql, s) || is_commit(sql, s) || word == "ROLLBACK" || word == "ABORT" || word == "SAVEPOINT" ||
           word == "RELEASE";
}

// `sql[begin, end)` without the blanks, comments and semicolons around it, when anything is left.
void add_trimmed(std::string_view sql, std::size_t begin, std::size_t end, std::vector<Statement>& out) {
    begin = core::skip_blanks_and_comments(sql, begin, end);
    while (begin < end && sql[begin] == ';') { begin = core::skip_blanks_and_comments(sql, begin + 1, end); }
    while (end > begin && (std::isspace(static_cast<unsigned char>(sql[end - 1])) || sql[end - 1] == ';')) { --end; }
    if (end > begin) { out.push_back({begin, end - begin}); }
}

}  // namespace

std::vector<Statement> split_statements(const std::string& sql) {
    PgQuerySplitResult result = pg_query_split_with_parser(sql.c_str());
    if (result.error != nullptr) {
        pg_query_free_split_result(result);
        result = pg_query_split_with_scanner(sql.c_str());
    }
    std::vector<Statement> statements;
    std::size_t covered = 0;  // the text before this is in `statements` or blank
    for (int i = 0; result.error == nullptr && i < result.n_stmts; ++i) {
        std::size_t begin = static_cast<std::size_t>(result.stmts[i]->stmt_location);
        std::size_t end = std::min(sql.size(), begin + static_cast<std::size_t>(result.stmts[i]->stmt_len));
        if (result.stmts[i]->stmt_len == 0) { end = sql.size(); }  // the last statement runs to the end
        // Text between statements is blank, except what the scanner leaves out: statements
        // without a keyword ("SELEC 1"), kept as one statement per gap.
        add_trimmed(sql, covered, begin, statements);
        add_trimmed(sql, begin, end, statements);
        covered = std::max(covered, end);
    }
    // The scanner returns nothing from an unclosed parenthesis on: the rest is one statement.
    if (result.error == nullptr) { add_trimmed(sql, covered, sql.size(), statements); }
    pg_query_free_split_result(result);
    return statements;
}

Body transaction_body(const std::string& sql) {
    Body body{0, sql.size(), false};
    std::vector<Statement> statements = split_statements(sql);
    if (statements.size() < 2 || !is_begin(sql, statements.front()) || !is_commit(sql, statements.back())) {
        return body;
    }
    for (std::size_t i = 1; i + 1 < statements.size(); ++i) {
        if (is_control(sql, statements[i])) { return body; }
    }
    const Statement& first = statements.front();
    std::size_t begin = sql.find(';', first.offset + first.length);
    begin = begin == std::string::npos ? first.offset + first.length : begin + 1;
    std::size_t end = statements.back().offset;
    return Body{begin, end > begin ? end - begin : 0, true};
}

}  // namespace runner
