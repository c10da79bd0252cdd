#include "linter/rule.hpp"

#include "linter/rules/common.hpp"

#include <algorithm>

namespace linter {

void Findings::add(const std::string& file, core::Position start, core::Position end, std::string message,
                   std::string help) {
    core::Finding finding;
    finding.rule = m_rule;
    finding.severity = m_severity;
    finding.file = file;
    finding.start = start;
    finding.end = end.line == 0 ? start : end;
    finding.message = std::move(message);
    finding.help = std::move(help);
    m_out.push_back(std::move(finding));
}

void Findings::add(const std::string& file, const Statement& statement, std::string message, std::string help) {
    add(file, statement.start, statement.last, std::move(message), std::move(help));
}

FileColumns::FileColumns(const ParsedFile& file) : m_file(file) {
    m_first.reserve(file.statements.size() + 1);
    for (const Statement& statement : file.statements) {
        m_first.push_back(m_columns.size());
        for (const Node& def : rules::column_defs(statement)) { m_columns.push_back({def, rules::type_name(def)}); }
    }
    m_first.push_back(m_columns.size());
}

std::span<const Column> FileColumns::of(const Statement& statement) const {
    auto i = static_cast<std::size_t>(&statement - m_file.statements.data());
    return std::span<const Column>(m_columns).subspan(m_first.at(i), m_first.at(i + 1) - m_first.at(i));
}

const Rule* find_rule(std::string_view id) {
    const core::RuleInfo* info = core::find_rule_info(id);
    if (info == nullptr) { return nullptr; }
    const auto& rules = all_rules();
    auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule* rule) { return rule->id() == info->id; });
    return it == rules.end() ? nullptr : *it;
}

}  // namespace linter
