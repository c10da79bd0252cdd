// ban-truncate-cascade: TRUNCATE ... CASCADE also empties every table that references the
// truncated ones by foreign key, recursively — tables the author may not know of — under
// ACCESS EXCLUSIVE locks on all of them.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanTruncateCascade final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_truncate_cascade; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            Node truncate = statement.node.inner();
            if (statement.kind != "TruncateStmt" || truncate["behavior"].str() != "DROP_CASCADE") { continue; }
            out.add(context.migration.file, statement,
                    "TRUNCATE ... CASCADE also empties every table with a foreign key to " +
                        relation_name(truncate["relations"].items().front()["RangeVar"]) +
                        ", recursively, under ACCESS EXCLUSIVE locks on all of them",
                    "name every table to empty in the TRUNCATE and drop CASCADE, so that a new reference fails instead "
                    "of losing data");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_truncate_cascade() { return std::make_unique<BanTruncateCascade>(); }

}  // namespace linter
