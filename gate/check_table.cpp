// Table existence, columns (existence, type, nullability, default) and RLS.

#include "gate/checker.hpp"
#include "gate/type_names.hpp"

#include <algorithm>

namespace gate::detail {
namespace {

const runner::Column* find_column(const runner::Table& table, const std::string& name) {
    for (const runner::Column& column : table.columns) {
        if (column.name == name) { return &column; }
    }
    return nullptr;
}

bool listed(const std::vector<Located<std::string>>& names, const std::string& name) {
    return std::any_of(names.begin(), names.end(), [&](const auto& n) { return n.value == name; });
}

void check_column_exists(Checker& checker, const TableSpec& spec, const runner::Table& table,
                         const Located<std::string>& column, bool optional) {
    if (find_column(table, column.value) != nullptr) {
        checker.passed();
        return;
    }
    std::string where = spec.table.display();
    std::string add = "ALTER TABLE " + sql_name(spec.table) + " ADD COLUMN " + sql_ident(column.value) + " ...";
    if (optional) {
        checker.failed(core::rule_id::missing_optional_column, column.start, column.end,
                       "optional column " + column.value + " of table " + where + " does not exist",
                       "add it in a migration (" + add + "), or remove it from 'optional'");
    } else {
        checker.failed(core::rule_id::missing_column, column.start, column.end,
                       "required column " + column.value + " of table " + where + " does not exist",
                       "add it in a migration (" + add + "), or remove it from the required schema");
    }
}

void check_type(Checker& checker, const TableSpec& spec, const ColumnSpec& want, const runner::Column& have) {
    if (normalize_type(have.type) == want.type->value) {
        checker.passed();
        return;
    }
    std::string column = spec.table.display() + "." + have.name;
    checker.failed(core::rule_id::column_type_mismatch, want.type->start, want.type->end,
                   "column " + column + " has type " + have.type + ", expected " + want.type->value,
                   "change it in a migration (ALTER TABLE " + sql_name(spec.table) + " ALTER COLUMN " +
                       sql_ident(have.name) + " TYPE " + want.type->value + "), or update the required schema");
}

void check_nullable(Checker& checker, const TableSpec& spec, const ColumnSpec& want, const runner::Column& have) {
    if (have.nullable == want.nullable->value) {
        checker.passed();
        return;
    }
    std::string column = spec.table.display() + "." + have.name;
    std::string alter = "ALTER TABLE " + sql_name(spec.table) + " ALTER COLUMN " + sql_ident(have.name);
    if (want.nullable->value) {
        checker.failed(core::rule_id::column_nullability_mismatch, want.nullable->start, want.nullable->end,
                       "column " + column + " is NOT NULL, expected nullable",
                       "run " + alter + " DROP NOT NULL in a migration, or update the required schema");
    } else {
        checker.failed(core::rule_id::column_nullability_mismatch, want.nullable->start, want.nullable->end,
                       "column " + column + " is nullable, expected NOT NULL",
                       "run " + alter + " SET NOT NULL in a migration, or update the required schema");
    }
}

void check_default(Checker& checker, const TableSpec& spec, const ColumnSpec& want, const runner::Column& have) {
    const std::string& expected = want.default_expr->value;
    if (normalize_default(have.default_expr) == normalize_default(expected)) {
        checker.passed();
        return;
    }
    std::string column = spec.table.display() + "." + have.name;
    std::string has = have.default_expr.empty() ? "has no default" : "has default " + have.default_expr;
    std::string wants = expected.empty() ? "expected no default" : "expected " + expected;
    std::string alter = "ALTER TABLE " + sql_name(spec.table) + " ALTER COLUMN " + sql_ident(have.name) +
                        (expected.empty() ? " DROP DEFAULT" : " SET DEFAULT " + expected);
    checker.failed(core::rule_id::column_default_mismatch, want.default_expr->start, want.default_expr->end,
                   "column " + column + " " + has + ", " + wants,
                   "run " + alter + " in a migration, or update the required schema");
}

void check_column_spec(Checker& checker, const TableSpec& spec, const runner::Table& table, const ColumnSpec& want) {
    const runner::Column* have = find_column(table, want.name.value);
    if (have == nullptr) {
        if (!listed(spec.required, want.name.value) && !listed(spec.optional, want.name.value)) {
            check_column_exists(checker, spec, table, want.name, false);
        }
        return;  // already reported under required/optional; its attributes cannot be checked
    }
    if (want.type) { check_type(checker, spec, want, *have); }
    if (want.nullable) { check_nullable(checker, spec, want, *have); }
    if (want.default_expr) { check_default(checker, spec, want, *have); }
}

void check_rls(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    if (!spec.rls || !spec.rls->value) { return; }
    if (table.rls_enabled) {
        checker.passed();
        return;
    }
    checker.failed(core::rule_id::rls_disabled, spec.rls->start, spec.rls->end,
                   "row level security is disabled on table " + spec.table.display() + ", expected enabled",
                   "run ALTER TABLE " + sql_name(spec.table) +
                       " ENABLE ROW LEVEL SECURITY in a migration, with the policies the table needs");
}

}  // namespace

void check_table(Checker& checker, const TableSpec& spec) {
    const runner::Table* table = checker.find_table(spec.table);
    if (table == nullptr) {
        checker.failed(core::rule_id::missing_table, spec.start, spec.end,
                       "required table " + spec.table.display() + " does not exist",
                       "create it in a migration (CREATE TABLE IF NOT EXISTS " + sql_name(spec.table) +
                           " ...), or remove it from the required schema");
        return;
    }
    checker.passed();
    for (const auto& column : spec.required) { check_column_exists(checker, spec, *table, column, false); }
    for (const auto& column : spec.optional) {
        if (!listed(spec.required, column.value)) { check_column_exists(checker, spec, *table, column, true); }
    }
    for (const ColumnSpec& column : spec.columns) { check_column_spec(checker, spec, *table, column); }
    check_rls(checker, spec, *table);
    check_keys(checker, spec, *table);
}

}  // namespace gate::detail
