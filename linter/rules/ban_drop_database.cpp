// ban-drop-database: DROP DATABASE in a migration deletes a whole database, irrecoverably.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanDropDatabase final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_drop_database; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            if (statement.kind != "DropdbStmt") { continue; }
            out.add(context.migration.file, statement,
                    "dropping database " + std::string(statement.node.inner()["dbname"].str()) +
                        " deletes all its data; it needs no other connection to it and cannot be undone",
                    "drop databases by hand after a backup, not in a migration");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_database() { return std::make_unique<BanDropDatabase>(); }

}  // namespace linter
