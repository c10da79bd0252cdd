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
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "ban-char-field", core::Severity::warning,
            "a char(n) column pads values with blanks and is no faster than text",
            "CREATE TABLE IF NOT EXISTS countries (code char(2) PRIMARY KEY);",
            "CREATE TABLE IF NOT EXISTS countries (code text PRIMARY KEY CHECK (length(code) = 2));",
        };
        return meta;
    }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const Node& column : column_defs(statement)) {
                if (type_name(column) != "bpchar") { continue; }
                std::string name(column["colname"].str());
                out.add(context.migration.file, position_of(context.parsed, statement, column), {},
                        "column " + (name.empty() ? std::string("type") : name) +
                            " is char(n): values are padded with blanks, compared without them, and stored no smaller than text",
                        "use text (or varchar) with a CHECK on the length");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_char_field() { return std::make_unique<BanCharField>(); }

}  // namespace linter
