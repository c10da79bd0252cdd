// require-enum-value-ordering (off by default): ALTER TYPE ... ADD VALUE without BEFORE or
// AFTER appends the value last, and enums sort in declaration order — for an enum whose order
// means something (ORDER BY status, status < 'shipped') the new value should be placed.
// Off by default: most enums are unordered labels and appending is what is meant.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>

namespace linter {
namespace {

using namespace rules;

class RequireEnumValueOrdering final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_enum_value_ordering; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            Node alter = statement.node.inner();
            if (statement.kind != "AlterEnumStmt" || !alter["newVal"] || alter["oldVal"] || alter["newValNeighbor"]) {
                continue;
            }
            out.add(context.migration.file, statement,
                    "adding value '" + std::string(alter["newVal"].str()) + "' to enum " +
                        dotted(alter["typeName"].names()) +
                        " without BEFORE or AFTER puts it last in the enum's sort order",
                    "write ADD VALUE ... BEFORE or AFTER the value it belongs next to");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_enum_value_ordering() { return std::make_unique<RequireEnumValueOrdering>(); }

}  // namespace linter
