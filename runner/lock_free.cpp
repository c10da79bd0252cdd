#include "runner/lock_free.hpp"

#include <nlohmann/json.hpp>
#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <string_view>

namespace runner {
namespace {

using nlohmann::json;

// True when a string anywhere in the tree (relname, sval, colname, ...) names a relation of
// `existing`: such a statement may resolve a name to a pre-existing relation and lock it.
bool names_existing(const json& node, const std::unordered_set<std::string>& existing) {
    if (node.is_string()) { return existing.count(node.get_ref<const std::string&>()) > 0; }
    if (!node.is_structured()) { return false; }
    for (const json& child : node) {
        if (names_existing(child, existing)) { return true; }
    }
    return false;
}

// The kinds that name no relation and run no code: lock-free wherever they are.
bool free_anywhere(std::string_view kind) {
    // SET CONSTRAINTS is ConstraintsSetStmt
    return kind == "VariableSetStmt" || kind == "CreateEnumStmt" || kind == "AlterEnumStmt";
}

// CREATE INDEX on plain columns: on an empty table, nothing to compare or evaluate.
bool plain_index(const json& stmt) {
    if (stmt.value("concurrent", false) || stmt.contains("whereClause")) { return false; }
    for (const char* list : {"indexParams", "indexIncludingParams"}) {
        for (const json& param : stmt.value(list, json::array())) {
            const json& elem = param.value("IndexElem", json::object());
            if (!elem.contains("name") || elem.contains("expr") || elem.contains("opclass")) { return false; }
        }
    }
    return true;
}

// A constant default (evaluated once by ADD COLUMN): a literal, CURRENT_TIMESTAMP and the
// like, or a literal cast; the type's input function is built in (next).
bool constant(const json& expr) {
    if (expr.contains("A_Const") || expr.contains("SQLValueFunction")) { return true; }
    return expr.contains("TypeCast") && constant(expr["TypeCast"].value("arg", json::object()));
}

// ADD COLUMN whose type is built in (the parser qualifies SQL's type names with pg_catalog:
// INTEGER, BOOLEAN, TIMESTAMP, VARCHAR...) or an enum created earlier in the migration, with
// at most NOT NULL and a constant default: no domain check, no code runs on existing rows.
bool plain_column(const json& column, const std::unordered_set<std::string>& enums) {
    const json& names = column.value("typeName", json::object()).value("names", json::array());
    std::string first = names.empty() ? "" : names.front().value("String", json::object()).value("sval", "");
    std::string last = names.empty() ? "" : names.back().value("String", json::object()).value("sval", "");
    if (!(names.size() == 2 && first == "pg_catalog") && !(names.size() == 1 && enums.count(last) > 0)) {
        return false;
    }
    const json& constraints = column.value("constraints", json::array());
    return !column.contains("raw_default") && !column.contains("collClause") &&
           std::all_of(constraints.begin(), constraints.end(), [](const json& c) {
               std::string type = c.value("Constraint", json::object()).value("contype", "");
               return type == "CONSTR_NOTNULL" || type == "CONSTR_NULL" ||
                      (type == "CONSTR_DEFAULT" && constant(c["Constraint"].value("raw_expr", json::object())));
           });
}

// The actions of an ALTER TABLE that run no code and put no row anywhere on any table:
// catalog changes, and SET NOT NULL's scan for nulls.
bool code_free_action(const std::string& subtype, const json& alter, const std::unordered_set<std::string>& enums) {
    if (subtype == "AT_AddColumn") {
        return plain_column(alter.value("def", json::object()).value("ColumnDef", json::object()), enums);
    }
    return subtype == "AT_SetNotNull" || subtype == "AT_DropNotNull" || subtype == "AT_ColumnDefault" ||
           subtype == "AT_DropColumn" || subtype == "AT_DropConstraint";
}

// ALTER TABLE whose every action satisfies `allowed(subtype, AlterTableCmd)`.
bool alter_table_with(const json& stmt, const std::function<bool(const std::string&, const json&)>& allowed) {
    if (stmt.value("objtype", "") != "OBJECT_TABLE" || !stmt.contains("cmds")) { return false; }
    const json& cmds = stmt["cmds"];
    return std::all_of(cmds.begin(), cmds.end(), [&](const json& cmd) {
        const json& alter = cmd.value("AlterTableCmd", json::object());
        return allowed(alter.value("subtype", ""), alter);
    });
}

// The kinds whose only relation locks are on what they name, none pre-existing (checked by
// the caller), provided the statements before in the migration were lock-free or harmless:
// no relation was renamed, no code ran, the tables created in the migration are empty.
bool free_by_name(std::string_view kind, const json& stmt, const std::unordered_set<std::string>& enums) {
    if (kind == "CompositeTypeStmt" || kind == "CreateSeqStmt" || kind == "CommentStmt") { return true; }
    if (kind == "CreateSchemaStmt") { return !stmt.contains("schemaElts"); }
    if (kind == "CreateStmt") { return !stmt.contains("partbound"); }  // CREATE TABLE AS is CreateTableAsStmt
    if (kind == "IndexStmt") { return plain_index(stmt); }
    if (kind == "AlterTableStmt") {
        // On an empty table: no row to check, compare or evaluate. No DROP: dropping a foreign
        // key locks the table it references.
        return alter_table_with(stmt, [&](const std::string& subtype, const json& alter) {
            if (subtype == "AT_AddConstraint") {
                std::string type =
                    alter.value("def", json::object()).value("Constraint", json::object()).value("contype", "");
                return type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_FOREIGN";
            }
            return subtype != "AT_DropColumn" && subtype != "AT_DropConstraint" &&
                   code_free_action(subtype, alter, enums);
        });
    }
    return false;
}

// Statements that may lock a pre-existing relation but run no code, rename nothing and add
// no row: after them, the proofs by name still hold.
bool harmless(std::string_view kind, const json& stmt, const std::unordered_set<std::string>& enums) {
    if (kind == "DropStmt") {
        std::string type = stmt.value("removeType", "");
        return type == "OBJECT_TABLE" || type == "OBJECT_INDEX" || type == "OBJECT_SEQUENCE" || type == "OBJECT_VIEW" ||
               type == "OBJECT_TYPE";
    }
    if (kind == "CreateStmt") { return !stmt.contains("partbound"); }  // a foreign key's table: a trigger, no scan
    if (kind == "AlterTableStmt") {
        return alter_table_with(stmt, [&](const std::string& subtype, const json& alter) {
            return code_free_action(subtype, alter, enums);
        });
    }
    return false;
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
    if (first == "SET" || first == "RESET" || first == "COMMENT" || first == "DROP") { return true; }
    std::string second = word(at);
    if (first == "ALTER") { return second == "TYPE" || second == "TABLE"; }
    return first == "CREATE" &&
           (second == "TABLE" || second == "TYPE" || second == "SCHEMA" || second == "TEMP" || second == "TEMPORARY" ||
            second == "UNLOGGED" || second == "INDEX" || second == "UNIQUE" || second == "SEQUENCE");
}

}  // namespace

bool LockFreeProof::next(const std::string& sql) {
    bool free = false;
    bool harmless_too = false;
    if (may_be_lock_free(sql)) {
        PgQueryParseResult result = pg_query_parse(sql.c_str());
        if (result.error == nullptr && result.parse_tree != nullptr) {
            json tree = json::parse(result.parse_tree, nullptr, false);
            const json* stmts = tree.is_object() && tree.contains("stmts") ? &tree["stmts"] : nullptr;
            if (stmts != nullptr && stmts->size() == 1 && (*stmts)[0].contains("stmt") &&
                (*stmts)[0]["stmt"].size() == 1) {
                auto node = (*stmts)[0]["stmt"].begin();
                free = free_anywhere(node.key()) || (m_names_hold && free_by_name(node.key(), node.value(), m_enums) &&
                                                     !names_existing(node.value(), m_existing));
                harmless_too = harmless(node.key(), node.value(), m_enums);
                if (node.key() == "CreateEnumStmt" && !node.value().value("typeName", json::array()).empty()) {
                    m_enums.insert(node.value()["typeName"].back().value("String", json::object()).value("sval", ""));
                }
            }
        }
        pg_query_free_parse_result(result);
    }
    m_names_hold = m_names_hold && (free || harmless_too);
    return free;
}

bool lock_free(const std::string& sql, const std::unordered_set<std::string>& existing) {
    return LockFreeProof(existing).next(sql);
}

}  // namespace runner
