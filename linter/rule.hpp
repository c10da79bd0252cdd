#pragma once
// A lint rule: its checks. What it is (default severity, summary, bad and good SQL) is its
// entry in the rule catalog (core/rule_catalog.cpp). One rule a file in linter/rules/,
// registered with one line in linter/rules/registry.cpp, documented in docs/rules/<id>.md,
// exercised by fixtures/rules/<id>.sql.

#include "core/finding.hpp"
#include "core/rule_catalog.hpp"
#include "core/migration.hpp"
#include "linter/parse.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace linter {

/// Collects one rule's findings, stamping rule id and configured severity.
class Findings {
public:
    Findings(core::RuleId rule, core::Severity severity, std::vector<core::Finding>& out)
            : m_rule(rule), m_severity(severity), m_out(out) {}

    void add(const std::string& file, core::Position start, core::Position end, std::string message,
             std::string help = {});
    /// A finding spanning a whole statement.
    void add(const std::string& file, const Statement& statement, std::string message, std::string help = {});

private:
    core::RuleId m_rule;
    core::Severity m_severity;
    std::vector<core::Finding>& m_out;
};

/// A column a statement defines (rules::column_defs: CREATE TABLE, ALTER TABLE ... ADD
/// COLUMN, ALTER COLUMN ... TYPE) with the last name of its type (rules::type_name).
struct Column {
    Node def;               ///< the ColumnDef node
    std::string_view type;  ///< e.g. "int4", "varchar", "serial"
};

/// Every statement's columns, read once a file for the rules that look at column types (six
/// rules each read them again before: 13% of a cold lint's instructions on clean-1000).
class FileColumns {
public:
    /// Reads the columns of each of `file`'s statements; `file` must outlive this.
    explicit FileColumns(const ParsedFile& file);
    /// The columns of `statement`, which is one of the file's statements, in their order.
    std::span<const Column> of(const Statement& statement) const;

private:
    const ParsedFile& m_file;
    std::vector<Column> m_columns;
    std::vector<std::size_t> m_first;  ///< statement i's columns: [m_first[i], m_first[i + 1])
};

/// An ALTER TABLE subcommand (AlterTableCmd) on a table its file had not created by then.
struct TableCommand {
    const Statement* statement;  ///< the ALTER TABLE
    Node relation;               ///< its RangeVar
    Node command;                ///< the AlterTableCmd
};

/// What a per-file check sees. `parsed.ok` is always true there. `set` is there for
/// messages only (see Rule::check).
struct FileContext {
    const core::Migration& migration;
    const core::MigrationSet& set;
    const ParsedFile& parsed;
    /// The PostgreSQL major version the migrations target (LintOptions::postgres_version,
    /// 15 when unset): verdicts that depend on it read rules/version_facts.hpp.
    int postgres_major = 15;
    const FileColumns& columns;  ///< `parsed`'s columns, read once for every rule
    /// `parsed`'s ALTER TABLE subcommands on existing tables, in order
    /// (rules::existing_table_commands), read once for the 12 lock rules that walk them.
    const std::vector<TableCommand>& existing_table_commands;
};

class Rule {
public:
    virtual ~Rule() = default;
    /// The rule's id (core::rule_id).
    virtual core::RuleId id() const = 0;
    /// The rule's catalog entry.
    const core::RuleInfo& info() const { return core::rule_info(id()); }
    /// Checks one parsed file. Called from worker threads: must not touch shared state.
    /// Its findings are cached by the file's content (linter/cache.hpp), so they must
    /// depend only on the file (text, parse, directives), never on the rest of the set.
    virtual void check(const FileContext& /*file*/, Findings& /*out*/) const {}
    /// Checks the whole set (names, versions, dependencies). Called once, on one thread.
    virtual void check_set(const core::MigrationSet& /*set*/, Findings& /*out*/) const {}
};

/// Every registered rule, sorted by id. The rules live for the whole program.
const std::vector<const Rule*>& all_rules();
/// The rule with this id or alias (the catalog's), or nullptr.
const Rule* find_rule(std::string_view id);

}  // namespace linter
