#pragma once
// Splitting migration text into statements with libpg_query, so that the runner can
// tell which statement failed and recognise a file wholly wrapped in BEGIN ... COMMIT.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace runner {

/// One statement: byte offset and length in the text, leading whitespace and comments
/// skipped, the terminating semicolon excluded.
struct Statement {
    std::size_t offset = 0;
    std::size_t length = 0;
};

/// The statements of `sql`: pg_query_split_with_parser, or pg_query_split_with_scanner when
/// the text does not parse. Empty statements (comments only) are dropped.
std::vector<Statement> split_statements(const std::string& sql);

/// The part of a file the runner executes inside its own transaction.
struct Body {
    std::size_t offset = 0;  ///< byte offset of the body in the file's text
    std::size_t length = 0;
    bool wrapped = false;  ///< the file was `BEGIN; ... COMMIT;`: the body is what lies between
};

/// The body of a file: the whole text, or for a file whose first statement is BEGIN /
/// START TRANSACTION and last is COMMIT / END (and no other transaction control), the
/// text between them.
Body transaction_body(const std::string& sql);

}  // namespace runner
