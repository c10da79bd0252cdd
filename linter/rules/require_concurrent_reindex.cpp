// require-concurrent-reindex: REINDEX without CONCURRENTLY holds a SHARE lock on the table
// (blocking writes) and an ACCESS EXCLUSIVE lock on each index (blocking reads that would use
// it) for the whole rebuild. REINDEX CONCURRENTLY exists from PostgreSQL 12.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireConcurrentReindex final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_concurrent_reindex; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        bool concurrent_exists = holds(Fact::reindex_concurrently, context.postgres_major);
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node reindex = statement.node.inner();
            if (statement.kind != "ReindexStmt") { continue; }
            if (option_enabled(reindex["params"], "concurrently")) {
                if (holds(Fact::concurrent_index_corruption, context.postgres_major)) {
                    out.add(context.migration.file, statement,
                            "on PostgreSQL 14.0 to 14.3, REINDEX CONCURRENTLY can build an index that misses rows",
                            "run it on 14.4 or later (then suppress this with that reason), or check the index with "
                            "amcheck");
                }
                continue;
            }
            std::string_view kind = reindex["kind"].str();
            if (kind == "REINDEX_OBJECT_SYSTEM" ||
                (kind == "REINDEX_OBJECT_TABLE" && created.contains(reindex["relation"]))) {
                continue;  // system catalogs cannot be reindexed concurrently; a new table is empty
            }
            std::string what = reindex["relation"] ? relation_name(reindex["relation"])
                                                   : std::string(reindex["name"].str());
            out.add(context.migration.file, statement,
                    "REINDEX of " + what +
                        " without CONCURRENTLY holds a SHARE lock on the table (blocking writes) and an "
                        "ACCESS EXCLUSIVE lock on each index (blocking reads that use it) until the rebuild ends",
                    concurrent_exists
                        ? "write REINDEX ... CONCURRENTLY, alone in a `-- schemagate:no-transaction` migration"
                        : "REINDEX CONCURRENTLY needs PostgreSQL 12: build a new index CONCURRENTLY and drop the "
                          "old one CONCURRENTLY instead");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_reindex() { return std::make_unique<RequireConcurrentReindex>(); }

}  // namespace linter
