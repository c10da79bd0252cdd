#include "linter/rules/idempotency_guards.hpp"

#include "linter/rules/common.hpp"

#include <algorithm>
#include <cctype>

namespace linter::rules {
namespace {

struct DropType {
    std::string_view remove_type;
    std::string_view key;
    std::vector<std::string_view> words;
};

const std::vector<DropType>& drop_types() {
    static const std::vector<DropType> types = {
        {"OBJECT_TABLE", "table", {"TABLE"}},
        {"OBJECT_VIEW", "view", {"VIEW"}},
        {"OBJECT_MATVIEW", "matview", {"MATERIALIZED", "VIEW"}},
        {"OBJECT_INDEX", "index", {"INDEX"}},
        {"OBJECT_SEQUENCE", "sequence", {"SEQUENCE"}},
        {"OBJECT_FOREIGN_TABLE", "table", {"FOREIGN", "TABLE"}},
        {"OBJECT_TYPE", "type", {"TYPE"}},
        {"OBJECT_DOMAIN", "type", {"DOMAIN"}},
        {"OBJECT_SCHEMA", "schema", {"SCHEMA"}},
        {"OBJECT_EXTENSION", "extension", {"EXTENSION"}},
        {"OBJECT_FUNCTION", "function", {"FUNCTION"}},
        {"OBJECT_PROCEDURE", "function", {"PROCEDURE"}},
        {"OBJECT_ROUTINE", "function", {"ROUTINE"}},
        {"OBJECT_AGGREGATE", "aggregate", {"AGGREGATE"}},
        {"OBJECT_TRIGGER", "trigger", {"TRIGGER"}},
        {"OBJECT_POLICY", "policy", {"POLICY"}},
        {"OBJECT_RULE", "rule", {"RULE"}},
        {"OBJECT_COLLATION", "collation", {"COLLATION"}},
        {"OBJECT_PUBLICATION", "publication", {"PUBLICATION"}},
        {"OBJECT_STATISTIC_EXT", "statistics", {"STATISTICS"}},
        {"OBJECT_EVENT_TRIGGER", "event-trigger", {"EVENT", "TRIGGER"}},
        {"OBJECT_SERVER", "server", {"SERVER"}},
        {"OBJECT_OPERATOR", "operator", {"OPERATOR"}},
        {"OBJECT_CAST", "cast", {"CAST"}},
    };
    return types;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// The object's name (last name component) and, for objects on a table, the table.
void object_name(std::string_view key, Node object, std::string& name, std::string& table) {
    std::vector<std::string_view> names;
    if (Node list = object["List"]) {
        names = list["items"].names();
    } else if (Node type = object["TypeName"]) {
        names = type["names"].names();
    } else if (Node with_args = object["ObjectWithArgs"]) {
        names = with_args["objname"].names();
    } else if (Node string = object["String"]) {
        names = {string["sval"].str()};
    }
    if (names.empty()) { return; }
    name = std::string(names.back());
    if ((key == "trigger" || key == "policy" || key == "rule") && names.size() >= 2) {
        table = std::string(names[names.size() - 2]);
    }
}

}  // namespace

std::string guard_key(std::string_view type, std::string_view name, std::string_view table) {
    std::string_view bare = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
    std::string_view bare_table = table.substr(table.rfind('.') == std::string_view::npos ? 0 : table.rfind('.') + 1);
    return lower(type) + ":" + lower(bare) + (table.empty() ? "" : ":" + lower(bare_table));
}

std::string_view drop_key_type(std::string_view remove_type) {
    for (const DropType& type : drop_types()) {
        if (type.remove_type == remove_type) { return type.key; }
    }
    return {};
}

std::vector<std::string_view> drop_words(std::string_view remove_type) {
    for (const DropType& type : drop_types()) {
        if (type.remove_type == remove_type) { return type.words; }
    }
    return {};
}

std::vector<std::string> dropped_if_exists(const Statement& statement) {
    std::vector<std::string> keys;
    Node node = statement.node.inner();
    if (statement.kind == "DropStmt" && node["missing_ok"].boolean()) {
        std::string_view key = drop_key_type(node["removeType"].str());
        for (const Node& object : node["objects"].items()) {
            std::string name;
            std::string table;
            object_name(key, object, name, table);
            if (!key.empty() && !name.empty()) { keys.push_back(guard_key(key, name, table)); }
        }
    } else if (statement.kind == "DropRoleStmt" && node["missing_ok"].boolean()) {
        for (const Node& role : node["roles"].items()) {
            keys.push_back(guard_key("role", role["RoleSpec"]["rolename"].str()));
        }
    } else if (statement.kind == "AlterTableStmt") {
        std::string table = relation_name(node["relation"]);
        for (const Node& cmd : table_commands(statement)) {
            if (cmd["subtype"].str() == "AT_DropConstraint" && cmd["missing_ok"].boolean()) {
                keys.push_back(guard_key("constraint", cmd["name"].str(), table));
            }
        }
    }
    return keys;
}

namespace {

// A DO block's body in lower case, each run of blanks one space (ASCII, as std::tolower and
// std::isspace in the C locale), in one pass: bodies are whole functions, and this rule ran
// 144,000 instructions a block on harbor's (callgrind).
std::string collapsed_body(const Statement& statement) {
    std::string_view body;
    for (const Node& arg : statement.node.inner()["args"].items()) {
        if (arg["DefElem"]["defname"].str() == "as") { body = arg["DefElem"]["arg"]["String"]["sval"].str(); }
    }
    std::string collapsed;
    collapsed.reserve(body.size());
    for (char c : body) {
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
        if (space && (collapsed.empty() || collapsed.back() == ' ')) { continue; }
        collapsed += space ? ' ' : (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return collapsed;
}

}  // namespace

std::string unguarded_in_do_block(const Statement& statement) {
    if (statement.kind != "DoStmt") { return {}; }
    std::string collapsed = collapsed_body(statement);
    static const std::vector<std::pair<std::string_view, std::string_view>> k_creates = {
        {"create type ", "CREATE TYPE"},          {"create domain ", "CREATE DOMAIN"},
        {"create policy ", "CREATE POLICY"},      {"create role ", "CREATE ROLE"},
        {"create user ", "CREATE USER"},          {"add constraint ", "ADD CONSTRAINT"},
        {"create table ", "CREATE TABLE"},        {"create index ", "CREATE INDEX"},
        {"create unique index ", "CREATE INDEX"}, {"create trigger ", "CREATE TRIGGER"},
        {"create schema ", "CREATE SCHEMA"},      {"add column ", "ADD COLUMN"},
    };
    std::string_view created;  // the first kind whose first occurrence has no IF NOT EXISTS
    for (const auto& [text, what] : k_creates) {
        std::size_t at = collapsed.find(text);
        if (at == std::string::npos) { continue; }
        std::string_view after = std::string_view(collapsed).substr(at + text.size());
        if (after.substr(0, 14) == "if not exists ") { continue; }
        created = what;
        break;
    }
    if (created.empty()) { return {}; }  // most blocks: no guard needs looking for
    static const std::vector<std::string_view> k_guards = {
        "exception when", "duplicate_object", "pg_catalog", "pg_type",    "pg_constraint",  "pg_policy",
        "pg_policies",    "pg_roles",         "pg_authid",  "pg_class",   "pg_namespace",   "pg_trigger",
        "pg_proc",        "pg_enum",          "pg_indexes", "pg_tables",  "pg_attribute",   "information_schema",
        "to_regclass",    "to_regtype",       "to_regproc", "to_regrole", "to_regnamespace"};
    for (std::string_view guard : k_guards) {
        if (collapsed.find(guard) != std::string::npos) { return {}; }
    }
    return std::string(created);
}

}  // namespace linter::rules
