#include "runner/lock_free.hpp"

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include <cctype>
#include <string_view>

namespace runner {
namespace {

// True when a string anywhere in the tree (relname, sval, colname, ...) names a relation of
// `existing`: such a statement may resolve a name to a pre-existing relation and lock it.
bool names_existing(const nlohmann::json& node, const std::unordered_set<std::string>& existing) {
    if (node.is_string()) { return existing.count(node.get_ref<const std::string&>()) > 0; }
    if (!node.is_structured()) { return false; }
    for (const nlohmann::json& child : node) {
        if (names_existing(child, existing)) { return true; }
    }
    return false;
}

// The statement kinds whose only relation locks are on what they name (no code runs).
bool lock_free_kind(std::string_view kind, const nlohmann::json& stmt) {
    if (kind == "VariableSetStmt" || kind == "CreateEnumStmt" || kind == "AlterEnumStmt" ||
        kind == "CompositeTypeStmt") {
        return true;  // SET CONSTRAINTS is ConstraintsSetStmt
    }
    if (kind == "CreateSchemaStmt") { return !stmt.contains("schemaElts"); }
    return kind == "CreateStmt";  // CREATE TABLE AS is CreateTableAsStmt
}

// The words a lock-free statement can start with: the others are not parsed at all.
bool may_be_lock_free(const std::string& sql) {
    auto word = [&](std::size_t& at) {
        while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) { ++at; }
        std::string out;
        for (; at < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[at])) || sql[at] == '_'); ++at) {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[at])));
        }
        return out;
    };
    std::size_t at = 0;
    std::string first = word(at);
    if (first == "SET" || first == "RESET") { return true; }
    std::string second = word(at);
    if (first == "ALTER") { return second == "TYPE"; }
    return first == "CREATE" && (second == "TABLE" || second == "TYPE" || second == "SCHEMA" || second == "TEMP" ||
                                 second == "TEMPORARY" || second == "UNLOGGED");
}

}  // namespace

bool lock_free(const std::string& sql, const std::unordered_set<std::string>& existing) {
    if (!may_be_lock_free(sql)) { return false; }
    PgQueryParseResult result = pg_query_parse(sql.c_str());
    bool free = false;
    if (result.error == nullptr && result.parse_tree != nullptr) {
        nlohmann::json tree = nlohmann::json::parse(result.parse_tree, nullptr, false);
        const nlohmann::json* stmts = tree.is_object() && tree.contains("stmts") ? &tree["stmts"] : nullptr;
        if (stmts != nullptr && stmts->size() == 1 && (*stmts)[0].contains("stmt") && (*stmts)[0]["stmt"].size() == 1) {
            auto node = (*stmts)[0]["stmt"].begin();
            free = lock_free_kind(node.key(), node.value()) && !names_existing(node.value(), existing);
        }
    }
    pg_query_free_parse_result(result);
    return free;
}

}  // namespace runner
