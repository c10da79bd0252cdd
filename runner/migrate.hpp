#pragma once
// The release step: applying the pending migrations of a set to a live database for real.
// Advisory lock (refused when another runner holds it), schemagate_history, set order,
// one transaction per migration, fail fast. A guard sees the schema before and after each
// migration inside its transaction; when it objects, the migration is rolled back and its
// history row never written.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/history.hpp"
#include "runner/production.hpp"
#include "runner/snapshot.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace runner {

/// Findings that reject `migration` given the schema `before` and `after` it; `last` is
/// true for the last pending migration. Empty: the migration may commit.
using MigrationGuard = std::function<std::vector<core::Finding>(
    const core::Migration& migration, const SchemaSnapshot& before, const SchemaSnapshot& after, bool last)>;

struct MigrateOptions {
    SessionOptions session{2000, 0};  ///< lock_timeout 2 s; no statement_timeout
    std::vector<std::pair<std::string, std::string>> placeholders;
    std::string forced;    ///< non-empty: recorded in the history as a "schemagate:force" row (success false)
    MigrationGuard guard;  ///< optional
    /// Written into each history row: run_id (empty: a new one is drawn), git_commit, actor.
    HistoryContext history;
};

/// Applies the pending migrations of `set` to the database at `url`. Records: "skipped"
/// (already applied), "applied" (duration_ms), "failed", "rolled-back" (the guard objected),
/// "pending" (not reached). Findings: migration-failed, plus the guard's. Throws
/// core::Error (password redacted) when the server cannot be reached, the lock is held,
/// or the connection breaks.
core::Report migrate(const std::string& url, const core::MigrationSet& set, const MigrateOptions& options);

}  // namespace runner
