// require-concurrent-partition-detach: DETACH PARTITION without CONCURRENTLY takes an ACCESS
// EXCLUSIVE lock on the partitioned table. DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+)
// takes SHARE UPDATE EXCLUSIVE on it instead; before 14 there is no non-blocking form.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireConcurrentPartitionDetach final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_concurrent_partition_detach; }

    void check(const FileContext& context, Findings& out) const override {
        bool concurrent_exists = holds(Fact::detach_partition_concurrently, context.postgres_major);
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_DetachPartition" || cmd["def"]["PartitionCmd"]["concurrent"].boolean()) {
                return;
            }
            out.add(context.migration.file, statement,
                    "detaching partition " + relation_name(cmd["def"]["PartitionCmd"]["name"]) +
                        " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " + relation_name(relation) +
                        " that blocks reads and writes",
                    concurrent_exists
                        ? "write DETACH PARTITION ... CONCURRENTLY, alone in a `-- schemagate:no-transaction` migration"
                        : "DETACH PARTITION CONCURRENTLY needs PostgreSQL 14: detach in a maintenance window");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_partition_detach() {
    return std::make_unique<RequireConcurrentPartitionDetach>();
}

}  // namespace linter
