// require-lock-timeout: a migration that takes an ACCESS EXCLUSIVE lock on an existing
// table without first setting lock_timeout. While the statement waits for the lock
// (behind one long query), every other query on the table queues behind it.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireLockTimeout final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_lock_timeout; }

    // Reported once a file, at the first statement that needs the timeout.
    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        bool timeout = false;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            if (std::optional<bool> change = timeout_change(statement, "lock_timeout")) {
                timeout = *change;
                continue;
            }
            if (timeout) { continue; }
            std::string what;
            std::string relation;
            if (!takes_access_exclusive(statement, created, what, relation, context.postgres_major)) { continue; }
            out.add(context.migration.file, statement,
                    what + " takes an ACCESS EXCLUSIVE lock on " + relation +
                        " with no lock_timeout: while it waits for the lock, every query on " + relation +
                        " waits behind it",
                    "start the migration with SET lock_timeout = '5s'; (and retry the deploy if it times out)");
            return;
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace linter
