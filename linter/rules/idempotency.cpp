// idempotency: a statement that fails or duplicates data when the migration is re-run
// (after a partial failure, on a restored database, by a tool that replays files).
// Accepted guards: IF NOT EXISTS / OR REPLACE / IF EXISTS where PostgreSQL has them;
// a preceding DROP ... IF EXISTS of the same object in the file; for DO blocks, a block
// that checks the catalog or catches an exception; for INSERT, ON CONFLICT or WHERE NOT EXISTS.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/rules/idempotency_guards.hpp"

#include <algorithm>
#include <memory>
#include <set>

namespace linter {
namespace {

using namespace rules;

const std::string k_rerun = " fails when the migration is re-run";

class Check {
public:
    Check(const FileContext& context, const Statement& statement, std::set<std::string>& guards, Findings& out)
            : m_file(context.parsed),
              m_name(context.migration.file),
              m_statement(statement),
              m_guards(guards),
              m_out(out),
              m_node(statement.node.inner()) {}

    void run() {
        std::string_view kind = m_statement.kind;
        // A temporary table dropped at commit is gone before the file could run again.
        if (kind == "CreateStmt" && m_node["oncommit"].str() == "ONCOMMIT_DROP") { return; }
        if (kind == "CreateStmt") {
            if_not_exists("CREATE TABLE", "table", relation_name(m_node["relation"]), m_node["relation"]);
        } else if (kind == "CreateSeqStmt") {
            if_not_exists("CREATE SEQUENCE", "sequence", relation_name(m_node["sequence"]), m_node["sequence"]);
        } else if (kind == "CreateTableAsStmt") {
            create_table_as();
        } else if (kind == "IndexStmt") {
            create_index();
        } else if (kind == "CreateSchemaStmt") {
            if_not_exists_after("CREATE SCHEMA", "schema", m_node["schemaname"].str(), {"SCHEMA"});
        } else if (kind == "CreateExtensionStmt") {
            if_not_exists_after("CREATE EXTENSION", "extension", m_node["extname"].str(), {"EXTENSION"});
        } else if (kind == "ViewStmt") {
            or_replace("CREATE VIEW", "view", relation_name(m_node["view"]));
        } else if (kind == "CreateFunctionStmt") {
            create_function();
        } else if (kind == "CreateTrigStmt") {
            create_trigger();
        } else if (kind == "RuleStmt") {
            or_replace("CREATE RULE", "rule", m_node["rulename"].str(), relation_name(m_node["relation"]));
        } else if (kind == "CreateEnumStmt" || kind == "CreateRangeStmt") {
            guarded("CREATE TYPE", "type", dotted(m_node["typeName"].names()));
        } else if (kind == "CompositeTypeStmt") {
            guarded("CREATE TYPE", "type", relation_name(m_node["typevar"]));
        } else if (kind == "DefineStmt") {
            define();
        } else if (kind == "CreateDomainStmt") {
            guarded("CREATE DOMAIN", "type", dotted(m_node["domainname"].names()));
        } else if (kind == "CreatePolicyStmt") {
            create_policy();
        } else if (kind == "CreateRoleStmt") {
            guarded("CREATE ROLE", "role", std::string(m_node["role"].str()));
        } else if (kind == "AlterTableStmt") {
            alter_table();
        } else if (kind == "AlterEnumStmt") {
            alter_enum();
        } else if (kind == "DropStmt") {
            drop();
        } else if (kind == "DropRoleStmt" || kind == "DropdbStmt" || kind == "DropTableSpaceStmt" ||
                   kind == "DropSubscriptionStmt") {
            drop_other();
        } else if (kind == "RenameStmt") {
            rename();
        } else if (kind == "InsertStmt") {
            insert();
        } else if (kind == "DoStmt") {
            do_block();
        }
    }

private:
    void add(const std::string& message, const std::string& help) { m_out.add(m_name, m_statement, message, help); }
    bool is_guarded(std::string_view type, std::string_view name, std::string_view table = {}) const {
        return m_guards.count(guard_key(type, name, table)) > 0;
    }
    std::string wrap_in_do_block() const {
        std::string_view text = text_of(m_file, m_statement);
        std::string head(text.substr(0, std::min<std::size_t>(text.size(), 60)));
        std::replace(head.begin(), head.end(), '\n', ' ');
        return "wrap it: DO $$ BEGIN " + head + (text.size() > 60 ? " ..." : "") +
               "; EXCEPTION WHEN duplicate_object THEN NULL; END $$";
    }

    // IF NOT EXISTS goes before the object's name (a RangeVar with a location).
    void if_not_exists(const std::string& what, std::string_view type, const std::string& name, Node range_var) {
        if (m_node["if_not_exists"].boolean() || is_guarded(type, name)) { return; }
        std::int64_t at = range_var.location();
        add(what + " without IF NOT EXISTS" + k_rerun + " (" + name + " already exists)",
            at >= 0 ? write_with(m_file, m_statement, static_cast<std::size_t>(at), "IF NOT EXISTS ")
                    : "add IF NOT EXISTS after " + what);
    }
    void if_not_exists_after(const std::string& what, std::string_view type, std::string_view name,
                             const std::vector<std::string_view>& words) {
        if (m_node["if_not_exists"].boolean() || is_guarded(type, name)) { return; }
        auto at = after_words(m_file, m_statement, words);
        add(what + " without IF NOT EXISTS" + k_rerun + " (" + std::string(name) + " already exists)",
            at ? write_with(m_file, m_statement, *at, " IF NOT EXISTS") : "add IF NOT EXISTS after " + what);
    }
    void or_replace(const std::string& what, std::string_view type, std::string_view name,
                    std::string_view table = {}) {
        if (m_node["replace"].boolean() || is_guarded(type, name, table)) { return; }
        auto at = after_words(m_file, m_statement, {"CREATE"});
        add(what + " without OR REPLACE" + k_rerun + " (" + std::string(name) + " already exists)",
            at ? write_with(m_file, m_statement, *at, " OR REPLACE") : "write CREATE OR REPLACE");
    }
    void guarded(const std::string& what, std::string_view type, const std::string& name, std::string_view table = {},
                 const std::string& help = {}) {
        if (is_guarded(type, name, table)) { return; }
        add(what + " has no IF NOT EXISTS and" + k_rerun + " (" + name +
                " already exists): guard it with a DO block that catches duplicate_object",
            help.empty() ? wrap_in_do_block() : help);
    }

    void create_table_as() {
        bool matview = m_node["objtype"].str() == "OBJECT_MATVIEW";
        Node rel = m_node["into"]["rel"];
        if_not_exists(matview ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE AS", matview ? "matview" : "table",
                      relation_name(rel), rel);
    }
    void create_index() {
        if (m_node["if_not_exists"].boolean()) { return; }
        std::string_view name = m_node["idxname"].str();
        if (name.empty()) {
            add("CREATE INDEX without a name creates another copy of the index every time the migration is re-run",
                "name the index and write CREATE INDEX IF NOT EXISTS <name> ON " + relation_name(m_node["relation"]) +
                    " (...)");
            return;
        }
        if (is_guarded("index", name)) { return; }
        auto at = after_words(m_file, m_statement, {"INDEX"}, "CONCURRENTLY");
        add("CREATE INDEX without IF NOT EXISTS" + k_rerun + " (" + std::string(name) + " already exists)",
            at ? write_with(m_file, m_statement, *at, " IF NOT EXISTS") : "add IF NOT EXISTS after CREATE INDEX");
    }
    void create_function() {
        bool procedure = m_node["is_procedure"].boolean();
        or_replace(procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION", "function", dotted(m_node["funcname"].names()));
    }
    void create_trigger() {
        std::string name(m_node["trigname"].str());
        std::string table = relation_name(m_node["relation"]);
        if (m_node["replace"].boolean() || is_guarded("trigger", name, table)) { return; }
        if (m_node["isconstraint"].boolean()) {
            add("CREATE CONSTRAINT TRIGGER" + k_rerun + " (" + name +
                    " already exists): precede it with DROP TRIGGER IF EXISTS",
                "write DROP TRIGGER IF EXISTS " + name + " ON " + table + "; before it");
            return;
        }
        or_replace("CREATE TRIGGER", "trigger", name, table);
    }
    void define() {
        std::string_view kind = m_node["kind"].str();
        std::string name = dotted(m_node["defnames"].names());
        if (kind == "OBJECT_AGGREGATE") {
            or_replace("CREATE AGGREGATE", "aggregate", name);
        } else if (kind == "OBJECT_COLLATION") {
            if_not_exists_after("CREATE COLLATION", "collation", name, {"COLLATION"});
        } else if (kind == "OBJECT_TYPE") {
            guarded("CREATE TYPE", "type", name);
        } else if (kind == "OBJECT_OPERATOR") {
            guarded("CREATE OPERATOR", "operator", name);
        }
    }
    void create_policy() {
        std::string name(m_node["policy_name"].str());
        std::string table = relation_name(m_node["table"]);
        if (is_guarded("policy", name, table)) { return; }
        add("CREATE POLICY has no IF NOT EXISTS and" + k_rerun + " (" + name +
                " already exists): precede it with DROP POLICY IF EXISTS",
            "write DROP POLICY IF EXISTS " + name + " ON " + table + "; before it");
    }

    void alter_table() {
        std::string table = relation_name(m_node["relation"]);
        for (const Node& cmd : table_commands(m_statement)) {
            std::string_view subtype = cmd["subtype"].str();
            if (subtype == "AT_AddColumn" && !cmd["missing_ok"].boolean()) {
                Node column = cmd["def"]["ColumnDef"];
                std::int64_t at = column.location();
                add("ADD COLUMN without IF NOT EXISTS" + k_rerun + " (column " + std::string(column["colname"].str()) +
                        " already exists)",
                    at >= 0 ? write_with(m_file, m_statement, static_cast<std::size_t>(at), "IF NOT EXISTS ")
                            : "write ADD COLUMN IF NOT EXISTS");
            } else if (subtype == "AT_DropColumn" && !cmd["missing_ok"].boolean()) {
                drop_part("DROP COLUMN", {"DROP", "COLUMN"}, cmd["name"].str());
            } else if (subtype == "AT_DropConstraint" && !cmd["missing_ok"].boolean()) {
                drop_part("DROP CONSTRAINT", {"DROP", "CONSTRAINT"}, cmd["name"].str());
            } else if (subtype == "AT_AddConstraint") {
                add_constraint(cmd["def"]["Constraint"], table);
            }
        }
    }
    void drop_part(const std::string& what, const std::vector<std::string_view>& words, std::string_view name) {
        auto at = after_words(m_file, m_statement, words);
        add(what + " without IF EXISTS" + k_rerun + " (" + std::string(name) + " is already gone)",
            at ? write_with(m_file, m_statement, *at, " IF EXISTS") : "write " + what + " IF EXISTS");
    }
    void add_constraint(Node constraint, const std::string& table) {
        std::string name(constraint["conname"].str());
        if (name.empty()) {
            std::string_view type = constraint["contype"].str();
            if (type == "CONSTR_CHECK" || type == "CONSTR_FOREIGN") {
                add("ADD CONSTRAINT without a name adds another copy of the constraint every time the migration is "
                    "re-run",
                    "name the constraint and precede it with ALTER TABLE " + table +
                        " DROP CONSTRAINT IF EXISTS <name>");
            }
            return;
        }
        // One DROP CONSTRAINT IF EXISTS makes room for one ADD CONSTRAINT of that name.
        if (m_guards.erase(guard_key("constraint", name, table)) > 0) { return; }
        add("ADD CONSTRAINT has no IF NOT EXISTS and" + k_rerun + " (" + name +
                " already exists): precede it with DROP CONSTRAINT IF EXISTS",
            "write ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name + "; before it");
    }
    void alter_enum() {
        if (!m_node["oldVal"].str().empty()) {
            add("ALTER TYPE ... RENAME VALUE" + k_rerun + " (the old value is gone)",
                "guard it with a DO block that checks pg_enum for the old value first");
        } else if (!m_node["skipIfNewValExists"].boolean()) {
            auto at = after_words(m_file, m_statement, {"ADD", "VALUE"});
            add("ALTER TYPE ... ADD VALUE without IF NOT EXISTS" + k_rerun + " (the value already exists)",
                at ? write_with(m_file, m_statement, *at, " IF NOT EXISTS") : "write ADD VALUE IF NOT EXISTS");
        }
    }

    void drop() {
        if (m_node["missing_ok"].boolean()) { return; }
        std::vector<std::string_view> words = drop_words(m_node["removeType"].str());
        std::string what = "DROP";
        for (std::string_view word : words) { what += " " + std::string(word); }
        if (words.empty()) { what = "DROP"; }
        words.insert(words.begin(), "DROP");
        auto at = after_words(m_file, m_statement, words, "CONCURRENTLY");
        add(what + " without IF EXISTS" + k_rerun + " (the object is already gone)",
            at ? write_with(m_file, m_statement, *at, " IF EXISTS") : "add IF EXISTS after " + what);
    }
    void drop_other() {
        if (m_node["missing_ok"].boolean()) { return; }
        std::string_view kind = m_statement.kind;
        std::vector<std::string_view> words = kind == "DropRoleStmt" ? std::vector<std::string_view>{"DROP", "ROLE"}
                                              : kind == "DropdbStmt" ? std::vector<std::string_view>{"DROP", "DATABASE"}
                                              : kind == "DropTableSpaceStmt"
                                                  ? std::vector<std::string_view>{"DROP", "TABLESPACE"}
                                                  : std::vector<std::string_view>{"DROP", "SUBSCRIPTION"};
        std::string what = std::string(words[0]) + " " + std::string(words[1]);
        auto at = after_words(m_file, m_statement, words);
        if (!at && kind == "DropRoleStmt") { at = after_words(m_file, m_statement, {"DROP", "USER"}); }
        add(what + " without IF EXISTS" + k_rerun + " (the object is already gone)",
            at ? write_with(m_file, m_statement, *at, " IF EXISTS") : "add IF EXISTS after " + what);
    }
    void rename() {
        std::string_view type = m_node["renameType"].str();
        bool relation = type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
                        type == "OBJECT_INDEX" || type == "OBJECT_SEQUENCE" || type == "OBJECT_FOREIGN_TABLE";
        if (relation && m_node["missing_ok"].boolean()) { return; }
        std::string what = type == "OBJECT_COLUMN"          ? "RENAME COLUMN"
                           : type == "OBJECT_TABCONSTRAINT" ? "RENAME CONSTRAINT"
                                                            : "RENAME";
        add(what + k_rerun + " (the old name no longer exists)",
            relation ? "write ALTER ... IF EXISTS <old> RENAME TO <new>, which skips the rename once it is done"
                     : "guard it with a DO block that checks the catalog (e.g. information_schema.columns) for the old "
                       "name");
    }
    void insert() {
        if (m_node["onConflictClause"] || m_node["selectStmt"].contains("SubLink")) { return; }
        add("INSERT without ON CONFLICT or WHERE NOT EXISTS inserts the rows again (or fails on a unique key) "
            "when the migration is re-run",
            "add ON CONFLICT DO NOTHING (with a unique key on the inserted rows) or INSERT ... SELECT ... WHERE NOT "
            "EXISTS (...)");
    }
    void do_block() {
        std::string what = unguarded_in_do_block(m_statement);
        if (what.empty()) { return; }
        add("DO block runs " + what + " without a guard and" + k_rerun,
            "check the catalog first (IF NOT EXISTS (SELECT FROM pg_catalog...) THEN ...) or add "
            "EXCEPTION WHEN duplicate_object THEN NULL");
    }

    const ParsedFile& m_file;
    const std::string& m_name;
    const Statement& m_statement;
    std::set<std::string>& m_guards;
    Findings& m_out;
    Node m_node;
};

class Idempotency final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::idempotency; }

    void check(const FileContext& context, Findings& out) const override {
        std::set<std::string> guards;
        for (const Statement& statement : context.parsed.statements) {
            // A statement's own DROP ... IF EXISTS guards what it adds after (ALTER TABLE t
            // DROP CONSTRAINT IF EXISTS c, ADD CONSTRAINT c ...).
            for (std::string& key : dropped_if_exists(statement)) { guards.insert(std::move(key)); }
            Check(context, statement, guards, out).run();
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_idempotency() { return std::make_unique<Idempotency>(); }

}  // namespace linter
