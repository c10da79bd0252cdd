// ban-alter-domain-with-add-constraint: ALTER DOMAIN ... ADD CONSTRAINT checks every column
// of the domain's type in every table, holding a SHARE lock (writes blocked) on each table
// while it scans. With NOT VALID only new values are checked and nothing is scanned;
// VALIDATE CONSTRAINT scans (under the same SHARE locks) at a time one chooses.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanAlterDomainWithAddConstraint final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_alter_domain_with_add_constraint; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            Node alter = statement.node.inner();
            Node constraint = alter["def"]["Constraint"];
            std::string_view subtype =
                alter["subtype"].str();  // 'C' up to PostgreSQL 17's parser, AD_AddConstraint after
            if (statement.kind != "AlterDomainStmt" || (subtype != "C" && subtype != "AD_AddConstraint") ||
                constraint["skip_validation"].boolean()) {
                continue;
            }
            out.add(context.migration.file, statement,
                    "adding a constraint to domain " + dotted(alter["typeName"].names()) +
                        " checks every column of the type in every table, holding SHARE locks that block writes",
                    "add it NOT VALID (no scan) and VALIDATE CONSTRAINT at a quiet time: validation still holds SHARE "
                    "locks while it scans");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_alter_domain_with_add_constraint() {
    return std::make_unique<BanAlterDomainWithAddConstraint>();
}

}  // namespace linter
