#pragma once
// The dry run of the production gate: the target's schema (pg_dump --schema-only) restored
// with psql into an ephemeral local cluster, and the pending migrations applied there.
// Nothing is written to the target.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/production.hpp"
#include "runner/runner.hpp"
#include "runner/snapshot.hpp"

#include <string>

namespace runner {

struct CopyRun {
    core::Report report;    ///< apply's records and findings
    SchemaSnapshot before;  ///< the copy as restored
    SchemaSnapshot after;   ///< the copy after the pending migrations
};

/// Copies the schema of the database at `url` (read only) into an ephemeral cluster set up
/// per `local` and applies `pending` there (the caller leaves out what the target applied). pg_dump and psql come from the cluster's bindir,
/// else PATH. Throws core::Error (password redacted) when the dump or the restore fails.
CopyRun apply_to_copy(const std::string& url, const core::MigrationSet& pending, const RunOptions& local,
                      const SessionOptions& session);

}  // namespace runner
