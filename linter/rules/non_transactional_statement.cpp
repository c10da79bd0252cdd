// non-transactional-statement: a statement PostgreSQL refuses inside a transaction block
// (CREATE INDEX CONCURRENTLY, VACUUM, CREATE DATABASE, ALTER SYSTEM, ...) in a file the
// runner wraps; and a file marked `-- schemagate:no-transaction` holding more than one
// statement (the runner sends it as one implicit transaction per statement).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>

namespace linter {
namespace {

bool has_option(Node options, std::string_view name) {
    for (const Node& option : options.items()) {
        if (option["DefElem"]["defname"].str() == name) { return true; }
    }
    return false;
}

// What PostgreSQL calls the statement when it refuses it in a transaction block; "" if it does not.
std::string refused(const Statement& statement, int major) {
    Node node = statement.node.inner();
    std::string_view kind = statement.kind;
    if (kind == "AlterEnumStmt" && node["newVal"] && !node["oldVal"] &&
        !rules::holds(rules::Fact::enum_add_value_in_transaction, major)) {
        return "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)";
    }
    if (kind == "IndexStmt" && node["concurrent"].boolean()) { return "CREATE INDEX CONCURRENTLY"; }
    if (kind == "DropStmt" && node["concurrent"].boolean()) { return "DROP INDEX CONCURRENTLY"; }
    if (kind == "ReindexStmt") {
        if (rules::option_enabled(node["params"], "concurrently")) { return "REINDEX CONCURRENTLY"; }
        std::string_view object = node["kind"].str();
        if (object == "REINDEX_OBJECT_SYSTEM" || object == "REINDEX_OBJECT_DATABASE") {
            return "REINDEX SYSTEM/DATABASE";
        }
    }
    if (kind == "AlterTableStmt") {
        for (const Node& command : node["cmds"].items()) {
            Node cmd = command["AlterTableCmd"];
            if (cmd["subtype"].str() == "AT_DetachPartition" && cmd["def"]["PartitionCmd"]["concurrent"].boolean()) {
                return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
            }
        }
    }
    if (kind == "VacuumStmt" && node["is_vacuumcmd"].boolean()) { return "VACUUM"; }
    if (kind == "CreatedbStmt") { return "CREATE DATABASE"; }
    if (kind == "DropdbStmt") { return "DROP DATABASE"; }
    if (kind == "CreateTableSpaceStmt") { return "CREATE TABLESPACE"; }
    if (kind == "DropTableSpaceStmt") { return "DROP TABLESPACE"; }
    if (kind == "AlterSystemStmt") { return "ALTER SYSTEM"; }
    if (kind == "AlterDatabaseStmt" && has_option(node["options"], "tablespace")) {
        return "ALTER DATABASE ... SET TABLESPACE";
    }
    if (kind == "ClusterStmt" && !node["relation"]) { return "CLUSTER without a table"; }
    if (kind == "DiscardStmt" && node["target"].str() == "DISCARD_ALL") { return "DISCARD ALL"; }
    if (kind == "CreateSubscriptionStmt" && !has_option(node["options"], "create_slot") &&
        !has_option(node["options"], "connect")) {
        return "CREATE SUBSCRIPTION";
    }
    if (kind == "DropSubscriptionStmt") { return "DROP SUBSCRIPTION"; }
    return {};
}

class NonTransactionalStatement final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::non_transactional_statement; }

    void check(const FileContext& context, Findings& out) const override {
        const auto& statements = context.parsed.statements;
        bool marked = context.migration.directives.no_transaction;
        for (std::size_t i = 0; i < statements.size(); ++i) {
            std::string what = refused(statements[i], context.postgres_major);
            if (!marked && !what.empty()) {
                out.add(context.migration.file, statements[i],
                        what + " cannot run inside a transaction block, and the runner wraps this file in one",
                        "move it to a migration of its own that starts with `-- schemagate:no-transaction`");
            } else if (marked && i == 1) {
                out.add(context.migration.file, statements[i],
                        "a `-- schemagate:no-transaction` migration holds " + std::to_string(statements.size()) +
                            " statements: a failure part-way leaves the earlier ones applied",
                        "keep only the statement that needs to run outside a transaction; move the others to another "
                        "migration");
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_non_transactional_statement() { return std::make_unique<NonTransactionalStatement>(); }

}  // namespace linter
