// prefer-bigint-over-int: integer / smallint / serial columns run out of values (2^31 - 1
// for integer), and widening one later rewrites the table under an ACCESS EXCLUSIVE lock.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

std::string_view wider(std::string_view type) {
    if (type == "int4" || type == "int2") { return "bigint"; }
    if (type == "serial" || type == "serial4" || type == "smallserial" || type == "serial2") { return "bigserial"; }
    return {};
}

class PreferBigintOverInt final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::prefer_bigint_over_int; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const auto& [column, type] : context.columns.of(statement)) {
                if (wider(type).empty()) { continue; }
                std::string name(column["colname"].str());
                out.add(
                    context.migration.file, position_of(context.parsed, statement, column), {},
                    "column " + (name.empty() ? std::string("type") : name) + " is " + std::string(type) +
                        ": it overflows at " +
                        (type == "int2" || type == "smallserial" || type == "serial2" ? "32,767" : "2,147,483,647") +
                        " and widening it later rewrites the table under an ACCESS EXCLUSIVE lock",
                    "use " + std::string(wider(type)));
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_bigint_over_int() { return std::make_unique<PreferBigintOverInt>(); }

}  // namespace linter
