// prefer-timestamptz: timestamp without time zone stores wall-clock time with no zone, so
// the same instant reads differently per session; converting later rewrites the table.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class PreferTimestamptz final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::prefer_timestamptz; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const auto& [column, type] : context.columns.of(statement)) {
                if (type != "timestamp") { continue; }
                std::string name(column["colname"].str());
                out.add(context.migration.file, position_of(context.parsed, statement, column), {},
                        "column " + (name.empty() ? std::string("type") : name) +
                            " is timestamp without time zone: its values depend on the session's TimeZone, "
                            "and converting it later rewrites the table under an ACCESS EXCLUSIVE lock",
                        "use timestamptz (timestamp with time zone)");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_timestamptz() { return std::make_unique<PreferTimestamptz>(); }

}  // namespace linter
