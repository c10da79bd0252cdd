#include "runner/snapshot.hpp"

namespace runner {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Column, name, type, nullable, default_expr, identity, generated)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Constraint, name, type, columns, ref_table, ref_columns, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Index, name, columns, unique, valid, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Policy, name, command, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Table, schema, name, kind, rls_enabled, rls_forced, columns,
                                                constraints, indexes, policies, triggers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Routine, schema, name, signature, kind, language, result)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SchemaSnapshot, schemas, tables, views, materialized_views, routines,
                                                sequences, enums, domains, extensions)

const Table* SchemaSnapshot::find_table(const std::string& qualified) const {
    std::size_t dot = qualified.find('.');
    std::string schema = dot == std::string::npos ? "public" : qualified.substr(0, dot);
    std::string name = dot == std::string::npos ? qualified : qualified.substr(dot + 1);
    for (const Table& table : tables) {
        if (table.schema == schema && table.name == name) { return &table; }
    }
    return nullptr;
}

nlohmann::json SchemaSnapshot::to_json() const {
    nlohmann::json json;
    runner::to_json(json, *this);
    return json;
}

SchemaSnapshot SchemaSnapshot::from_json(const nlohmann::json& json) {
    SchemaSnapshot snapshot;
    runner::from_json(json, snapshot);
    return snapshot;
}

}  // namespace runner
