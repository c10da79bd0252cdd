#pragma once
// Helpers shared by the rules: statement text, object names, positions, rewritten
// statements for help text, and what a file creates (lock rules spare new tables).

#include "linter/parse.hpp"
#include "linter/rule.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace linter::rules {

/// The statement's own text (without the terminating ';').
std::string_view text_of(const ParsedFile& file, const Statement& statement);

/// "schema.name" or "name" of a RangeVar node.
std::string relation_name(Node range_var);
/// Names joined with '.', e.g. {"public", "mood"} -> "public.mood".
std::string dotted(const std::vector<std::string_view>& names);

/// Position of a node's "location" (byte offset into the file), or the statement's start.
core::Position position_of(const ParsedFile& file, const Statement& statement, Node node);

/// Byte offset (into file.text) just after the first run of consecutive tokens equal to
/// `words` in the statement, and after `optional_next` when that token follows.
std::optional<std::size_t> after_words(const ParsedFile& file, const Statement& statement,
                                       const std::vector<std::string_view>& words, std::string_view optional_next = {});

/// Help text "write <statement with `insertion` at byte `offset`>", on one line and
/// shortened to about 100 characters with "(...)" / "...".
std::string write_with(const ParsedFile& file, const Statement& statement, std::size_t offset,
                       std::string_view insertion);

/// Tables the file creates (CREATE TABLE, CREATE TABLE AS, SELECT INTO), fed one
/// statement at a time in file order: lock rules spare tables that are new (and so
/// empty and unused) when a statement runs.
class NewTables {
public:
    /// Records the table a statement creates, if any.
    void add(const Statement& statement);
    /// True when the RangeVar names a table created by a statement seen so far.
    bool contains(Node range_var) const;
    /// The same for a "schema.name" or "name".
    bool contains_name(std::string_view name) const;

private:
    using QualifiedName = std::pair<std::string_view, std::string_view>;  ///< (schema or "", name)
    struct QualifiedNameHash {
        std::size_t operator()(const QualifiedName& name) const;
    };

    bool contains(std::string_view schema, std::string_view name) const;
    // Names as the parse tree holds them (unquoted names already folded to lowercase,
    // quoted ones exact, as PostgreSQL compares them); views into the tree. A file creates
    // a few tables: a list scanned in place, no allocation per table. Past k_scanned of
    // them (a schema dump) they are hashed too, so that n CREATE TABLEs cost O(n), not O(n^2).
    static constexpr std::size_t k_scanned = 32;
    std::vector<QualifiedName> m_tables;                               ///< every created table
    std::unordered_set<std::string_view> m_names;                      ///< past k_scanned: every name
    std::unordered_set<std::string_view> m_unqualified;                ///< names created without a schema
    std::unordered_set<QualifiedName, QualifiedNameHash> m_qualified;  ///< (schema, name) pairs
    void index(const QualifiedName& table);
};

/// The lock an ALTER TABLE subcommand takes on its table on PostgreSQL `major`
/// (AlterTableGetLockLevel): "ACCESS EXCLUSIVE", "SHARE ROW EXCLUSIVE" or "SHARE UPDATE EXCLUSIVE".
std::string_view alter_table_lock(Node alter_table_cmd, int major = 15);

/// True when the statement takes an ACCESS EXCLUSIVE lock on a relation the file did not
/// create; then `what` names the statement ("ALTER TABLE", "DROP TABLE", ...) and
/// `relation` the (first) relation locked, on PostgreSQL `major`.
bool takes_access_exclusive(const Statement& statement, const NewTables& created, std::string& what,
                            std::string& relation, int major = 15);

/// How `statement` changes the setting `name` (lock_timeout, statement_timeout): true when it
/// sets a timeout (SET, set_config), false when it removes it (SET ... = 0, SET ... TO DEFAULT,
/// RESET, RESET ALL), nullopt otherwise.
std::optional<bool> timeout_change(const Statement& statement, std::string_view name);

/// The names of a list of String nodes (a constraint's `keys`, `fk_attrs`, ...).
std::vector<std::string_view> key_names(Node list);

/// Whether the utility option `name` of `options` (a DefElem list, e.g. REINDEX's params,
/// VACUUM's options) is on, as PostgreSQL's defGetBoolean reads it: named with no value,
/// or true/on/1; `(CONCURRENTLY false)` is off.
bool option_enabled(Node options, std::string_view name);

/// The ColumnDef nodes a statement defines: CREATE TABLE columns, ALTER TABLE ... ADD
/// COLUMN, and ALTER COLUMN ... TYPE (whose ColumnDef holds only the new type; its name
/// is then the command's).
std::vector<Node> column_defs(const Statement& statement);

/// The last name of a ColumnDef's type, e.g. "int4", "varchar", "serial".
std::string_view type_name(Node column_def);

/// The AlterTableCmd nodes of an AlterTableStmt on a table (not an index, view, type).
std::vector<Node> table_commands(const Statement& statement);

/// Each AlterTableCmd of the file, in order, on a table the file had not created by then
/// (lock rules spare new tables: empty, unused). Read once a file: FileContext's.
std::vector<TableCommand> existing_table_commands(const ParsedFile& file);

/// Calls `visit(statement, relation, command)` for each of the file's existing_table_commands.
void for_each_existing_table_command(const FileContext& context,
                                     const std::function<void(const Statement&, Node relation, Node command)>& visit);

}  // namespace linter::rules
