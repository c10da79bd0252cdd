// ban-drop-database: DROP DATABASE in a migration deletes a whole database, irrecoverably.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanDropDatabase final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "ban-drop-database", core::Severity::warning,
            "DROP DATABASE deletes a whole database",
            "DROP DATABASE IF EXISTS analytics;",
            "-- drop databases by hand, after a backup, never from a migration\n"
            "SELECT 1;",
        };
        return meta;
    }

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
