#pragma once
// The required schema (required_schema.yaml): what the database must hold after the
// migrations ran, read from YAML with the position of every expectation so that gate
// findings point into the file. ARCHITECTURE.md ("Required schema") shows the shape:
//
//   tables:
//     users:                                   # or auth.users; default schema public
//       required: [id, email]                  # must exist
//       optional: [password_hash]              # warn when missing
//       columns: {email: {type: varchar(255), nullable: false, default: null}}
//       rls: true
//       primary_key: [id]
//       unique: [[email], [org_id, slug]]      # an item may also be one column name
//       foreign_keys: [{columns: [org_id], references: orgs(id)}]
//       indexes: [users_email_key, {columns: [org_id, created_at], unique: false}]
//   extensions: [pgcrypto]
//   enums: {status: [draft, published]}
//   forbidden: [legacy_users, users.password, auth.users.pin, {table: auth.tokens}]
//   checks: [{name: no_orphans, sql: "SELECT ...", severity: error, description: ...}]

#include "core/finding.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gate {

/// A value with the place in the YAML file where it was written (1-based; `end` is the
/// last character of a plain scalar, or equals `start` when unknown).
template <typename T>
struct Located {
    T value{};
    core::Position start;
    core::Position end;
};

/// A table or type name: schema "public" when the file did not name one.
struct QualifiedName {
    std::string schema = "public";
    std::string name;

    /// "users" for public.users, "auth.users" otherwise: how findings name the object.
    std::string display() const;
    bool operator==(const QualifiedName&) const = default;
};

struct ColumnSpec {
    Located<std::string> name;
    std::optional<Located<std::string>> type;  ///< canonical spelling (normalize_type)
    std::optional<Located<bool>> nullable;
    std::optional<Located<std::string>> default_expr;  ///< as written; "" means "no default" (YAML null)
};

struct ForeignKeySpec {
    std::vector<std::string> columns;
    QualifiedName ref_table;
    std::vector<std::string> ref_columns;  ///< empty: any referenced columns
    core::Position start;
    core::Position end;
};

/// An index required by name, by columns (in key order), or both.
struct IndexSpec {
    std::string name;
    std::vector<std::string> columns;
    bool unique = false;  ///< the index must be unique
    core::Position start;
    core::Position end;
};

struct TableSpec {
    QualifiedName table;
    core::Position start;
    core::Position end;
    std::vector<Located<std::string>> required;
    std::vector<Located<std::string>> optional;
    std::vector<ColumnSpec> columns;
    std::optional<Located<bool>> rls;
    std::optional<Located<std::vector<std::string>>> primary_key;
    std::vector<Located<std::vector<std::string>>> unique;
    std::vector<ForeignKeySpec> foreign_keys;
    std::vector<IndexSpec> indexes;
};

struct EnumSpec {
    QualifiedName type;
    std::vector<std::string> values;  ///< in sort order
    core::Position start;
    core::Position end;
};

/// A table (column empty) or a column that must not exist.
struct ForbiddenSpec {
    QualifiedName table;
    std::string column;
    core::Position start;
    core::Position end;
};

/// A data check (`checks:`), run by the production gate; parsed here, not executed.
struct CheckSpec {
    std::string name;
    std::string sql;  ///< a SELECT returning offending rows (or a count)
    std::string description;
    core::Severity severity = core::Severity::error;
    bool blocking = true;  ///< default: severity is error
    core::Position start;
    core::Position end;
};

struct RequiredSchema {
    std::string file;  ///< the path as given to load_required_schema, '/' separators
    std::vector<TableSpec> tables;
    std::vector<Located<std::string>> extensions;
    std::vector<EnumSpec> enums;
    std::vector<ForbiddenSpec> forbidden;
    std::vector<CheckSpec> checks;
};

/// Reads a required-schema file. Throws core::Error "file:line:column: ..." for an
/// unreadable file, YAML syntax errors, unknown keys (with the nearest known key), values
/// of the wrong shape, and tables listed twice.
RequiredSchema load_required_schema(const std::filesystem::path& path);

/// The same from YAML text; `file` names it in errors and findings.
RequiredSchema parse_required_schema(const std::string& yaml, const std::string& file);

/// "auth.users" -> {auth, users}; "users" -> {public, users}. Double quotes around
/// either part are removed ("\"User\"" -> User).
QualifiedName parse_qualified_name(const std::string& text);

}  // namespace gate
