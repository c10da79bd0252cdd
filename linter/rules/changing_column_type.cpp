// changing-column-type: ALTER COLUMN ... TYPE on an existing table takes an ACCESS
// EXCLUSIVE lock and, unless the types are binary-coercible, rewrites the table and
// rebuilds its indexes while holding it.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class ChangingColumnType final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::changing_column_type; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_AlterColumnType") { return; }
            out.add(context.migration.file, statement,
                    "changing the type of column " + std::string(cmd["name"].str()) +
                        " takes an ACCESS EXCLUSIVE lock on " + relation_name(relation) +
                        " and may rewrite the table and its indexes while holding it",
                    "add a column of the new type, backfill it in batches and switch reads over; "
                    "or keep to binary-coercible changes (e.g. varchar(n) to text)");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_changing_column_type() { return std::make_unique<ChangingColumnType>(); }

}  // namespace linter
