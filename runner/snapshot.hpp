#pragma once
// SchemaSnapshot: the schema of a database as introspected from pg_catalog, in a
// deterministic order (everything sorted by schema-qualified name). schemagate's own
// objects (schemagate_history) and those of system schemas (pg_catalog,
// information_schema, pg_toast, pg_temp_*) are excluded.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace runner {

struct Column {
    std::string name;
    std::string type;          ///< format_type(atttypid, atttypmod), e.g. "character varying(255)"
    bool nullable = true;      ///< !attnotnull
    std::string default_expr;  ///< pg_get_expr(adbin, adrelid); "" when none
    std::string identity;      ///< "" | "always" | "by default"
    std::string generated;     ///< generation expression for stored generated columns, else ""
};

struct Constraint {
    std::string name;
    std::string type;  ///< "primary key" | "unique" | "foreign key" | "check" | "exclusion"
    std::vector<std::string> columns;
    std::string ref_table;  ///< foreign keys: "schema.table"
    std::vector<std::string> ref_columns;
    std::string definition;  ///< pg_get_constraintdef(oid)
};

struct Index {
    std::string name;
    std::vector<std::string> columns;  ///< key columns; expressions as pg_get_indexdef column text
    bool unique = false;
    bool valid = true;
    std::string definition;  ///< pg_get_indexdef(indexrelid)
};

struct Policy {
    std::string name;
    std::string command;     ///< "ALL" | "SELECT" | "INSERT" | "UPDATE" | "DELETE"
    std::string definition;  ///< USING / WITH CHECK expressions, as pg_policies shows them
};

struct Table {
    std::string schema;
    std::string name;
    std::string kind;             ///< "table" | "partitioned table"
    bool rls_enabled = false;     ///< pg_class.relrowsecurity
    bool rls_forced = false;      ///< pg_class.relforcerowsecurity
    std::vector<Column> columns;  ///< in attnum order
    std::vector<Constraint> constraints;
    std::vector<Index> indexes;
    std::vector<Policy> policies;
    std::vector<std::string> triggers;  ///< trigger definitions (pg_get_triggerdef), non-internal
};

struct Routine {
    std::string schema;
    std::string name;
    std::string signature;  ///< pg_get_function_identity_arguments
    std::string kind;       ///< "function" | "procedure" | "aggregate" | "window"
    std::string language;
    std::string result;  ///< pg_get_function_result
};

struct SchemaSnapshot {
    std::vector<std::string> schemas;  ///< user schemas, "public" included
    std::vector<Table> tables;
    std::map<std::string, std::string> views;               ///< "schema.name" -> definition
    std::map<std::string, std::string> materialized_views;  ///< "schema.name" -> definition
    std::vector<Routine> routines;
    std::vector<std::string> sequences;                     ///< "schema.name"
    std::map<std::string, std::vector<std::string>> enums;  ///< "schema.name" -> labels in sort order
    std::map<std::string, std::string> domains;             ///< "schema.name" -> base type and constraints
    std::map<std::string, std::string> extensions;          ///< name -> version

    /// The table "schema.name" or "name" (schema "public"); nullptr when absent.
    const Table* find_table(const std::string& qualified) const;
    nlohmann::json to_json() const;
    static SchemaSnapshot from_json(const nlohmann::json& json);
};

}  // namespace runner
