// require-where-clause: UPDATE or DELETE without WHERE on a table the migration did not
// create touches every row in one transaction: it holds a row lock on each (blocking every
// concurrent write to them) until the migration commits, and bloats the table. Tables
// created earlier in the same migration are spared (empty, unused).
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireWhereClause final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_where_clause; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            if (statement.kind != "UpdateStmt" && statement.kind != "DeleteStmt") { continue; }
            Node node = statement.node.inner();
            if (node["whereClause"] || created.contains(node["relation"])) { continue; }
            std::string verb = statement.kind == "UpdateStmt" ? "UPDATE" : "DELETE";
            out.add(context.migration.file, statement,
                    verb + " without WHERE changes every row of " + relation_name(node["relation"]) +
                        " and holds a lock on each row, blocking writes to them, until the migration commits",
                    "add a WHERE clause; for a backfill of a large table, update in batches outside the migration");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_where_clause() { return std::make_unique<RequireWhereClause>(); }

}  // namespace linter
