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
    const RuleMeta& meta() const override {
        static const RuleMeta meta{
            "require-where-clause", core::Severity::warning,
            "UPDATE or DELETE without WHERE locks every row of an existing table until the migration commits",
            "UPDATE users SET plan = 'free';",
            "UPDATE users SET plan = 'free' WHERE plan IS NULL AND id BETWEEN 1 AND 10000;",
        };
        return meta;
    }

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
