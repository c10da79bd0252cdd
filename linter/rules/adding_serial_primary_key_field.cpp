// adding-serial-primary-key-field (squawk's id): ADD PRIMARY KEY (or ADD COLUMN ... PRIMARY
// KEY) on an existing table builds the unique index while holding an ACCESS EXCLUSIVE lock.
// Build the index CONCURRENTLY first and attach it with PRIMARY KEY USING INDEX.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

bool column_is_primary_key(Node column) {
    for (const Node& item : column["constraints"].items()) {
        if (item["Constraint"]["contype"].str() == "CONSTR_PRIMARY") { return true; }
    }
    return false;
}

class AddingSerialPrimaryKeyField final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_serial_primary_key_field; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            std::string_view subtype = cmd["subtype"].str();
            Node constraint = cmd["def"]["Constraint"];
            bool adds_key = subtype == "AT_AddConstraint" && constraint["contype"].str() == "CONSTR_PRIMARY" &&
                            constraint["indexname"].str().empty();
            Node column = cmd["def"]["ColumnDef"];
            bool adds_key_column = subtype == "AT_AddColumn" && column_is_primary_key(column);
            if (!adds_key && !adds_key_column) { return; }
            std::string table = relation_name(relation);
            out.add(
                context.migration.file, statement,
                "adding a primary key to " + table +
                    " builds its unique index while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                "build the index with CREATE UNIQUE INDEX CONCURRENTLY in a `-- schemagate:no-transaction` migration, "
                "then ADD CONSTRAINT ... PRIMARY KEY USING INDEX");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_serial_primary_key_field() { return std::make_unique<AddingSerialPrimaryKeyField>(); }

}  // namespace linter
