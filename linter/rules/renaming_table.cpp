// renaming-table: ALTER TABLE ... RENAME TO breaks every running query and deployed build
// that uses the old name, the moment it commits.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RenamingTable final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::renaming_table; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node rename = statement.node.inner();
            if (statement.kind != "RenameStmt" || rename["renameType"].str() != "OBJECT_TABLE" ||
                created.contains(rename["relation"])) {
                continue;
            }
            out.add(context.migration.file, statement,
                    "renaming table " + relation_name(rename["relation"]) + " to " +
                        std::string(rename["newname"].str()) +
                        " (ACCESS EXCLUSIVE lock) breaks running code that uses the old name",
                    "keep the old name working during the deploy (e.g. a view with the new name first), "
                    "and rename once no code uses the old one");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_table() { return std::make_unique<RenamingTable>(); }

}  // namespace linter
