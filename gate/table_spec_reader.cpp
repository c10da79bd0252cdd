#include "gate/table_spec_reader.hpp"

#include "gate/type_names.hpp"

namespace gate::detail {
namespace {

const std::vector<std::string> k_table_keys = {"required",    "optional", "columns",      "rls",
                                               "primary_key", "unique",   "foreign_keys", "indexes"};
const std::vector<std::string> k_column_keys = {"type", "nullable", "default"};
const std::vector<std::string> k_foreign_key_keys = {"columns", "references"};
const std::vector<std::string> k_reference_keys = {"table", "columns"};
const std::vector<std::string> k_index_keys = {"name", "columns", "unique"};

ColumnSpec read_column(const YamlReader& reader, const YAML::Node& key, const YAML::Node& value,
                       const std::string& table) {
    ColumnSpec column;
    column.name = reader.located_scalar(key, "a column name");
    std::string where = "column " + column.name.value + " of table " + table;
    if (value.IsScalar()) {  // shorthand: `email: text`
        Located<std::string> type = reader.located_scalar(value, "the type of " + where);
        type.value = normalize_type(type.value);
        column.type = type;
        return column;
    }
    reader.expect_map(value, where);
    reader.check_keys(value, k_column_keys, where);
    if (value["type"]) {
        Located<std::string> type = reader.located_scalar(value["type"], "'type' of " + where);
        type.value = normalize_type(type.value);
        column.type = type;
    }
    if (value["nullable"]) { column.nullable = reader.boolean(value["nullable"], "'nullable' of " + where); }
    if (value["default"]) {
        const YAML::Node& node = value["default"];
        if (node.IsNull()) {
            column.default_expr = Located<std::string>{"", start_of(node), end_of(node)};
        } else {
            column.default_expr = reader.located_scalar(node, "'default' of " + where);
        }
    }
    return column;
}

/// "users(id)", "auth.users(id, org_id)" or "users" (any referenced columns).
void parse_reference(const YamlReader& reader, const YAML::Node& node, ForeignKeySpec& fk) {
    if (node.IsMap()) {
        reader.check_keys(node, k_reference_keys, "'references'");
        if (!node["table"]) { reader.fail(node, "'references' needs 'table'"); }
        fk.ref_table = parse_qualified_name(reader.scalar(node["table"], "'table'"));
        if (node["columns"]) { fk.ref_columns = reader.name_list(node["columns"], "'columns'"); }
        return;
    }
    std::string text = reader.scalar(node, "'references'");
    std::size_t open = text.find('(');
    std::size_t close = text.rfind(')');
    if (open == std::string::npos) {
        fk.ref_table = parse_qualified_name(text);
        return;
    }
    if (close == std::string::npos || close < open || open == 0) {
        reader.fail(node, "foreign key reference '" + text + "' must be written as table(column, ...)");
    }
    std::string name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') { name.pop_back(); }
    fk.ref_table = parse_qualified_name(name);
    std::string list = text.substr(open + 1, close - open - 1) + ",";
    for (std::size_t at = 0, comma; (comma = list.find(',', at)) != std::string::npos; at = comma + 1) {
        std::string column = list.substr(at, comma - at);
        column.erase(0, column.find_first_not_of(' '));
        column.erase(column.find_last_not_of(' ') + 1);
        if (column.size() >= 2 && column.front() == '"' && column.back() == '"') {
            column = column.substr(1, column.size() - 2);
        }
        if (column.empty()) { reader.fail(node, "foreign key reference '" + text + "' has an empty column name"); }
        fk.ref_columns.push_back(column);
    }
}

void read_foreign_keys(const YamlReader& reader, const YAML::Node& node, const std::string& table, TableSpec& out) {
    if (node.IsNull()) { return; }
    if (!node.IsSequence()) {
        reader.fail(node, "'foreign_keys' of table " + table + " must be a list of {columns, references}");
    }
    for (const auto& item : node) {
        if (!item.IsMap()) {
            reader.fail(item, "a foreign key must be a mapping {columns: [...], references: table(...)}");
        }
        reader.check_keys(item, k_foreign_key_keys, "a foreign key of table " + table);
        ForeignKeySpec fk;
        fk.start = start_of(item);
        fk.end = fk.start;
        if (!item["columns"] || !item["references"]) {
            reader.fail(item, "a foreign key of table " + table + " needs 'columns' and 'references'");
        }
        fk.columns = reader.name_list(item["columns"], "'columns'");
        parse_reference(reader, item["references"], fk);
        out.foreign_keys.push_back(std::move(fk));
    }
}

void read_indexes(const YamlReader& reader, const YAML::Node& node, const std::string& table, TableSpec& out) {
    if (node.IsNull()) { return; }
    if (!node.IsSequence()) { reader.fail(node, "'indexes' of table " + table + " must be a list"); }
    for (const auto& item : node) {
        IndexSpec index;
        index.start = start_of(item);
        index.end = end_of(item);
        if (item.IsScalar()) {
            index.name = item.Scalar();
        } else if (item.IsMap()) {
            reader.check_keys(item, k_index_keys, "an index of table " + table);
            if (item["name"]) { index.name = reader.scalar(item["name"], "'name'"); }
            if (item["columns"]) { index.columns = reader.name_list(item["columns"], "'columns'"); }
            if (item["unique"]) { index.unique = reader.boolean(item["unique"], "'unique'").value; }
            if (index.name.empty() && index.columns.empty()) {
                reader.fail(item, "an index of table " + table + " needs 'name' or 'columns'");
            }
        } else {
            reader.fail(item, "an index must be a name or {name, columns, unique}");
        }
        out.indexes.push_back(std::move(index));
    }
}

void read_unique(const YamlReader& reader, const YAML::Node& node, const std::string& table, TableSpec& out) {
    if (node.IsNull()) { return; }
    if (!node.IsSequence()) {
        reader.fail(node,
                    "'unique' of table " + table + " must be a list of column lists, e.g. [[email], [org_id, slug]]");
    }
    for (const auto& item : node) {
        out.unique.push_back({reader.name_list(item, "a unique constraint"), start_of(item), end_of(item)});
    }
}

void read_columns(const YamlReader& reader, const YAML::Node& node, const std::string& table, TableSpec& out) {
    reader.expect_map(node, "'columns' of table " + table);
    for (const auto& item : node) { out.columns.push_back(read_column(reader, item.first, item.second, table)); }
}

}  // namespace

TableSpec read_table_spec(const YamlReader& reader, const YAML::Node& key, const YAML::Node& value) {
    TableSpec table;
    table.table = parse_qualified_name(reader.scalar(key, "a table name"));
    table.start = start_of(key);
    table.end = end_of(key);
    const std::string name = table.table.display();
    reader.expect_map(value, "table " + name);
    if (value.IsNull()) { return table; }
    reader.check_keys(value, k_table_keys, "table " + name);
    if (value["required"]) { table.required = reader.names(value["required"], "'required' of table " + name); }
    if (value["optional"]) { table.optional = reader.names(value["optional"], "'optional' of table " + name); }
    if (value["columns"]) { read_columns(reader, value["columns"], name, table); }
    if (value["rls"]) { table.rls = reader.boolean(value["rls"], "'rls' of table " + name); }
    if (value["primary_key"]) {
        const YAML::Node& pk = value["primary_key"];
        table.primary_key = Located<std::vector<std::string>>{reader.name_list(pk, "'primary_key' of table " + name),
                                                              start_of(pk), end_of(pk)};
    }
    if (value["unique"]) { read_unique(reader, value["unique"], name, table); }
    if (value["foreign_keys"]) { read_foreign_keys(reader, value["foreign_keys"], name, table); }
    if (value["indexes"]) { read_indexes(reader, value["indexes"], name, table); }
    return table;
}

}  // namespace gate::detail
