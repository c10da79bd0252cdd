// require-lock-timeout: a migration that takes an ACCESS EXCLUSIVE lock on an existing
// table without first setting lock_timeout. While the statement waits for the lock
// (behind one long query), every other query on the table queues behind it.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>
#include <optional>

namespace linter {
namespace {

using namespace rules;

// A value that means "no timeout": 0, '0', '0ms', '0s'.
bool is_zero(const Node& value) {
    Node constant = value["A_Const"];
    if (constant["ival"]) { return constant["ival"]["ival"].integer() == 0; }
    std::string_view text = constant["sval"]["sval"].str();
    return text == "0" || text == "0ms" || text == "0s" || text == "0min";
}

// How `statement` changes lock_timeout: true when it sets one (SET, set_config), false when
// it removes it (SET ... = 0, SET ... TO DEFAULT, RESET, RESET ALL), nullopt otherwise.
std::optional<bool> lock_timeout_change(const Statement& statement) {
    if (statement.kind == "VariableSetStmt") {
        Node set = statement.node.inner();
        std::string_view kind = set["kind"].str();
        if (kind == "VAR_RESET_ALL") { return false; }
        if (set["name"].str() != "lock_timeout") { return std::nullopt; }
        if (kind != "VAR_SET_VALUE") { return false; }
        return !is_zero(set["args"].items().front());
    }
    if (statement.kind != "SelectStmt") { return std::nullopt; }
    Node call = statement.node.find("FuncCall");  // SELECT set_config('lock_timeout', '5s', false)
    NodeItems names = call["funcname"].items();
    if (names.empty() || names[names.size() - 1]["String"]["sval"].str() != "set_config") { return std::nullopt; }
    NodeItems args = call["args"].items();
    if (args.size() < 2 || args[0]["A_Const"]["sval"]["sval"].str() != "lock_timeout") { return std::nullopt; }
    return !is_zero(args[1]);
}

class RequireLockTimeout final : public Rule {
public:
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "require-lock-timeout", core::Severity::warning,
            "an ACCESS EXCLUSIVE lock taken without a lock_timeout can queue every query on the table",
            "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;",
            "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;",
        };
        return meta;
    }

    // Reported once a file, at the first statement that needs the timeout.
    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        bool timeout = false;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            if (std::optional<bool> change = lock_timeout_change(statement)) {
                timeout = *change;
                continue;
            }
            if (timeout) { continue; }
            std::string what;
            std::string relation;
            if (!takes_access_exclusive(statement, created, what, relation)) { continue; }
            out.add(context.migration.file, statement,
                    what + " takes an ACCESS EXCLUSIVE lock on " + relation +
                        " with no lock_timeout: while it waits for the lock, every query on " + relation + " waits behind it",
                    "start the migration with SET lock_timeout = '5s'; (and retry the deploy if it times out)");
            return;
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace linter
