// primary-key-on-nullable-columns: ADD PRIMARY KEY USING INDEX sets NOT NULL on the index's
// columns; each one that is nullable is checked by a full scan of the table under the
// ACCESS EXCLUSIVE lock of the ALTER TABLE. A column counts as proven NOT NULL when this
// file set it NOT NULL before, or (PostgreSQL 12+) added a validated CHECK (col IS NOT NULL).
// When the index was built in another migration its columns are not known here: the rule
// then reports the statement and names the index.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <map>
#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) { out += (out.empty() ? "" : ", ") + name; }
    return out;
}

class PrimaryKeyOnNullableColumns final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::primary_key_on_nullable_columns; }

    void check(const FileContext& context, Findings& out) const override {
        bool checks_count = holds(Fact::set_not_null_uses_check, context.postgres_major);
        std::map<std::string, std::vector<std::string>> index_columns;  // index name -> columns
        std::set<std::string> not_null;                                 // "table:column"
        for (const Statement& statement : context.parsed.statements) {
            if (statement.kind == "IndexStmt") {
                Node index = statement.node.inner();
                std::vector<std::string>& columns = index_columns[std::string(index["idxname"].str())];
                for (const Node& param : index["indexParams"].items()) {
                    columns.emplace_back(param["IndexElem"]["name"].str());
                }
            }
        }
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            std::string table = relation_name(relation);
            std::string_view subtype = cmd["subtype"].str();
            Node constraint = cmd["def"]["Constraint"];
            if (subtype == "AT_SetNotNull") { not_null.insert(table + ":" + std::string(cmd["name"].str())); }
            if (checks_count && subtype == "AT_AddConstraint" && constraint["contype"].str() == "CONSTR_CHECK" &&
                !constraint["skip_validation"].boolean()) {
                Node test = constraint["raw_expr"]["NullTest"];
                NodeItems fields = test["arg"]["ColumnRef"]["fields"].items();
                if (test["nulltesttype"].str() == "IS_NOT_NULL" && !fields.empty()) {
                    not_null.insert(table + ":" + std::string(fields[fields.size() - 1]["String"]["sval"].str()));
                }
            }
            if (subtype != "AT_AddConstraint" || constraint["contype"].str() != "CONSTR_PRIMARY" ||
                constraint["indexname"].str().empty()) {
                return;
            }
            std::string index(constraint["indexname"].str());
            auto known = index_columns.find(index);
            std::string help =
                "SET NOT NULL on the columns first (after a validated CHECK (col IS NOT NULL) on "
                "PostgreSQL 12+, that is no scan), then attach the index";
            if (known == index_columns.end()) {
                out.add(context.migration.file, statement,
                        "PRIMARY KEY USING INDEX " + index +
                            " sets its columns NOT NULL: each nullable one is checked by a "
                            "full scan of " +
                            table + " under an ACCESS EXCLUSIVE lock (the index is not built in this file)",
                        help);
                return;
            }
            std::vector<std::string> nullable;
            for (const std::string& column : known->second) {
                if (!column.empty() && not_null.count(table + ":" + column) == 0) { nullable.push_back(column); }
            }
            if (nullable.empty()) { return; }
            out.add(context.migration.file, statement,
                    "PRIMARY KEY USING INDEX " + index + " sets " + joined(nullable) + " NOT NULL, which scans " +
                        table + " under an ACCESS EXCLUSIVE lock unless the column is already NOT NULL",
                    help);
        });
    }
};

}  // namespace

std::unique_ptr<Rule> make_primary_key_on_nullable_columns() { return std::make_unique<PrimaryKeyOnNullableColumns>(); }

}  // namespace linter
