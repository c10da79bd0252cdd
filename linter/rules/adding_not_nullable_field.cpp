// adding-not-nullable-field: ALTER COLUMN ... SET NOT NULL on an existing table scans every
// row while holding an ACCESS EXCLUSIVE lock (unless a validated CHECK proves it first).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

class AddingNotNullableField final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_not_nullable_field; }

    // PostgreSQL 12+ skips the scan when a validated CHECK (col IS NOT NULL) proves it: the
    // last step of this rule's own recipe. Validated in this file: a CHECK added without NOT
    // VALID, or any constraint of the table validated (VALIDATE CONSTRAINT) before the SET
    // NOT NULL — the recipe's second migration validates the check that the first added.
    void check(const FileContext& context, Findings& out) const override {
        std::set<std::string> proven;     // "table:column" with a validated IS NOT NULL check
        std::set<std::string> validated;  // tables with a VALIDATE CONSTRAINT in this file
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            std::string table = relation_name(relation);
            std::string_view subtype = cmd["subtype"].str();
            if (subtype == "AT_ValidateConstraint") { validated.insert(table); }
            Node constraint = cmd["def"]["Constraint"];
            if (subtype == "AT_AddConstraint" && constraint["contype"].str() == "CONSTR_CHECK" &&
                !constraint["skip_validation"].boolean()) {
                Node test = constraint["raw_expr"]["NullTest"];
                if (test["nulltesttype"].str() == "IS_NOT_NULL") {
                    NodeItems fields = test["arg"]["ColumnRef"]["fields"].items();
                    if (!fields.empty()) {
                        proven.insert(table + ":" + std::string(fields[fields.size() - 1]["String"]["sval"].str()));
                    }
                }
            }
            if (subtype != "AT_SetNotNull") { return; }
            std::string column(cmd["name"].str());
            bool check_helps = holds(Fact::set_not_null_uses_check, context.postgres_major);
            if (check_helps && (proven.count(table + ":" + column) || validated.count(table))) { return; }
            out.add(context.migration.file, statement,
                    "setting " + column + " NOT NULL scans " + table +
                        " while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                    check_helps
                        ? "add CHECK (" + column +
                              " IS NOT NULL) NOT VALID, VALIDATE it in a later migration, "
                              "then SET NOT NULL (PostgreSQL 12+ skips the scan)"
                        : "before PostgreSQL 12 SET NOT NULL always scans: keep the validated CHECK (" + column +
                              " IS NOT NULL) NOT VALID constraint instead, or run this in a maintenance window");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_not_nullable_field() { return std::make_unique<AddingNotNullableField>(); }

}  // namespace linter
