#pragma once
// Parsing a migration with libpg_query (PostgreSQL's own parser, of the version
// parser_pg_version() names: 17 when built as the README says) into statements
// with exact spans. The parse tree is read with simdjson from pg_query_parse's JSON,
// which measured faster than the protobuf path (see bench/README.md). The JSON may
// nest as deep as the SQL: the depth limit grows to fit, and Node walks it without
// recursion.

#include "core/finding.hpp"
#include "core/text.hpp"
#include "linter/node.hpp"

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace linter {

/// One top-level statement. Offsets are bytes into ParsedFile::text; `begin` is the
/// first byte of the statement itself (leading blanks and comments skipped), `end` is
/// one past its last byte (before the terminating ';').
struct Statement {
    Node node;              ///< the wrapper node, e.g. {"CreateStmt": {...}}
    std::string_view kind;  ///< "CreateStmt", "IndexStmt", ...
    std::size_t begin = 0;
    std::size_t end = 0;
    core::Position start;  ///< position of `begin`
    core::Position last;   ///< position of the statement's last character
};

/// Why a file did not parse: the parser's message at a position.
struct ParseFailure {
    std::string message;
    core::Position at;
    /// True when the grammar rejected the text (a newer PostgreSQL may accept it); false
    /// when it is not text or its tree could not be read.
    bool syntax = false;
};

/// The PostgreSQL version whose grammar the linked libpg_query parses: pg_query.h's
/// PG_VERSION ("17.4") and PG_MAJORVERSION (17).
std::string_view parser_pg_version();
int parser_pg_major();

/// A parsed migration. Nodes point into `parser`'s document: a ParsedFile must not
/// outlive the Parser that made it, nor be used after that Parser's next parse.
struct ParsedFile {
    std::string_view text;
    core::LineIndex lines{""};
    std::vector<Statement> statements;
    bool ok = false;
    ParseFailure error;  ///< when !ok
};

/// Reusable parser (one per thread): keeps simdjson's buffers between files.
class Parser {
public:
    /// Parses `text` (which must outlive the result). Text that is not UTF-8 or has a
    /// NUL byte is a parse error at that byte, never a crash. Any depth of nesting
    /// parses: on a thread with enough stack (stack.hpp) when the caller's is too small.
    ParsedFile parse(std::string_view text);

private:
    /// Parses m_buffer into `root`; false with `file.error` set when it does not parse.
    bool parse_tree(ParsedFile& file, simdjson::dom::element& root);

    simdjson::dom::parser m_json;
    std::string m_buffer;
};

/// Byte offset of the 1-based character position `cursor` (PostgreSQL's cursorpos).
std::size_t byte_offset_of_char(std::string_view text, int cursor);

}  // namespace linter
