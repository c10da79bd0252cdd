// require-concurrent-index-deletion: DROP INDEX without CONCURRENTLY takes an ACCESS
// EXCLUSIVE lock on the index's table, blocking reads and writes until it is dropped
// (which waits for every transaction using the table). Indexes the file created are spared.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

class RequireConcurrentIndexDeletion final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_concurrent_index_deletion; }

    void check(const FileContext& context, Findings& out) const override {
        std::set<std::string_view> created;  // index names built by this file
        for (const Statement& statement : context.parsed.statements) {
            Node node = statement.node.inner();
            if (statement.kind == "IndexStmt") { created.insert(node["idxname"].str()); }
            if (statement.kind != "DropStmt" || node["removeType"].str() != "OBJECT_INDEX" ||
                node["concurrent"].boolean()) {
                continue;
            }
            for (const Node& object : node["objects"].items()) {
                std::vector<std::string_view> names = object["List"]["items"].names();
                if (names.empty() || created.count(names.back()) > 0) { continue; }
                auto at = after_words(context.parsed, statement, {"INDEX"});
                out.add(context.migration.file, statement,
                        "dropping index " + dotted(names) +
                            " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table that blocks reads and "
                            "writes",
                        (at ? write_with(context.parsed, statement, *at, " CONCURRENTLY")
                            : std::string("write DROP INDEX CONCURRENTLY")) +
                            ", alone in a `-- schemagate:no-transaction` migration");
                break;
            }
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_index_deletion() {
    return std::make_unique<RequireConcurrentIndexDeletion>();
}

}  // namespace linter
