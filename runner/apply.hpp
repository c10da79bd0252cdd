#pragma once
// Applying a migration set on one database connection: advisory lock, history table,
// setup files, then each pending migration in set order, one transaction per file.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/rollback.hpp"
#include "runner/pqxx_fwd.hpp"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace runner {

struct ApplyOptions {
    std::vector<std::filesystem::path> setup;  ///< run once, before the first migration of an empty history
    std::vector<std::pair<std::string, std::string>> placeholders;
    bool verify_idempotency = false;  ///< replay each file in a rolled-back savepoint
    RollbackOptions rollback;         ///< prove down parts (runner/rollback.hpp)
    bool dry_run = false;             ///< everything in one transaction that is rolled back
    bool progress = false;            ///< progress bar on stderr
    /// Lock trace (runner/lock_trace.hpp) of every migration not counted as applied
    /// (core::Migration::applied), statement by statement; not in a dry run.
    bool trace_locks = false;
};

/// Dry run: one thing a migration would change, e.g. "table public.users added",
/// "column public.users.email changed", "rows in public.plans 0 -> 3".
struct PlannedChange {
    std::string file;
    std::string change;
};

/// The advisory lock key (session level) that keeps two runners off one database.
constexpr long long k_advisory_lock_key = 0x7363686D67617465LL;  // "schmgate"

/// Applies the pending migrations of `set` on `cx` and returns the report: one record per
/// migration ("applied" with duration_ms, "skipped" when the history already has it,
/// "pending" after a failure, "rolled-back" in a dry run, "failed"), `migration-failed`,
/// `checksum-mismatch` and `not-idempotent` findings; with `trace_locks`, each traced
/// record's statements and the `table-rewrite` / `exclusive-lock-held` findings. Stops at the first failing file.
/// In a dry run, `changes` (when given) receives what each migration would change.
/// Throws core::Error when a setup file is unreadable; pqxx::broken_connection when the server dies.
core::Report apply(pqxx::connection& cx, const core::MigrationSet& set, const ApplyOptions& options,
                   std::vector<PlannedChange>* changes = nullptr);

}  // namespace runner
