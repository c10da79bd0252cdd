// ban-drop-column: DROP COLUMN breaks every running query and deployed build that still
// reads or writes the column (and takes an ACCESS EXCLUSIVE lock to do it).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanDropColumn final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_drop_column; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            for (const Node& cmd : table_commands(statement)) {
                if (cmd["subtype"].str() != "AT_DropColumn") { continue; }
                out.add(context.migration.file, statement,
                        "dropping column " + std::string(cmd["name"].str()) + " of " +
                            relation_name(statement.node.inner()["relation"]) +
                            " (ACCESS EXCLUSIVE lock) breaks running code that still reads or writes it",
                        "stop using the column in the application and deploy that first; drop it in a later release");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_column() { return std::make_unique<BanDropColumn>(); }

}  // namespace linter
