// ban-char-field: char(n) pads values with blanks to n characters, compares ignoring the
// padding, and is no faster than text; its length limit is changed under an ACCESS
// EXCLUSIVE lock like varchar(n)'s.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanCharField final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_char_field; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const auto& [column, type] : context.columns.of(statement)) {
                if (type != "bpchar") { continue; }
                std::string name(column["colname"].str());
                out.add(context.migration.file, position_of(context.parsed, statement, column), {},
                        "column " + (name.empty() ? std::string("type") : name) +
                            " is char(n): values are padded with blanks, compared without them, and stored no smaller "
                            "than text",
                        "use text (or varchar) with a CHECK on the length");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_char_field() { return std::make_unique<BanCharField>(); }

}  // namespace linter
