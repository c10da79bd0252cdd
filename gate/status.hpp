#pragma once
// `schemagate status`: which migrations a live database has applied, like `flyway info`.
// Read only: the production gate's session (runner::ReadOnlySession) reads the history
// table of the configured format (runner/history_source.hpp); nothing else is queried.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/production.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace gate {

struct StatusOptions {
    std::string database_url;
    runner::SessionOptions session;  ///< lock and statement timeouts of the read-only session
    runner::HistorySource history;   ///< config `history:`
};

/// One line of the status: a migration file, or a history row whose file is gone.
struct StatusRow {
    std::string version;
    std::string file;         ///< "" for a row without a file
    std::string description;  ///< the file's name part, or the history's name
    /// "applied" | "pending" | "failed" (the history says it failed) | "changed" (applied,
    /// and the file's checksum differs from the recorded one) | "missing" (applied, no file)
    std::string state;
    std::string applied_at;  ///< as the history records it; "" when pending or not recorded
};

struct Status {
    std::vector<StatusRow> rows;  ///< files in apply order, then rows without a file
    /// The history's findings (gate::compare_history: checksum-mismatch, failed-migration,
    /// missing-migration-file, out-of-order-pending, pending-migration) and one migration
    /// record per row, with `state` as its status.
    core::Report report;
};

/// Reads the history of `options.database_url`. Throws core::Error (password redacted) when
/// the database cannot be reached, or on a lock or statement timeout.
Status migration_status(const core::MigrationSet& set, const StatusOptions& options);

/// The rows as an aligned table: version, state, applied at, file (or description).
void write_status_table(const std::vector<StatusRow>& rows, std::ostream& out);

}  // namespace gate
