// require-foreign-key-index: a foreign key whose referencing columns lead no index. Every
// DELETE of a referenced row (and UPDATE of its key) then scans the referencing table, and
// ON DELETE CASCADE locks rows found that way. Checked statically where it can be decided:
// for tables the file creates, against the indexes the same file builds (primary key,
// UNIQUE, CREATE INDEX, at any point of the file). A foreign key added to an existing table
// is not reported: its index may come from an earlier migration, which one file cannot see.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

using Columns = std::vector<std::string_view>;

struct ForeignKey {
    const Statement* statement;
    Node constraint;
    std::string table;
    Columns columns;
};

// True when the first columns.size() columns of `index` are `columns` in any order.
bool leads(const Columns& index, const Columns& columns) {
    if (columns.empty() || index.size() < columns.size()) { return false; }
    std::set<std::string_view> lead(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(columns.size()));
    return lead == std::set<std::string_view>(columns.begin(), columns.end());
}

// False when `text` cannot hold a foreign key: each is written with the keyword REFERENCES
// (column or table constraint), in any case. Most files have none, and then no statement is
// walked (clean-1000: the rule was 6.6% of a cold lint's instructions).
bool may_have_foreign_key(std::string_view text) {
    constexpr std::string_view k_word = "references";
    auto same = [](char a, char b) { return (a | 0x20) == b; };  // b: a lower-case letter
    return std::search(text.begin(), text.end(), k_word.begin(), k_word.end(), same) != text.end();
}

class RequireForeignKeyIndex final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::require_foreign_key_index; }

    void check(const FileContext& context, Findings& out) const override {
        if (!may_have_foreign_key(context.parsed.text)) { return; }
        NewTables created;
        std::vector<ForeignKey> keys;
        std::map<std::string, std::vector<Columns>> indexes;  // table name (without schema) -> index column lists
        for (const Statement& statement : context.parsed.statements) {
            created.add(statement);
            Node node = statement.node.inner();
            if (statement.kind == "IndexStmt") {
                Columns columns;
                for (const Node& param : node["indexParams"].items()) {
                    columns.push_back(param["IndexElem"]["name"].str());
                }
                indexes[std::string(node["relation"]["relname"].str())].push_back(columns);
            }
            if (statement.kind == "CreateStmt") {
                for (const Node& element : node["tableElts"].items()) {
                    collect(statement, node["relation"], element, keys, indexes);
                }
            }
            if (statement.kind == "AlterTableStmt" && created.contains(node["relation"])) {
                for (const Node& cmd : table_commands(statement)) {
                    collect(statement, node["relation"], cmd["def"], keys, indexes);
                }
            }
        }
        for (const ForeignKey& key : keys) {
            const auto& known = indexes[key.table];
            if (std::any_of(known.begin(), known.end(),
                            [&](const Columns& index) { return leads(index, key.columns); })) {
                continue;
            }
            std::string columns;
            for (std::string_view column : key.columns) {
                columns += (columns.empty() ? "" : ", ") + std::string(column);
            }
            out.add(context.migration.file, position_of(context.parsed, *key.statement, key.constraint),
                    key.statement->last,
                    "no index leads with the foreign key columns (" + columns + ") of " + key.table +
                        ": every delete of a referenced row scans " + key.table,
                    "add CREATE INDEX ... ON " + key.table + " (" + columns + ") in this migration");
        }
    }

private:
    // Records the foreign keys and key indexes of one table element (ColumnDef or Constraint).
    static void collect(const Statement& statement, Node relation, Node element, std::vector<ForeignKey>& keys,
                        std::map<std::string, std::vector<Columns>>& indexes) {
        std::string table(relation["relname"].str());
        auto record = [&](Node constraint, const Columns& own) {
            std::string_view type = constraint["contype"].str();
            Columns columns = constraint["keys"] ? key_names(constraint["keys"]) : own;
            if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") { indexes[table].push_back(columns); }
            if (type == "CONSTR_FOREIGN") {
                Columns referencing = constraint["fk_attrs"] ? key_names(constraint["fk_attrs"]) : own;
                keys.push_back({&statement, constraint, table, referencing});
            }
        };
        if (Node column = element["ColumnDef"]) {
            for (const Node& item : column["constraints"].items()) {
                record(item["Constraint"], {column["colname"].str()});
            }
        } else if (Node constraint = element["Constraint"]) {
            record(constraint, {});
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_require_foreign_key_index() { return std::make_unique<RequireForeignKeyIndex>(); }

}  // namespace linter
