// prefer-jsonb: json stores the text as written and reparses it on every access; it has no
// equality operator (so no DISTINCT, GROUP BY or UNIQUE) and no GIN index. jsonb has all of
// them. Converting later is ALTER COLUMN TYPE: a rewrite under an ACCESS EXCLUSIVE lock.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class PreferJsonb final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::prefer_jsonb; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const auto& [column, type] : context.columns.of(statement)) {
                if (type != "json") { continue; }
                std::string name(column["colname"].str());
                out.add(context.migration.file, position_of(context.parsed, statement, column), {},
                        "column " + (name.empty() ? std::string("type") : name) +
                            " is json: reparsed on every access, no equality operator and no GIN index; changing it "
                            "later rewrites the table under an ACCESS EXCLUSIVE lock",
                        "use jsonb, unless the exact text (key order, duplicate keys, blanks) must be kept");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_jsonb() { return std::make_unique<PreferJsonb>(); }

}  // namespace linter
