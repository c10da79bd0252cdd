// ban-duplicate-column-assignments: UPDATE ... SET a = 1, a = 2 and INSERT INTO t (a, a)
// assign one column twice; PostgreSQL rejects the statement ("multiple assignments to same
// column"), so the migration fails when applied.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

// The first column (with its subscript or field path, e.g. "tags[1]") named twice in a
// ResTarget list; null when none.
Node duplicate_target(Node targets) {
    std::set<std::string> seen;
    for (const Node& item : targets.items()) {
        Node target = item["ResTarget"];
        std::string name(target["name"].str());
        if (target["indirection"]) { continue; }  // a[1] = .., a[2] = .. assign different elements
        if (!seen.insert(name).second) { return target; }
    }
    return {};
}

class BanDuplicateColumnAssignments final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::ban_duplicate_column_assignments; }

    void check(const FileContext& context, Findings& out) const override {
        for (const Statement& statement : context.parsed.statements) {
            Node node = statement.node.inner();
            Node duplicate;
            if (statement.kind == "UpdateStmt") { duplicate = duplicate_target(node["targetList"]); }
            if (statement.kind == "InsertStmt") {
                duplicate = duplicate_target(node["cols"]);
                if (!duplicate) { duplicate = duplicate_target(node["onConflictClause"]["targetList"]); }
            }
            if (!duplicate) { continue; }
            out.add(context.migration.file, position_of(context.parsed, statement, duplicate), statement.last,
                    "column " + std::string(duplicate["name"].str()) +
                        " is assigned twice: PostgreSQL rejects the statement (multiple assignments to same column)",
                    "keep one assignment of " + std::string(duplicate["name"].str()));
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_ban_duplicate_column_assignments() {
    return std::make_unique<BanDuplicateColumnAssignments>();
}

}  // namespace linter
