// prefer-repack: CLUSTER and VACUUM FULL rewrite the whole table while holding an ACCESS
// EXCLUSIVE lock: no reads, no writes until the copy is done. pg_repack (or pg_squeeze)
// rebuilds a table online.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class PreferRepack final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::prefer_repack; }

    void check(const FileContext& context, Findings& out) const override {
        NewTables created;
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node node = statement.node.inner();
            std::string what;
            Node relation;
            if (statement.kind == "ClusterStmt") {
                what = "CLUSTER";
                relation = node["relation"];
            } else if (statement.kind == "VacuumStmt" && node["is_vacuumcmd"].boolean() &&
                       option_enabled(node["options"], "full")) {
                what = "VACUUM FULL";
                relation = node["rels"].items().front()["VacuumRelation"]["relation"];
            } else {
                continue;
            }
            if (relation && created.contains(relation)) { continue; }
            std::string target = relation ? relation_name(relation) : std::string("every table it covers");
            out.add(
                context.migration.file, statement,
                what + " rewrites " + target + " while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                "rebuild the table online with pg_repack (or pg_squeeze) outside the migration, or run it in a "
                "maintenance window");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_prefer_repack() { return std::make_unique<PreferRepack>(); }

}  // namespace linter
