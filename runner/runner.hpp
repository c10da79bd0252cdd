#pragma once
// The runner: applies a migration set, in order, to a fresh PostgreSQL database (an
// ephemeral local cluster by default, or a throwaway database on a server given by
// URL), records schemagate_history, optionally proves idempotency by replay, and
// introspects the resulting schema.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/apply.hpp"
#include "runner/snapshot.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace runner {

struct RunOptions {
    std::string database_url;         ///< libpq URL or keyword string; empty: local ephemeral cluster
    std::filesystem::path pg_bindir;  ///< local provider: where initdb/postgres live; empty: found
    int postgres_version = 0;         ///< local provider: major version; 0: newest installed
    bool verify_idempotency = false;  ///< replay each migration in a rolled-back transaction
    RollbackOptions rollback;         ///< prove down parts: apply down, compare, apply up again
    bool dry_run = false;             ///< apply inside transactions that are rolled back
    bool keep = false;                ///< keep the database (url) / cluster (local) afterwards
    bool progress = false;            ///< progress bar on stderr (the CLI sets it on a TTY)
    bool trace_locks = false;         ///< lock trace of the migrations not counted as applied (apply.hpp)
    int lock_timeout_ms = -1;         ///< set on the session for every migration; -1: left as the server has it
    int statement_timeout_ms = -1;    ///< likewise; 0 turns the timeout off
    std::vector<std::filesystem::path> setup;                       ///< SQL files run once before the first migration
    std::vector<std::pair<std::string, std::string>> placeholders;  ///< applied to migration text
};

struct RunResult {
    core::Report report;                 ///< migration records, migration-failed / not-idempotent findings, schema JSON
    SchemaSnapshot snapshot;             ///< the schema after the last applied migration (empty in a dry run)
    std::string kept;                    ///< with `keep`: "database <name>" or "data directory <path>"; else ""
    double ready_ms = 0;                 ///< local provider: from start to accepting connections
    std::vector<PlannedChange> changes;  ///< dry run: what each migration would change, in order (each also an info
                                         ///< `planned-change` finding in the report)
};

/// Applies `set`. Problems in migrations become findings; the report's run record names the
/// target ("ephemeral PostgreSQL", or the throwaway database's server with its password
/// redacted) and the server version. A provider that cannot be
/// started or reached, or a server that dies during the run, throws core::Error (exit 2).
/// Call from the main thread: the local server is tied to the calling thread's life
/// (PR_SET_PDEATHSIG), and SIGINT/SIGTERM/SIGHUP are blocked in it and handled by a
/// cleanup thread from then on (runner/signals.hpp; a CLI that starts threads earlier
/// should call runner::install_signal_cleanup() first thing in main).
RunResult run(const core::MigrationSet& set, const RunOptions& options);

}  // namespace runner
