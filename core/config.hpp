#pragma once
// schemagate.yaml: the project's configuration (ARCHITECTURE.md, "Configuration").
// Relative paths in it are resolved against the directory that holds the file.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace core {

/// A rule's configured severity: "error" | "warning" | "info" | "off", with where it was set.
struct RuleSetting {
    std::string severity;
    int line = 0;
    int column = 0;
};

/// Where a target database records its applied migrations (`history:`), read by the
/// production gate: schemagate's own table, or another tool's.
struct HistoryConfig {
    std::string format = "schemagate";  ///< "schemagate" | "flyway" | "golang-migrate" | "versions"
    std::string table;                  ///< "schema.table"; empty: the format's default table
    std::string column;                 ///< "versions": the column holding the version; empty: "version"
};

struct Config {
    std::filesystem::path file;        ///< the schemagate.yaml read; empty when none
    std::filesystem::path migrations;  ///< directory; empty: "migrations" under the cwd
    std::string naming;                ///< preset or regex; empty: detected
    std::string immutable_after;       ///< base ref; empty: detected
    /// Flyway's term: migrations at or below this version count as applied (integrity
    /// rules only), for histories a base ref cannot tell (squashed, copied in). Empty: none.
    std::string baseline;
    std::filesystem::path require;  ///< required schema file; empty: none
    /// Where each migration's down file is, relative to the migrations directory, with {id},
    /// {stem}, {version} and {name} (e.g. "rollback/{stem}.sql"). Empty: the layout's own.
    std::string down;
    std::filesystem::path order;               ///< explicit order file; empty: by version
    std::vector<std::filesystem::path> setup;  ///< SQL run once before the first migration
    /// Migrations applied outside a transaction, as if marked `-- schemagate:no-transaction`
    /// (for files one may not edit, e.g. CREATE INDEX CONCURRENTLY in a vendored project).
    std::vector<std::filesystem::path> no_transaction;
    std::vector<std::pair<std::string, std::string>> placeholders;  ///< literal -> replacement
    int postgres_version = 0;                                       ///< 0: the newest installed
    std::filesystem::path pg_bindir;                                ///< overrides postgres_version
    std::map<std::string, RuleSetting> rules;  ///< rule id -> setting (names checked by the linter)
    HistoryConfig history;                     ///< the production gate's history table
    /// `lock_timeout:` / `statement_timeout:` ('5s', '500ms', 0 off): what run, check and
    /// migrate set on their session for every migration. -1: not set (migrate's own
    /// default, 2 s lock_timeout, applies; run and check leave the server's).
    int lock_timeout_ms = -1;
    int statement_timeout_ms = -1;
    /// Where the rule docs are published: a rule's page is docs_url + "<id>.md" (SARIF
    /// helpUri, `rules` output). Empty: the build's SCHEMAGATE_DOCS_URL, else no link.
    std::string docs_url;
};

/// Reads a config file. Throws core::Error "file:line:column: ..." for YAML syntax errors,
/// unknown keys (with the nearest known key), wrong value types, and bad severities.
Config load_config(const std::filesystem::path& file);

/// Walks up from `start` to the filesystem root and returns the first schemagate.yaml, if any.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

/// The candidate nearest to `word` by edit distance, or "" when none is close
/// (more than a third of the word's length away).
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

/// Applies the placeholders to migration text, in order (literal, not regex).
std::string substitute(std::string text, const std::vector<std::pair<std::string, std::string>>& placeholders);

}  // namespace core
