// Extensions, enum types and forbidden objects.

#include "gate/checker.hpp"

#include <algorithm>

namespace gate::detail {
namespace {

std::string value_list(const std::vector<std::string>& values) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i) { out += (i ? ", " : "") + values[i]; }
    return out + ")";
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const std::string& value : a) {
        if (std::find(b.begin(), b.end(), value) == b.end()) { out.push_back(value); }
    }
    return out;
}

void check_extensions(Checker& checker, const RequiredSchema& required) {
    for (const auto& extension : required.extensions) {
        if (checker.snapshot().extensions.count(extension.value) != 0) {
            checker.passed();
            continue;
        }
        checker.failed(core::rule_id::missing_extension, extension.start, extension.end,
                       "required extension " + extension.value + " is not installed",
                       "run CREATE EXTENSION IF NOT EXISTS " + sql_ident(extension.value) + " in a migration");
    }
}

const std::vector<std::string>* find_enum(const runner::SchemaSnapshot& snapshot, const QualifiedName& name) {
    for (const auto& [key, labels] : snapshot.enums) {
        if (parse_qualified_name(key) == name) { return &labels; }
    }
    return nullptr;
}

std::string enum_difference(const std::vector<std::string>& have, const std::vector<std::string>& want) {
    std::vector<std::string> missing = minus(want, have);
    std::vector<std::string> extra = minus(have, want);
    std::string out;
    if (!missing.empty()) { out += "; missing " + value_list(missing); }
    if (!extra.empty()) { out += "; unexpected " + value_list(extra); }
    return out.empty() ? "; same values in another order" : out;
}

void check_enums(Checker& checker, const RequiredSchema& required) {
    for (const EnumSpec& want : required.enums) {
        const std::vector<std::string>* have = find_enum(checker.snapshot(), want.type);
        if (have != nullptr && *have == want.values) {
            checker.passed();
            continue;
        }
        std::string name = want.type.display();
        if (have == nullptr) {
            checker.failed(core::rule_id::enum_values_mismatch, want.start, want.end,
                           "enum type " + name + " does not exist, expected values " + value_list(want.values),
                           "create it in a migration (CREATE TYPE " + sql_name(want.type) + " AS ENUM (...))");
            continue;
        }
        checker.failed(core::rule_id::enum_values_mismatch, want.start, want.end,
                       "enum type " + name + " has values " + value_list(*have) + ", expected " +
                           value_list(want.values) + enum_difference(*have, want.values),
                       "add the missing values in a migration (ALTER TYPE " + sql_name(want.type) +
                           " ADD VALUE ...), or update the required schema");
    }
}

bool relation_exists(const Checker& checker, const QualifiedName& name) {
    if (checker.find_table(name) != nullptr) { return true; }
    const auto& snapshot = checker.snapshot();
    std::string key = name.schema + "." + name.name;
    return snapshot.views.count(key) != 0 || snapshot.materialized_views.count(key) != 0;
}

void check_forbidden(Checker& checker, const RequiredSchema& required) {
    for (const ForbiddenSpec& spec : required.forbidden) {
        std::string table = spec.table.display();
        if (spec.column.empty()) {
            if (!relation_exists(checker, spec.table)) {
                checker.passed();
                continue;
            }
            checker.failed(core::rule_id::forbidden_object, spec.start, spec.end,
                           "forbidden table " + table + " exists",
                           "drop it in a migration (DROP TABLE IF EXISTS " + sql_name(spec.table) + ")");
            continue;
        }
        const runner::Table* found = checker.find_table(spec.table);
        bool exists = found != nullptr && std::any_of(found->columns.begin(), found->columns.end(),
                                                      [&](const runner::Column& c) { return c.name == spec.column; });
        if (!exists) {
            checker.passed();
            continue;
        }
        checker.failed(core::rule_id::forbidden_object, spec.start, spec.end,
                       "forbidden column " + spec.column + " of table " + table + " exists",
                       "drop it in a migration (ALTER TABLE " + sql_name(spec.table) + " DROP COLUMN IF EXISTS " +
                           sql_ident(spec.column) + ")");
    }
}

}  // namespace

void check_objects(Checker& checker, const RequiredSchema& required) {
    check_extensions(checker, required);
    check_enums(checker, required);
    check_forbidden(checker, required);
}

}  // namespace gate::detail
