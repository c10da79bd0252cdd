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
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "changing-column-type", core::Severity::warning,
            "ALTER COLUMN ... TYPE locks the table (ACCESS EXCLUSIVE) and may rewrite it",
            "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);",
            "ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_v2 numeric(12, 2);",
        };
        return meta;
    }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context.parsed, [&](const Statement& statement, Node relation, Node cmd) {
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
