// transaction-control: BEGIN / COMMIT / ROLLBACK / SAVEPOINT ... inside a migration the
// runner wraps in a transaction. A file whose first statement is BEGIN (or START
// TRANSACTION) and last is COMMIT (or END), with no other control statement, is one
// transaction and accepted: the runner then does not wrap it again.
#include "linter/rule.hpp"

#include <memory>

namespace linter {
namespace {

std::string_view describe(std::string_view kind) {
    if (kind == "TRANS_STMT_BEGIN") { return "BEGIN"; }
    if (kind == "TRANS_STMT_START") { return "START TRANSACTION"; }
    if (kind == "TRANS_STMT_COMMIT") { return "COMMIT"; }
    if (kind == "TRANS_STMT_ROLLBACK") { return "ROLLBACK"; }
    if (kind == "TRANS_STMT_SAVEPOINT") { return "SAVEPOINT"; }
    if (kind == "TRANS_STMT_RELEASE") { return "RELEASE SAVEPOINT"; }
    if (kind == "TRANS_STMT_ROLLBACK_TO") { return "ROLLBACK TO SAVEPOINT"; }
    if (kind == "TRANS_STMT_PREPARE") { return "PREPARE TRANSACTION"; }
    if (kind == "TRANS_STMT_COMMIT_PREPARED") { return "COMMIT PREPARED"; }
    if (kind == "TRANS_STMT_ROLLBACK_PREPARED") { return "ROLLBACK PREPARED"; }
    return "a transaction control statement";
}

std::string_view control_kind(const Statement& statement) {
    return statement.kind == "TransactionStmt" ? statement.node.inner()["kind"].str() : std::string_view{};
}

class TransactionControl final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::transaction_control; }

    void check(const FileContext& context, Findings& out) const override {
        if (context.migration.directives.no_transaction) { return; }
        const auto& statements = context.parsed.statements;
        if (wrapped_once(statements)) { return; }
        for (const Statement& statement : statements) {
            std::string_view kind = control_kind(statement);
            if (kind.empty()) { continue; }
            out.add(context.migration.file, statement,
                    std::string(describe(kind)) + " inside a migration the runner already wraps in a transaction",
                    "remove it: the runner applies each file in one transaction (wrap the whole file in one "
                    "BEGIN; ... COMMIT; or mark it `-- schemagate:no-transaction` if it must control transactions)");
        }
    }

private:
    // First statement BEGIN/START, last COMMIT, and no other control statement.
    static bool wrapped_once(const std::vector<Statement>& statements) {
        if (statements.size() < 2) { return false; }
        std::string_view first = control_kind(statements.front());
        if (first != "TRANS_STMT_BEGIN" && first != "TRANS_STMT_START") { return false; }
        if (control_kind(statements.back()) != "TRANS_STMT_COMMIT") { return false; }
        for (std::size_t i = 1; i + 1 < statements.size(); ++i) {
            if (!control_kind(statements[i]).empty()) { return false; }
        }
        return true;
    }
};

}  // namespace

std::unique_ptr<Rule> make_transaction_control() { return std::make_unique<TransactionControl>(); }

}  // namespace linter
