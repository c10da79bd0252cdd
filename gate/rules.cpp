#include "gate/check_schema.hpp"

#include <algorithm>

namespace gate {

const std::vector<core::RuleInfo>& rule_infos() {
    using core::Severity;
    static const std::vector<core::RuleInfo> k_rules = [] {
        std::vector<core::RuleInfo> rules = {
            {"column-default-mismatch", "a required column has a different default",
             "The required schema gives a column a default expression (or `default: null` for none) and the "
             "column's default differs. Change the default in a migration, or update the required schema.",
             Severity::error},
            {"column-nullability-mismatch", "a required column is nullable when it must not be, or the reverse",
             "The required schema says whether a column may hold NULL (`nullable: false` means NOT NULL) and the "
             "column says otherwise. Add or drop NOT NULL in a migration, or update the required schema.",
             Severity::error},
            {"column-type-mismatch", "a required column has a different type",
             "The required schema gives a column a type and the column has another one. Types are compared as "
             "PostgreSQL spells them (character varying(255), timestamp with time zone); aliases such as varchar, "
             "int and timestamptz are accepted. Change the type in a migration, or update the required schema.",
             Severity::error},
            {"enum-values-mismatch", "an enum type is missing or has other values than required",
             "The required schema lists an enum type's values in order and the type is missing or its labels "
             "differ. Create the type or add the values (ALTER TYPE ... ADD VALUE) in a migration.",
             Severity::error},
            {"forbidden-object", "a table or column that must not exist exists",
             "The required schema forbids a table or a column (for instance a plaintext password column) and "
             "it exists. Drop it in a migration.",
             Severity::error},
            {"missing-column", "a required column does not exist",
             "A column listed under `required:` (or described under `columns:`) of a table does not exist. Add "
             "it in a migration, or remove it from the required schema.",
             Severity::error},
            {"missing-constraint", "a required unique constraint or foreign key does not exist",
             "The required schema asks for a unique constraint (or unique index) on some columns, or for a "
             "foreign key from some columns to a table, and none exists. Add the constraint in a migration.",
             Severity::error},
            {"missing-extension", "a required extension is not installed",
             "An extension listed under `extensions:` is not installed in the database the migrations built. "
             "Run CREATE EXTENSION IF NOT EXISTS in a migration.",
             Severity::error},
            {"missing-index", "a required index does not exist or is invalid",
             "An index required by name or by columns does not exist on the table, is not unique when it must "
             "be, or is invalid (a failed CREATE INDEX CONCURRENTLY). Create it in a migration.",
             Severity::error},
            {"missing-optional-column", "an optional column does not exist",
             "A column listed under `optional:` of a table does not exist. It is reported as a warning: the "
             "application can run without it, but probably expects it.",
             Severity::warning},
            {"missing-primary-key", "a table has no primary key, or another one than required",
             "The required schema gives a table's primary key columns and the table has no primary key, or one "
             "on other columns. Add or change the primary key in a migration.",
             Severity::error},
            {"missing-table", "a required table does not exist",
             "A table listed under `tables:` does not exist after the migrations ran. Create it in a migration, "
             "or remove it from the required schema.",
             Severity::error},
            {"rls-disabled", "row level security is disabled on a table that requires it",
             "The required schema says `rls: true` for a table and row level security is not enabled on it. "
             "Run ALTER TABLE ... ENABLE ROW LEVEL SECURITY (and create its policies) in a migration.",
             Severity::error},
        };
        std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
        return rules;
    }();
    return k_rules;
}

bool is_gate_rule(std::string_view rule) {
    const auto& rules = rule_infos();
    return std::any_of(rules.begin(), rules.end(), [&](const core::RuleInfo& info) { return info.id == rule; });
}

}  // namespace gate
