// Primary key, unique constraints, foreign keys and indexes.

#include "gate/checker.hpp"

#include <algorithm>
#include <utility>

namespace gate::detail {
namespace {

std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

bool same_set(const std::vector<std::string>& a, const std::vector<std::string>& b) { return sorted(a) == sorted(b); }

/// Index key columns as runner reports them (pg_get_indexdef: `"userId"` quoted when it
/// must be, expressions as text) in the form column names are written: `userId`.
std::vector<std::string> key_columns(const runner::Index& index) {
    std::vector<std::string> out;
    for (const std::string& column : index.columns) {
        bool quoted = column.size() >= 2 && column.front() == '"' && column.back() == '"';
        if (!quoted) {
            out.push_back(column);
            continue;
        }
        std::string name;
        for (std::size_t i = 1; i + 1 < column.size(); ++i) {
            name += column[i];
            if (column[i] == '"') { ++i; }  // "" stands for one "
        }
        out.push_back(name);
    }
    return out;
}

const runner::Constraint* primary_key(const runner::Table& table) {
    for (const runner::Constraint& constraint : table.constraints) {
        if (constraint.type == "primary key") { return &constraint; }
    }
    return nullptr;
}

void check_primary_key(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    if (!spec.primary_key) { return; }
    const auto& want = *spec.primary_key;
    const runner::Constraint* pk = primary_key(table);
    if (pk != nullptr && same_set(pk->columns, want.value)) {
        checker.passed();
        return;
    }
    std::string help = "add it in a migration (ALTER TABLE " + sql_name(spec.table) + " ADD PRIMARY KEY " +
                       column_list(want.value) + ")";
    if (pk == nullptr) {
        checker.failed(core::rule_id::missing_primary_key, want.start, want.end,
                       "table " + spec.table.display() + " has no primary key, expected " + column_list(want.value),
                       help);
    } else {
        checker.failed(core::rule_id::missing_primary_key, want.start, want.end,
                       "primary key " + pk->name + " of table " + spec.table.display() + " is on " +
                           column_list(pk->columns) + ", expected " + column_list(want.value),
                       "replace it in a migration, or update the required schema");
    }
}

bool has_unique(const runner::Table& table, const std::vector<std::string>& columns) {
    for (const runner::Constraint& constraint : table.constraints) {
        if ((constraint.type == "unique" || constraint.type == "primary key") &&
            same_set(constraint.columns, columns)) {
            return true;
        }
    }
    for (const runner::Index& index : table.indexes) {
        if (index.unique && index.valid && same_set(key_columns(index), columns)) { return true; }
    }
    return false;
}

void check_unique(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    for (const auto& want : spec.unique) {
        if (has_unique(table, want.value)) {
            checker.passed();
            continue;
        }
        checker.failed(core::rule_id::missing_constraint, want.start, want.end,
                       "table " + spec.table.display() + " has no unique constraint on " + column_list(want.value),
                       "add it in a migration (ALTER TABLE " + sql_name(spec.table) + " ADD UNIQUE " +
                           column_list(want.value) + ")");
    }
}

using ColumnPairs = std::vector<std::pair<std::string, std::string>>;

ColumnPairs pairs(const std::vector<std::string>& from, const std::vector<std::string>& to) {
    ColumnPairs out;
    for (std::size_t i = 0; i < from.size(); ++i) { out.emplace_back(from[i], i < to.size() ? to[i] : ""); }
    std::sort(out.begin(), out.end());
    return out;
}

bool matches(const runner::Constraint& constraint, const ForeignKeySpec& want) {
    if (constraint.type != "foreign key" || !(parse_qualified_name(constraint.ref_table) == want.ref_table)) {
        return false;
    }
    if (want.ref_columns.empty()) { return same_set(constraint.columns, want.columns); }
    return pairs(constraint.columns, constraint.ref_columns) == pairs(want.columns, want.ref_columns);
}

void check_foreign_keys(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    for (const ForeignKeySpec& want : spec.foreign_keys) {
        bool found = std::any_of(table.constraints.begin(), table.constraints.end(),
                                 [&](const runner::Constraint& c) { return matches(c, want); });
        if (found) {
            checker.passed();
            continue;
        }
        std::string target = want.ref_table.display() + (want.ref_columns.empty() ? "" : column_list(want.ref_columns));
        checker.failed(core::rule_id::missing_constraint, want.start, want.end,
                       "table " + spec.table.display() + " has no foreign key " + column_list(want.columns) +
                           " referencing " + target,
                       "add it in a migration (ALTER TABLE " + sql_name(spec.table) + " ADD FOREIGN KEY " +
                           column_list(want.columns) + " REFERENCES " + sql_name(want.ref_table) +
                           (want.ref_columns.empty() ? "" : " " + column_list(want.ref_columns)) + ")");
    }
}

/// Why `index` does not satisfy `want` ("" when it does).
std::string index_problem(const runner::Index& index, const IndexSpec& want) {
    if (!want.columns.empty() && key_columns(index) != want.columns) {
        return "is on " + column_list(key_columns(index)) + ", expected " + column_list(want.columns);
    }
    if (want.unique && !index.unique) { return "is not unique"; }
    if (!index.valid) { return "is invalid (a CREATE INDEX CONCURRENTLY that failed)"; }
    return "";
}

std::string index_problem(const runner::Table& table, const IndexSpec& want) {
    std::string problem = "does not exist";
    for (const runner::Index& index : table.indexes) {
        if (!want.name.empty() && index.name != want.name) { continue; }
        std::string why = index_problem(index, want);
        if (why.empty()) { return ""; }
        if (!want.name.empty()) { problem = why; }
    }
    return problem;
}

void check_indexes(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    for (const IndexSpec& want : spec.indexes) {
        std::string problem = index_problem(table, want);
        if (problem.empty()) {
            checker.passed();
            continue;
        }
        std::string what = want.name.empty() ? std::string(want.unique ? "unique index" : "index") + " on " +
                                                   column_list(want.columns)
                                             : "index " + want.name;
        std::string create = std::string("CREATE ") + (want.unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " +
                             (want.name.empty() ? "" : sql_ident(want.name) + " ") + "ON " + sql_name(spec.table) +
                             " " + (want.columns.empty() ? "(...)" : column_list(want.columns));
        checker.failed(core::rule_id::missing_index, want.start, want.end,
                       what + " of table " + spec.table.display() + " " + problem,
                       "create it in a migration (" + create + ")");
    }
}

}  // namespace

void check_keys(Checker& checker, const TableSpec& spec, const runner::Table& table) {
    check_primary_key(checker, spec, table);
    check_unique(checker, spec, table);
    check_foreign_keys(checker, spec, table);
    check_indexes(checker, spec, table);
}

}  // namespace gate::detail
