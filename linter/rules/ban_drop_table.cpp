// ban-drop-table: DROP TABLE deletes the data and breaks code that still uses the table.
// Tables the same file created (scratch tables) are not reported.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanDropTable final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_drop_table; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node drop = statement.node.inner();
            if (statement.kind != "DropStmt" || drop["removeType"].str() != "OBJECT_TABLE") { continue; }
            for (const Node& object : drop["objects"].items()) {
                std::string table = dotted(object["List"]["items"].names());
                if (created.contains_name(table)) { continue; }
                out.add(context.migration.file, statement,
                        "dropping table " + table +
                            " (ACCESS EXCLUSIVE lock) deletes its data and breaks code that still uses it",
                        "stop using the table and deploy that first; drop it in a later release, after a backup");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_table() { return std::make_unique<BanDropTable>(); }

}  // namespace linter
