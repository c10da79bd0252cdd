// require-table-schema (off by default): CREATE TABLE, ALTER TABLE and CREATE INDEX with an
// unqualified table name resolve it through search_path, which the session running the
// migration sets — a migration tool, a role's default or a `SET search_path` can put the
// table in, or take it from, another schema than meant. Off by default: most projects use
// one schema and a fixed search_path.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireTableSchema final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_table_schema; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            if (statement.kind != "CreateStmt" && statement.kind != "AlterTableStmt" && statement.kind != "IndexStmt") {
                continue;
            }
            Node relation = statement.node.inner()["relation"];
            if (!relation || !relation["schemaname"].str().empty() || relation["relpersistence"].str() == "t") {
                continue;
            }
            out.add(context.migration.file, position_of(context.parsed, statement, relation), {},
                    "table " + std::string(relation["relname"].str()) +
                        " is named without a schema: it resolves through the session's search_path",
                    "qualify it, e.g. public." + std::string(relation["relname"].str()));
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_table_schema() { return std::make_unique<RequireTableSchema>(); }

}  // namespace linter
