#include "linter/parse.hpp"

#include "linter/stack.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include <cstdio>

namespace linter {
namespace {

// Pieces of about 128 KiB: see bench/README.md "One big file" for the measurements.
constexpr std::size_t k_piece_bytes = std::size_t{128} << 10;

std::size_t trim_end(std::string_view text, std::size_t begin, std::size_t end) {
    while (end > begin &&
           (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t' || text[end - 1] == '\r')) {
        --end;
    }
    return end;
}

std::string describe_byte(std::string_view text, std::size_t at) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[at]));
    return text[at] == '\0' ? std::string("a NUL byte") : "byte " + std::string(hex);
}

// Statement::created_schema and created_table, from the node's RangeVar.
void set_created_table(Statement& statement) {
    Node relation;
    if (statement.kind == "CreateStmt") {
        relation = statement.node.inner()["relation"];
    } else if (statement.kind == "CreateTableAsStmt") {
        relation = statement.node.inner()["into"]["rel"];
    } else if (statement.kind == "SelectStmt") {
        relation = statement.node.inner()["intoClause"]["rel"];
    }
    if (!relation) { return; }
    statement.created_schema = relation["schemaname"].str();
    statement.created_table = relation["relname"].str();
}

}  // namespace

std::size_t byte_offset_of_char(std::string_view text, int cursor) {
    std::size_t at = 0;
    for (int chars = 1; chars < cursor && at < text.size(); ++chars) {
        ++at;
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) { ++at; }
    }
    return at;
}

std::string_view parser_pg_version() { return PG_VERSION; }

int parser_pg_major() { return std::atoi(PG_MAJORVERSION); }

std::size_t default_piece_bytes() {
    const char* value = std::getenv("SCHEMAGATE_PARSE_PIECE_BYTES");
    long long bytes = value != nullptr ? std::atoll(value) : 0;
    return bytes > 0 ? static_cast<std::size_t>(bytes) : k_piece_bytes;
}

bool Parser::read_tree(ParsedFile& file, const char* json, simdjson::dom::document& document,
                       simdjson::dom::element& root) {
    std::size_t length = std::strlen(json);
    simdjson::error_code json_error = m_json.parse_into_document(document, json, length).get(root);
    if (json_error == simdjson::DEPTH_ERROR) {
        // A deep expression: every level opens a container, so the text's length bounds
        // the depth. Kept for the next files (address space; touched only as deep as used).
        json_error = m_json.allocate(std::max(length, m_json.capacity()), length / 2 + 1);
        if (json_error == simdjson::SUCCESS) {
            json_error = m_json.parse_into_document(document, json, length).get(root);
        }
    }
    if (json_error != simdjson::SUCCESS) {
        file.error = {std::string("cannot read the parse tree: ") + simdjson::error_message(json_error), {1, 1}};
        return false;
    }
    return true;
}

bool Parser::parse_piece(ParsedFile& file, Piece piece, simdjson::dom::document& document) {
    std::string_view text = file.text.substr(piece.begin, piece.end - piece.begin);
    m_buffer.assign(text);
    PgQueryParseResult result = pg_query_parse(m_buffer.c_str());
    if (result.error != nullptr) {
        int cursor = result.error->cursorpos;  // 0: no position, the file's start as before
        std::size_t at = cursor > 0 ? piece.begin + byte_offset_of_char(text, cursor) : 0;
        file.error = {result.error->message, file.lines.at(at), true};
        pg_query_free_parse_result(result);
        return false;
    }
    simdjson::dom::element root;
    bool read = read_tree(file, result.parse_tree, document, root);
    pg_query_free_parse_result(result);
    if (!read) { return false; }
    for (const Node& entry : Node(root, static_cast<std::int64_t>(piece.begin))["stmts"].items()) {
        Statement statement;
        statement.node = entry["stmt"];
        statement.kind = statement.node.kind();
        set_created_table(statement);
        std::size_t location = piece.begin + static_cast<std::size_t>(entry["stmt_location"].integer());
        auto length = static_cast<std::size_t>(entry["stmt_len"].integer());
        std::size_t end = length == 0 ? piece.end : std::min(piece.end, location + length);
        statement.begin = core::skip_blanks_and_comments(file.text, location, end);
        statement.end = std::max(statement.begin, trim_end(file.text, statement.begin, end));
        statement.start = file.lines.at(statement.begin);
        statement.last = file.lines.at(statement.end > statement.begin ? statement.end - 1 : statement.begin);
        file.statements.push_back(statement);
    }
    return true;
}

bool Parser::parse_alone(ParsedFile& file, Piece piece, simdjson::dom::document& document) {
    std::string_view text = file.text.substr(piece.begin, piece.end - piece.begin);
    bool parsed = false;
    auto parse = [&] { parsed = parse_piece(file, piece, document); };
    if (run_with_stack(parse_stack_bytes(text), parse)) { return parsed; }
    // The whole text's bound could not be reserved: its longest statement's.
    std::size_t stack = parse_stack_bytes_by_statement(text);
    if (run_with_stack(stack, parse)) { return parsed; }
    file.error = {"statement too deeply nested for the linter: no thread with " + std::to_string(stack >> 20) +
                      " MiB of stack could be made to parse it",
                  {1, 1}};
    return false;
}

std::vector<Parser::Piece> Parser::split(std::string_view text) {
    std::vector<Piece> pieces;
    if (text.size() > m_piece_bytes) {
        m_buffer.assign(text);
        PgQuerySplitResult result = pg_query_split_with_scanner(m_buffer.c_str());
        std::size_t begin = 0;
        for (int i = 0; result.error == nullptr && i < result.n_stmts; ++i) {
            std::size_t semicolon = static_cast<std::size_t>(result.stmts[i]->stmt_location) +
                                    static_cast<std::size_t>(result.stmts[i]->stmt_len);
            // A cut right after a ';' token and before a blank, so that no node of the next
            // piece is at its offset 0 (a location libpg_query leaves out).
            bool cut = result.stmts[i]->stmt_len > 0 && semicolon + 1 < text.size() && text[semicolon] == ';' &&
                       std::string_view(" \t\r\n").find(text[semicolon + 1]) != std::string_view::npos;
            if (cut && semicolon + 1 - begin >= m_piece_bytes) {
                pieces.push_back({begin, semicolon + 1});
                begin = semicolon + 1;
            }
        }
        pg_query_free_split_result(result);
        if (begin > 0) { pieces.push_back({begin, text.size()}); }
    }
    if (pieces.empty()) { pieces.push_back({0, text.size()}); }
    return pieces;
}

simdjson::dom::document& Parser::document() {
    if (m_used == m_documents.size()) { m_documents.push_back(std::make_unique<simdjson::dom::document>()); }
    return *m_documents[m_used++];
}

std::size_t Parser::parse_pieces(ParsedFile& file, const std::vector<Piece>& pieces, std::size_t longest) {
    std::size_t next = 0;
    while (next < pieces.size()) {
        Piece piece = pieces[next];
        std::size_t after = next + 1;
        simdjson::dom::document& into = document();
        while (!parse_piece(file, piece, into)) {
            // A cut inside a statement (BEGIN ATOMIC ... END has ';' inside): the piece ends
            // too early. Joined with the next one, up to a length the stack is sized for.
            bool cut = file.error.message.ends_with("at end of input");
            if (!cut || after == pieces.size() || pieces[after].end - piece.begin > longest) { return next; }
            piece.end = pieces[after++].end;
        }
        next = after;
    }
    return next;
}

// JSON bytes a parser's buffers may stay sized for between files. A larger file (a schema
// dump's piece, pg-regress) leaves ~10x its JSON in simdjson's buffers: kept, they would hold
// that to the end of the run on every worker (21 MiB of a 10,000-file lint's peak).
constexpr std::size_t k_kept_json_bytes = std::size_t{1} << 20;

void Parser::release_large_buffers() {
    if (m_json.capacity() > k_kept_json_bytes) { m_json = simdjson::dom::parser(); }
    std::erase_if(m_documents, [](const std::unique_ptr<simdjson::dom::document>& document) {
        return document->capacity() > k_kept_json_bytes;
    });
    if (m_buffer.capacity() > k_kept_json_bytes) { std::string().swap(m_buffer); }
}

ParsedFile Parser::parse(std::string_view text) {
    release_large_buffers();  // the last file's tree is not used any more
    ParsedFile file;
    file.text = text;
    file.lines = core::LineIndex(text);
    std::size_t bad = 0;
    if (!core::is_text(text, &bad)) {
        file.error = {
            "the file is not UTF-8 text (" + describe_byte(text, bad) + "): save it as UTF-8 without NUL bytes",
            file.lines.at(bad)};
        return file;
    }
    std::vector<Piece> pieces = split(text);
    m_used = 0;
    std::size_t next = 0;  // pieces[next] is the first not parsed
    if (pieces.size() > 1) {
        std::size_t longest = 0;
        for (const Piece& piece : pieces) { longest = std::max(longest, piece.end - piece.begin); }
        run_with_stack(parse_stack_bytes(2 * longest), [&] { next = parse_pieces(file, pieces, 2 * longest); });
    }
    if (next < pieces.size()) {
        // A piece that did not parse alone: the rest of the file at once, which gives the
        // whole file's parse error (all before it parsed) or heals a long cut statement.
        file.error = {};
        if (!parse_alone(file, {pieces[next].begin, text.size()}, document())) { return file; }
    }
    m_documents.resize(m_used);  // those of an earlier, larger file freed
    file.ok = true;
    return file;
}

}  // namespace linter
