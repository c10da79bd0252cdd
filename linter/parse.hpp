#pragma once
// Parsing a migration with libpg_query (PostgreSQL's own parser, of the version
// parser_pg_version() names: 17 when built as the README says) into statements
// with exact spans. The parse tree is read with simdjson from pg_query_parse's JSON,
// which measured faster than the protobuf path (see bench/README.md). The JSON may
// nest as deep as the SQL: the depth limit grows to fit, and Node walks it without
// recursion. A large file (a schema dump) is parsed in pieces of whole statements, so
// that time and memory grow linearly with it (bench/big_file.sh); locations stay
// offsets into the whole file.

#include "core/finding.hpp"
#include "core/text.hpp"
#include "linter/node.hpp"

#include <simdjson.h>

#include <memory>
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
    /// The table the statement creates (CREATE TABLE, CREATE TABLE AS, SELECT INTO): its
    /// schema ("" when unqualified) and name; both "" for other statements. Read once here
    /// for the two dozen rules that skip the tables their own file created.
    std::string_view created_schema;
    std::string_view created_table;
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

/// Bytes of SQL above which a file is parsed in pieces of about this size: 128 KiB, or
/// the environment's SCHEMAGATE_PARSE_PIECE_BYTES (bench/big_file.sh, tests).
std::size_t default_piece_bytes();

/// Reusable parser (one per thread): keeps simdjson's buffers between files.
class Parser {
public:
    /// `piece_bytes`: a file longer than this is split at statement boundaries (libpg_query's
    /// scanner) into pieces of about this many bytes, each parsed alone; the findings, their
    /// positions and any parse error are the same as from parsing the whole file at once.
    explicit Parser(std::size_t piece_bytes = default_piece_bytes()) : m_piece_bytes(piece_bytes) {}

    /// Parses `text` (which must outlive the result). Text that is not UTF-8 or has a
    /// NUL byte is a parse error at that byte, never a crash. Any depth of nesting
    /// parses: on a thread with enough stack (stack.hpp) when the caller's is too small.
    ParsedFile parse(std::string_view text);

private:
    /// Bytes [begin, end) of the parsed text.
    struct Piece {
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    /// The pieces of `text`: the whole text when it is short or the scanner rejects it.
    std::vector<Piece> split(std::string_view text);
    /// Parses `piece` into `document`, appending its statements to `file` (on the calling
    /// thread); false with `file.error` set when it does not parse.
    bool parse_piece(ParsedFile& file, Piece piece, simdjson::dom::document& document);
    /// parse_piece of each piece in turn, a piece cut inside a statement joined with the next
    /// ones while no longer than `longest` bytes; returns the index of the first not parsed.
    std::size_t parse_pieces(ParsedFile& file, const std::vector<Piece>& pieces, std::size_t longest);
    /// Frees the buffers a large earlier file left (simdjson's, the SQL copy), so that they
    /// are not held to the end of the run.
    void release_large_buffers();
    /// A document for the next piece, kept until the next parse.
    simdjson::dom::document& document();
    /// parse_piece on a thread with stack enough for any statement of `piece`.
    bool parse_alone(ParsedFile& file, Piece piece, simdjson::dom::document& document);
    /// Reads libpg_query's JSON into `document`; false with `file.error` set when it cannot.
    bool read_tree(ParsedFile& file, const char* json, simdjson::dom::document& document, simdjson::dom::element& root);

    std::size_t m_piece_bytes;
    simdjson::dom::parser m_json;
    /// One per piece of the last parse: a ParsedFile's nodes point into them.
    std::vector<std::unique_ptr<simdjson::dom::document>> m_documents;
    std::size_t m_used = 0;  ///< of m_documents, by the last parse
    std::string m_buffer;
};

/// Byte offset of the 1-based character position `cursor` (PostgreSQL's cursorpos).
std::size_t byte_offset_of_char(std::string_view text, int cursor);

}  // namespace linter
