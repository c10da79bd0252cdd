// adding-exclusion-constraint: ADD CONSTRAINT ... EXCLUDE on an existing table builds its
// index and checks every row while holding an ACCESS EXCLUSIVE lock; exclusion constraints
// have neither NOT VALID nor USING INDEX, so there is no non-blocking way to add one.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class AddingExclusionConstraint final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_exclusion_constraint; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            Node constraint = cmd["def"]["Constraint"];
            if (cmd["subtype"].str() != "AT_AddConstraint" || constraint["contype"].str() != "CONSTR_EXCLUSION") {
                return;
            }
            out.add(
                context.migration.file, statement,
                "adding an exclusion constraint to " + relation_name(relation) +
                    " builds its index and checks every row while holding an ACCESS EXCLUSIVE lock that blocks reads "
                    "and writes",
                "add it when the table is created, or in a maintenance window: exclusion constraints have no NOT VALID "
                "or USING INDEX form");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_exclusion_constraint() { return std::make_unique<AddingExclusionConstraint>(); }

}  // namespace linter
