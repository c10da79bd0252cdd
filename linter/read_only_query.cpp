#include "linter/read_only_query.hpp"

#include "linter/parse.hpp"

#include <array>

namespace linter {

std::optional<std::string> read_only_query_problem(std::string_view sql) {
    Parser parser;
    ParsedFile parsed = parser.parse(sql);
    if (!parsed.ok) { return "it does not parse: " + parsed.error.message; }
    if (parsed.statements.size() != 1) {
        return "it holds " + std::to_string(parsed.statements.size()) + " statements, not exactly one SELECT";
    }
    const Statement& statement = parsed.statements.front();
    if (statement.kind != "SelectStmt") { return "it is a " + std::string(statement.kind) + ", not a SELECT"; }
    constexpr std::array<std::string_view, 4> k_writes = {"InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"};
    for (std::string_view kind : k_writes) {
        if (statement.node.contains(kind)) { return "it modifies data (" + std::string(kind) + " in a WITH clause)"; }
    }
    if (statement.node.contains("intoClause")) { return "SELECT INTO creates a table"; }
    if (statement.node.contains("lockingClause")) { return "FOR UPDATE/SHARE locks rows"; }
    return std::nullopt;
}

}  // namespace linter
