#include "gate/check_schema.hpp"

#include "gate/checker.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace gate {
namespace {

// The required schema's rules: the findings check_schema can make.
constexpr std::array<std::string_view, 13> k_rules = {
    core::rule_id::column_default_mismatch,
    core::rule_id::column_nullability_mismatch,
    core::rule_id::column_type_mismatch,
    core::rule_id::enum_values_mismatch,
    core::rule_id::forbidden_object,
    core::rule_id::missing_column,
    core::rule_id::missing_constraint,
    core::rule_id::missing_extension,
    core::rule_id::missing_index,
    core::rule_id::missing_optional_column,
    core::rule_id::missing_primary_key,
    core::rule_id::missing_table,
    core::rule_id::rls_disabled,
};

}  // namespace

bool is_gate_rule(std::string_view rule) { return std::find(k_rules.begin(), k_rules.end(), rule) != k_rules.end(); }

namespace detail {

void Checker::failed(core::RuleId rule, core::Position start, core::Position end, std::string message,
                     std::string help) {
    ++m_report.checks;
    ++m_report.failed_checks;
    core::Finding finding;
    finding.rule = rule;
    finding.severity = core::rule_info(rule).default_severity;
    finding.file = m_required.file;
    finding.start = start;
    finding.end = end.line == 0 ? start : end;
    finding.message = std::move(message);
    finding.help = std::move(help);
    m_report.findings.push_back(std::move(finding));
}

const runner::Table* Checker::find_table(const QualifiedName& name) const {
    for (const runner::Table& table : m_snapshot.tables) {
        if (table.schema == name.schema && table.name == name.name) { return &table; }
    }
    return nullptr;
}

core::Report Checker::take() {
    m_report.sort();
    return std::move(m_report);
}

std::string sql_ident(const std::string& name) {
    bool bare = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
    for (char c : name) {
        if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
            bare = false;
        }
    }
    if (bare) { return name; }
    std::string quoted = "\"";
    for (char c : name) { quoted += c == '"' ? std::string("\"\"") : std::string(1, c); }
    return quoted + "\"";
}

std::string sql_name(const QualifiedName& name) {
    return name.schema == "public" ? sql_ident(name.name) : sql_ident(name.schema) + "." + sql_ident(name.name);
}

std::string column_list(const std::vector<std::string>& columns) {
    std::string out = "(";
    for (std::size_t i = 0; i < columns.size(); ++i) { out += (i ? ", " : "") + columns[i]; }
    return out + ")";
}

}  // namespace detail

core::Report check_schema(const RequiredSchema& required, const runner::SchemaSnapshot& snapshot) {
    detail::Checker checker(required, snapshot);
    for (const TableSpec& table : required.tables) { detail::check_table(checker, table); }
    detail::check_objects(checker, required);
    return checker.take();
}

}  // namespace gate
