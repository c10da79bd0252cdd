// constraint-missing-not-valid: ADD CONSTRAINT ... CHECK on an existing table scans every
// row while holding ACCESS EXCLUSIVE; and VALIDATE CONSTRAINT in the same transaction
// as its NOT VALID creation keeps that lock for the scan anyway.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

class ConstraintMissingNotValid final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::constraint_missing_not_valid; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        std::set<std::string> not_valid;  // "table:constraint" added NOT VALID in this file
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node relation = statement.node.inner()["relation"];
            std::string table = relation_name(relation);
            for (const Node& cmd : table_commands(statement)) {
                std::string_view subtype = cmd["subtype"].str();
                Node constraint = cmd["def"]["Constraint"];
                if (subtype == "AT_AddConstraint" && constraint["skip_validation"].boolean()) {
                    not_valid.insert(table + ":" + std::string(constraint["conname"].str()));
                } else if (subtype == "AT_AddConstraint" && constraint["contype"].str() == "CONSTR_CHECK" &&
                           !created.contains(relation)) {
                    out.add(context.migration.file, statement,
                            "adding CHECK constraint " + std::string(constraint["conname"].str()) + " scans " + table +
                                " while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                            "add it NOT VALID, then run ALTER TABLE " + table + " VALIDATE CONSTRAINT " +
                                std::string(constraint["conname"].str()) + " in a later migration");
                } else if (subtype == "AT_ValidateConstraint" &&
                           not_valid.count(table + ":" + std::string(cmd["name"].str()))) {
                    out.add(context.migration.file, statement,
                            "validating " + std::string(cmd["name"].str()) +
                                " in the transaction that added it NOT VALID keeps the ACCESS EXCLUSIVE lock during "
                                "the scan",
                            "move VALIDATE CONSTRAINT to a later migration");
                }
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_constraint_missing_not_valid() { return std::make_unique<ConstraintMissingNotValid>(); }

}  // namespace linter
