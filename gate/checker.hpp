#pragma once
// Internal to gate: the state of one check_schema run, and its parts (one a file).

#include "core/report.hpp"
#include "gate/required_schema.hpp"
#include "runner/snapshot.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gate::detail {

/// Counts expectations and collects findings located in the required-schema file.
class Checker {
public:
    Checker(const RequiredSchema& required, const runner::SchemaSnapshot& snapshot)
            : m_required(required), m_snapshot(snapshot) {}

    const runner::SchemaSnapshot& snapshot() const { return m_snapshot; }
    const RequiredSchema& required() const { return m_required; }

    /// One expectation held.
    void passed() { ++m_report.checks; }
    /// One expectation failed: a finding of `rule` (its default severity) at start..end.
    void failed(core::RuleId rule, core::Position start, core::Position end, std::string message, std::string help);

    /// The table, or nullptr.
    const runner::Table* find_table(const QualifiedName& name) const;

    core::Report take();

private:
    const RequiredSchema& m_required;
    const runner::SchemaSnapshot& m_snapshot;
    core::Report m_report;
};

/// `name` as an SQL identifier: bare when lower-case [a-z_][a-z0-9_]*, else double-quoted.
std::string sql_ident(const std::string& name);
/// "public.users" -> users, "auth.users" -> auth.users, "Org" -> "Org" (quoted as needed).
std::string sql_name(const QualifiedName& name);
/// "(a, b)".
std::string column_list(const std::vector<std::string>& columns);

/// Existence of the table and its columns, column types, nullability, defaults, RLS.
void check_table(Checker& checker, const TableSpec& spec);
/// Primary key, unique constraints, foreign keys and indexes of an existing table.
void check_keys(Checker& checker, const TableSpec& spec, const runner::Table& table);
/// Extensions, enums and forbidden objects.
void check_objects(Checker& checker, const RequiredSchema& required);

}  // namespace gate::detail
