// disallowed-unique-constraint: ADD CONSTRAINT ... UNIQUE (or ADD COLUMN ... UNIQUE) on an
// existing table builds the index under an ACCESS EXCLUSIVE lock, blocking reads too.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

bool has_unique(Node column) {
    for (const Node& item : column["constraints"].items()) {
        if (item["Constraint"]["contype"].str() == "CONSTR_UNIQUE") { return true; }
    }
    return false;
}

class DisallowedUniqueConstraint final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::disallowed_unique_constraint; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            Node constraint = cmd["def"]["Constraint"];
            bool unique = cmd["subtype"].str() == "AT_AddConstraint" &&
                          constraint["contype"].str() == "CONSTR_UNIQUE" && constraint["indexname"].str().empty();
            bool column = cmd["subtype"].str() == "AT_AddColumn" && has_unique(cmd["def"]["ColumnDef"]);
            if (!unique && !column) { return; }
            std::string table = relation_name(relation);
            out.add(context.migration.file, statement,
                    "adding a UNIQUE constraint builds its index while holding an ACCESS EXCLUSIVE lock on " + table +
                        ", blocking reads and writes",
                    "CREATE UNIQUE INDEX CONCURRENTLY first (its own migration), then ALTER TABLE " + table +
                        " ADD CONSTRAINT <name> UNIQUE USING INDEX <index>");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_disallowed_unique_constraint() { return std::make_unique<DisallowedUniqueConstraint>(); }

}  // namespace linter
