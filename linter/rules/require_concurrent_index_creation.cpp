// require-concurrent-index-creation: CREATE INDEX without CONCURRENTLY on an existing
// table holds a SHARE lock, blocking every write to the table while the index builds.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireConcurrentIndexCreation final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_concurrent_index_creation; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            if (statement.kind != "IndexStmt") { continue; }
            Node index = statement.node.inner();
            if (created.contains(index["relation"])) { continue; }
            if (index["concurrent"].boolean()) {
                if (holds(Fact::concurrent_index_corruption, context.postgres_major)) {
                    out.add(context.migration.file, statement,
                            "on PostgreSQL 14.0 to 14.3, CREATE INDEX CONCURRENTLY can build an index that misses rows",
                            "run it on 14.4 or later (then suppress this with that reason), or check the index with "
                            "amcheck");
                }
                continue;
            }
            auto at = after_words(context.parsed, statement, {"INDEX"});
            out.add(context.migration.file, statement,
                    "creating an index without CONCURRENTLY takes a SHARE lock on " + relation_name(index["relation"]) +
                        " and blocks writes until the index is built",
                    (at ? write_with(context.parsed, statement, *at, " CONCURRENTLY")
                        : std::string("write CREATE INDEX CONCURRENTLY")) +
                        ", alone in a `-- schemagate:no-transaction` migration");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_creation() {
    return std::make_unique<RequireConcurrentIndexCreation>();
}

}  // namespace linter
