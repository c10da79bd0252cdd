// prefer-text-field: varchar(n) limits are changed with ALTER COLUMN TYPE (an ACCESS
// EXCLUSIVE lock); text with a CHECK constraint can be changed without blocking.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class PreferTextField final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::prefer_text_field; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const auto& [column, type] : context.columns.of(statement)) {
                if (type != "varchar" || column["typeName"]["typmods"].items().empty()) { continue; }
                std::string name(column["colname"].str());
                out.add(context.migration.file, position_of(context.parsed, statement, column), {},
                        "column " + (name.empty() ? std::string("type") : name) +
                            " is varchar(n): changing the limit later takes an ACCESS EXCLUSIVE lock on the table",
                        "use text with a CHECK (length(...) <= n) constraint, which can be replaced NOT VALID");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_text_field() { return std::make_unique<PreferTextField>(); }

}  // namespace linter
