// require-statement-timeout (off by default): a migration that takes an ACCESS EXCLUSIVE
// lock on an existing table without a statement_timeout can hold that lock for as long as
// the statement runs (a rewrite, a scan). Off by default: lock_timeout (require-lock-timeout)
// bounds the wait that queues other queries; a statement_timeout also cuts off long
// legitimate work, so it is a project's choice.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>
#include <optional>

namespace linter {
namespace {

using namespace rules;

class RequireStatementTimeout final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_statement_timeout; }

    // Reported once a file, at the first statement that needs the timeout.
    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        bool timeout = false;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            if (std::optional<bool> change = timeout_change(statement, "statement_timeout")) {
                timeout = *change;
                continue;
            }
            std::string what;
            std::string relation;
            if (timeout || !takes_access_exclusive(statement, created, what, relation, context.postgres_major)) {
                continue;
            }
            out.add(context.migration.file, statement,
                    what + " takes an ACCESS EXCLUSIVE lock on " + relation +
                        " with no statement_timeout: the lock is held for as long as the statement runs",
                    "start the migration with SET statement_timeout = '30s'; (sized to what the statement may take)");
            return;
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_statement_timeout() { return std::make_unique<RequireStatementTimeout>(); }

}  // namespace linter
