// adding-required-field: ADD COLUMN ... NOT NULL without a DEFAULT fails on any table
// that has rows (and takes an ACCESS EXCLUSIVE lock to find out).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class AddingRequiredField final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_required_field; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_AddColumn") { return; }
            Node column = cmd["def"]["ColumnDef"];
            if (!required_without_default(column)) { return; }
            out.add(context.migration.file, position_of(context.parsed, statement, column), statement.last,
                    "adding NOT NULL column " + std::string(column["colname"].str()) +
                        " without a DEFAULT fails as soon as " + relation_name(relation) + " has rows",
                    "give it a non-volatile DEFAULT, or add it nullable, backfill it, then SET NOT NULL");
        });
    }

private:
    static bool required_without_default(Node column) {
        bool not_null = false;
        for (const Node& item : column["constraints"].items()) {
            std::string_view type = item["Constraint"]["contype"].str();
            if (type == "CONSTR_DEFAULT" || type == "CONSTR_GENERATED" || type == "CONSTR_IDENTITY") { return false; }
            not_null = not_null || type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY";
        }
        return not_null && type_name(column).find("serial") == std::string_view::npos;
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_required_field() { return std::make_unique<AddingRequiredField>(); }

}  // namespace linter
