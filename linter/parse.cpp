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

bool Parser::parse_tree(ParsedFile& file, simdjson::dom::element& root) {
    PgQueryParseResult result = pg_query_parse(m_buffer.c_str());
    if (result.error != nullptr) {
        std::size_t at = byte_offset_of_char(file.text, result.error->cursorpos);
        file.error = {result.error->message, file.lines.at(at), true};
        pg_query_free_parse_result(result);
        return false;
    }
    std::size_t length = std::strlen(result.parse_tree);
    simdjson::error_code json_error = m_json.parse(result.parse_tree, length).get(root);
    if (json_error == simdjson::DEPTH_ERROR) {
        // A deep expression: every level opens a container, so the text's length bounds
        // the depth. Kept for the next files (address space; touched only as deep as used).
        json_error = m_json.allocate(std::max(length, m_json.capacity()), length / 2 + 1);
        if (json_error == simdjson::SUCCESS) { json_error = m_json.parse(result.parse_tree, length).get(root); }
    }
    pg_query_free_parse_result(result);
    if (json_error != simdjson::SUCCESS) {
        file.error = {std::string("cannot read the parse tree: ") + simdjson::error_message(json_error), {1, 1}};
        return false;
    }
    return true;
}

ParsedFile Parser::parse(std::string_view text) {
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
    m_buffer.assign(text);
    simdjson::dom::element root;
    bool parsed = false;
    auto parse = [&] { parsed = parse_tree(file, root); };
    bool ran = run_with_stack(parse_stack_bytes(text), parse);
    if (!ran) {  // the whole file's bound could not be reserved: its longest statement's
        std::size_t stack = parse_stack_bytes_by_statement(text);
        ran = run_with_stack(stack, parse);
        if (!ran) {
            file.error = {"statement too deeply nested for the linter: no thread with " + std::to_string(stack >> 20) +
                              " MiB of stack could be made to parse it",
                          {1, 1}};
        }
    }
    if (!parsed) { return file; }
    for (const Node& entry : Node(root)["stmts"].items()) {
        Statement statement;
        statement.node = entry["stmt"];
        statement.kind = statement.node.kind();
        auto location = static_cast<std::size_t>(entry["stmt_location"].integer());
        auto length = static_cast<std::size_t>(entry["stmt_len"].integer());
        std::size_t end = length == 0 ? text.size() : std::min(text.size(), location + length);
        statement.begin = core::skip_blanks_and_comments(text, location, end);
        statement.end = std::max(statement.begin, trim_end(text, statement.begin, end));
        statement.start = file.lines.at(statement.begin);
        statement.last = file.lines.at(statement.end > statement.begin ? statement.end - 1 : statement.begin);
        file.statements.push_back(statement);
    }
    file.ok = true;
    return file;
}

}  // namespace linter
