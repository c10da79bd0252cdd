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
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "prefer-text-field", core::Severity::warning,
            "a varchar(n) column's limit can only be changed under an ACCESS EXCLUSIVE lock",
            "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email varchar(255));",
            "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text CHECK (length(email) <= 255));",
        };
        return meta;
    }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const Node& column : column_defs(statement)) {
                if (type_name(column) != "varchar" || column["typeName"]["typmods"].items().empty()) { continue; }
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
