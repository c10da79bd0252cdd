#pragma once
// The production gate and the release step: a live database (read only) against the
// migration files, the schema they build, the required schema and its data checks; and
// `migrate`, which applies the pending migrations under the required-schema guard.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"
#include "gate/required_schema.hpp"
#include "runner/history.hpp"
#include "runner/production.hpp"
#include "runner/runner.hpp"
#include "runner/snapshot.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gate {

struct ProductionOptions {
    std::string database_url;        ///< the target (production)
    std::string compare_url;         ///< optional second environment (staging)
    runner::SessionOptions session;  ///< lock/statement timeouts of the read-only sessions
    runner::HistorySource history;   ///< where the targets record applied migrations (config `history:`)
    int row_limit = 5;               ///< sample rows per data check
    bool drift = true;               ///< replay the applied migrations and diff the schemas
    bool dry_run = false;            ///< apply the pending migrations to a copy of the target's schema
    runner::RunOptions local;        ///< ephemeral cluster settings, setup files, placeholders
    std::optional<RequiredSchema> required;
    std::map<std::string, core::RuleSetting> rules;  ///< config `rules:`: severities of the gate's findings
};

/// The gate: history vs files, required schema on the live schema, data checks, drift,
/// environments, dry run. Read only. The findings have the configured severities
/// (`options.rules`); the report's run record names the target, password redacted.
/// Throws core::Error when a database cannot be reached.
core::Report production_gate(const core::MigrationSet& set, const ProductionOptions& options);

struct MigrateOptions {
    ProductionOptions gate;          ///< the pre-flight gate (drift and dry run as set there)
    bool force = false;              ///< start despite the gate's blockers (logged in the history)
    int lock_timeout_ms = 2000;      ///< set on the session that applies the migrations
    int statement_timeout_ms = 0;    ///< likewise; 0: none
    runner::HistoryContext history;  ///< run_id, git_commit and actor written into each history row
};

/// The release step: the pre-flight gate, then runner::migrate with the required-schema
/// guard. Refuses (the gate's blockers, with the configured severities, reported; nothing
/// applied) unless `force`.
core::Report migrate(const core::MigrationSet& set, const MigrateOptions& options);

/// History vs files: checksum-mismatch (schemagate's SHA-256 or Flyway's CRC-32; other
/// formats record none), missing-migration-file, pending-migration, out-of-order-pending,
/// failed-migration. `history` nullopt: `source`'s table does not exist.
core::Report compare_history(const core::MigrationSet& set, const std::optional<runner::History>& history,
                             const runner::HistorySource& source);

/// How `source` names a migration: "<version>|<name>" in schemagate_history; the version
/// alone, compared numerically ("0003" is "3"), in other tools' tables.
std::string history_identity(const runner::HistorySource& source, const core::Migration& m);

/// The identities (history_identity) of the migrations `history` counts as applied: its
/// successful rows, and the files at or below its baseline / current version.
std::set<std::string> applied_identities(const core::MigrationSet& set, const std::optional<runner::History>& history);

/// One difference between two schemas: the object ("column public.users.nickname") and
/// what differs, phrased with the two sides' names.
struct SchemaDifference {
    std::string object;
    std::string message;
};

/// Differences of `actual` from `expected`, objects under a missing table folded into it.
/// `expected_name`/`actual_name` name the sides in messages ("the migrations", "production").
std::vector<SchemaDifference> diff_schemas(const runner::SchemaSnapshot& expected, const runner::SchemaSnapshot& actual,
                                           const std::string& expected_name, const std::string& actual_name);

/// Runs the `checks:` of `required` through `session`: one data-check finding per check
/// that returned offending rows (samples in the message) or failed.
core::Report run_data_checks(runner::ReadOnlySession& session, const RequiredSchema& required, int row_limit);

}  // namespace gate
