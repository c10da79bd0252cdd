#pragma once
// PostgreSQL's own lexer (libpg_query's pg_query_scan): tokens with byte offsets,
// comments included. Used where text matters and the parse tree has no location:
// suppression comments, and where to insert IF NOT EXISTS in a rewritten statement.

#include <cstddef>
#include <string_view>
#include <vector>

namespace linter {

struct Token {
    std::size_t begin = 0;  ///< byte offset into the scanned text
    std::size_t end = 0;    ///< one past the last byte
    int kind = 0;           ///< pg_query.proto's Token number (e.g. 59 ';', 258 IDENT)
    int keyword = 0;        ///< pg_query.proto's KeywordKind; 0: not a keyword
    bool is_comment() const { return kind == k_sql_comment || kind == k_c_comment; }

    static constexpr int k_ident = 258;
    static constexpr int k_sql_comment = 275;
    static constexpr int k_c_comment = 276;
};

/// Tokens of `text` in order. When the lexer fails (e.g. an unterminated quote) the
/// result is empty: callers treat that as "unknown".
std::vector<Token> scan(std::string_view text);

/// True when the token is the keyword or identifier `word` (ASCII, case-insensitive).
bool token_is(std::string_view text, const Token& token, std::string_view word);

}  // namespace linter
