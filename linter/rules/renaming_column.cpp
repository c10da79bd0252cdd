// renaming-column: RENAME COLUMN breaks every running query and deployed build that uses
// the old name, the moment it commits.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RenamingColumn final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::renaming_column; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node rename = statement.node.inner();
            if (statement.kind != "RenameStmt" || rename["renameType"].str() != "OBJECT_COLUMN" ||
                created.contains(rename["relation"])) {
                continue;
            }
            out.add(context.migration.file, statement,
                    "renaming column " + std::string(rename["subname"].str()) + " of " +
                        relation_name(rename["relation"]) + " to " + std::string(rename["newname"].str()) +
                        " (ACCESS EXCLUSIVE lock) breaks running code that uses the old name",
                    "add the new column, write both, backfill, move reads over, then drop the old column in a later "
                    "release");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_renaming_column() { return std::make_unique<RenamingColumn>(); }

}  // namespace linter
