// ban-create-domain-with-constraint: a CHECK on a domain is re-checked against every column
// of that type whenever it changes (ALTER DOMAIN ... ADD CONSTRAINT scans them all under
// SHARE locks), and the columns it guards are far from the table that uses them. A CHECK on
// the table's column can be replaced NOT VALID and validated without blocking.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanCreateDomainWithConstraint final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_create_domain_with_constraint; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            if (statement.kind != "CreateDomainStmt") { continue; }
            Node domain = statement.node.inner();
            for (const Node& item : domain["constraints"].items()) {
                Node constraint = item["Constraint"];
                if (constraint["contype"].str() != "CONSTR_CHECK") { continue; }
                out.add(
                    context.migration.file, position_of(context.parsed, statement, constraint), statement.last,
                    "domain " + dotted(domain["domainname"].names()) +
                        " has a CHECK constraint: changing it later re-checks every column of the type in every table "
                        "under SHARE locks that block writes",
                    "put the CHECK on the table columns instead (they can be replaced NOT VALID and validated without "
                    "blocking)");
                break;
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_create_domain_with_constraint() {
    return std::make_unique<BanCreateDomainWithConstraint>();
}

}  // namespace linter
