// adding-field-with-default: ADD COLUMN whose value must be computed per row — a volatile
// DEFAULT (random(), gen_random_uuid(), clock_timestamp(), nextval() of a serial, a user
// function), GENERATED ... STORED or an identity — rewrites the whole table under an
// ACCESS EXCLUSIVE lock. Before PostgreSQL 11 any non-NULL DEFAULT does.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/version_facts.hpp"

#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

// Built-in functions that are not VOLATILE (pg_proc.provolatile 'i' or 's'): a DEFAULT
// calling only these is evaluated once, at ALTER time, from PostgreSQL 11 on. Any other
// function counts as volatile (CREATE FUNCTION's default volatility is VOLATILE).
bool non_volatile_function(std::string_view name) {
    static const std::set<std::string_view, std::less<>> k_known = {"now",
                                                                    "transaction_timestamp",
                                                                    "statement_timestamp",
                                                                    "current_setting",
                                                                    "lower",
                                                                    "upper",
                                                                    "btrim",
                                                                    "trim",
                                                                    "length",
                                                                    "concat",
                                                                    "concat_ws",
                                                                    "to_char",
                                                                    "to_date",
                                                                    "to_timestamp",
                                                                    "to_number",
                                                                    "to_json",
                                                                    "to_jsonb",
                                                                    "json_build_object",
                                                                    "jsonb_build_object",
                                                                    "json_build_array",
                                                                    "jsonb_build_array",
                                                                    "array_fill",
                                                                    "make_date",
                                                                    "make_timestamp",
                                                                    "make_timestamptz",
                                                                    "make_interval",
                                                                    "date_trunc",
                                                                    "timezone",
                                                                    "abs",
                                                                    "round",
                                                                    "floor",
                                                                    "ceil",
                                                                    "md5",
                                                                    "encode",
                                                                    "decode",
                                                                    "replace",
                                                                    "substring",
                                                                    "substr",
                                                                    "left",
                                                                    "right",
                                                                    "lpad",
                                                                    "rpad",
                                                                    "format",
                                                                    "coalesce",
                                                                    "nullif",
                                                                    "greatest",
                                                                    "least",
                                                                    "current_database",
                                                                    "current_schema",
                                                                    "current_user",
                                                                    "session_user",
                                                                    "inet_client_addr",
                                                                    "pg_backend_pid",
                                                                    "version"};
    return k_known.count(name) > 0;
}

// Why the expression must be computed per row ("" when it need not): the first call of a
// function not known to be non-volatile. Walks the expression shapes a DEFAULT holds with
// an explicit stack (a default can be deeply nested).
std::string volatile_call(Node expression) {
    std::vector<Node> pending{expression};
    while (!pending.empty()) {
        Node node = pending.back();
        pending.pop_back();
        if (Node call = node["FuncCall"]) {
            std::vector<std::string_view> names = call["funcname"].names();
            std::string_view name = names.empty() ? std::string_view{} : names.back();
            if (!non_volatile_function(name)) { return std::string(name) + "()"; }
            for (const Node& arg : call["args"].items()) { pending.push_back(arg); }
        } else if (Node cast = node["TypeCast"]) {
            pending.push_back(cast["arg"]);
        } else if (Node op = node["A_Expr"]) {
            pending.push_back(op["lexpr"]);
            pending.push_back(op["rexpr"]);
        } else if (Node list = node["List"]) {
            for (const Node& item : list["items"].items()) { pending.push_back(item); }
        } else {
            for (std::string_view kind : {"CoalesceExpr", "MinMaxExpr", "BoolExpr", "RowExpr"}) {
                for (const Node& arg : node[kind]["args"].items()) { pending.push_back(arg); }
            }
            for (const Node& element : node["A_ArrayExpr"]["elements"].items()) { pending.push_back(element); }
            if (node["SubLink"]) { return "a subquery"; }
        }
    }
    return {};
}

class AddingFieldWithDefault final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::adding_field_with_default; }

    // One finding a statement (one ALTER TABLE rewrites once, however many columns it adds),
    // at the first column that needs the rewrite.
    void check(const FileContext& context, Findings& out) const override {
        bool fast_default = holds(Fact::fast_column_default, context.postgres_major);
        const Statement* reported = nullptr;
        for_each_existing_table_command(context, [&](const Statement& statement, Node relation, Node cmd) {
            if (cmd["subtype"].str() != "AT_AddColumn" || reported == &statement) { return; }
            Node column = cmd["def"]["ColumnDef"];
            std::string why = rewrite_reason(column, fast_default);
            if (why.empty()) { return; }
            reported = &statement;
            out.add(
                context.migration.file, position_of(context.parsed, statement, column), statement.last,
                "adding column " + std::string(column["colname"].str()) + " with " + why + " rewrites " +
                    relation_name(relation) + " while holding an ACCESS EXCLUSIVE lock that blocks reads and writes",
                fast_default ? "add the column without it, SET DEFAULT for new rows, and backfill old rows in batches"
                             : "before PostgreSQL 11 any DEFAULT rewrites: add the column NULL, SET DEFAULT, then "
                               "backfill in batches");
        });
    }

private:
    static std::string rewrite_reason(Node column, bool fast_default) {
        std::string_view type = type_name(column);
        if (type.find("serial") != std::string_view::npos) {
            return "type " + std::string(type) + " (a nextval() default)";
        }
        for (const Node& item : column["constraints"].items()) {
            Node constraint = item["Constraint"];
            std::string_view kind = constraint["contype"].str();
            if (kind == "CONSTR_GENERATED") { return "GENERATED ... STORED"; }
            if (kind == "CONSTR_IDENTITY") { return "GENERATED ... AS IDENTITY"; }
            if (kind != "CONSTR_DEFAULT") { continue; }
            Node expression = constraint["raw_expr"];
            if (!fast_default && !expression["A_Const"]["isnull"].boolean()) {
                return "a DEFAULT (before PostgreSQL 11)";
            }
            std::string call = volatile_call(expression);
            if (!call.empty()) { return "the volatile DEFAULT " + call; }
        }
        return {};
    }
};

}  // namespace

std::unique_ptr<Rule> make_adding_field_with_default() { return std::make_unique<AddingFieldWithDefault>(); }

}  // namespace linter
