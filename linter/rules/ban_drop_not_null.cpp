// ban-drop-not-null: DROP NOT NULL lets NULLs into a column that running code (and its
// readers) assume is never NULL; it takes a brief ACCESS EXCLUSIVE lock, without a scan.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class BanDropNotNull final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_drop_not_null; }

    void check(const FileContext& context, Findings& out) const override {
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_DropNotNull") { return; }
            out.add(context.migration.file, statement,
                    "dropping NOT NULL on " + relation_name(relation) + "." + std::string(cmd["name"].str()) +
                        " lets NULLs in where running code assumes none (ACCESS EXCLUSIVE lock, no scan)",
                    "deploy code that handles NULL first, then suppress this with a reason naming that release");
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_not_null() { return std::make_unique<BanDropNotNull>(); }

}  // namespace linter
