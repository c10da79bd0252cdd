// adding-foreign-key-constraint: ADD CONSTRAINT ... FOREIGN KEY without NOT VALID on an
// existing table scans it while holding SHARE ROW EXCLUSIVE locks on both tables.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class AddingForeignKeyConstraint final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_foreign_key_constraint; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            Node constraint = cmd["def"]["Constraint"];
            if (cmd["subtype"].str() == "AT_AddColumn") {  // ADD COLUMN ... REFERENCES ...: the same locks
                for (const Node& inline_constraint : cmd["def"]["ColumnDef"]["constraints"].items()) {
                    if (inline_constraint["Constraint"]["contype"].str() == "CONSTR_FOREIGN") {
                        constraint = inline_constraint["Constraint"];
                    }
                }
            } else if (cmd["subtype"].str() != "AT_AddConstraint") {
                return;
            }
            if (constraint["contype"].str() != "CONSTR_FOREIGN" || constraint["skip_validation"].boolean()) { return; }
            std::string table = relation_name(relation);
            std::string name(constraint["conname"].str());
            out.add(context.migration.file, statement,
                    "adding a foreign key takes SHARE ROW EXCLUSIVE locks on " + table + " and " +
                        relation_name(constraint["pktable"]) + " and blocks their writes while it checks every row",
                    "add it NOT VALID, then run ALTER TABLE " + table + " VALIDATE CONSTRAINT " +
                        (name.empty() ? std::string("<name>") : name) + " in a later migration");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_foreign_key_constraint() { return std::make_unique<AddingForeignKeyConstraint>(); }

}  // namespace linter
