#pragma once
// Rollback proven by replay (diesel's `migration redo`): right after a migration's up part
// ran in its transaction, inside a savepoint that is rolled back afterwards, apply its down
// part and compare the database with the state before up, then apply up again and compare
// with the state after the first up. The state is runner/idempotency.hpp's DatabaseState:
// the catalog and the row count of every table.

#include "core/migration.hpp"
#include "core/report.hpp"
#include "runner/idempotency.hpp"
#include "runner/statements.hpp"

#include "runner/pqxx_fwd.hpp"

#include <string>
#include <utility>
#include <vector>

namespace runner {

/// Which migrations get their down part proven.
enum class RollbackScope {
    none,     ///< none
    changed,  ///< those not counted as applied (core::Migration::applied false): `check`
    all,      ///< every one: `run --verify-rollback`
};

struct RollbackOptions {
    RollbackScope scope = RollbackScope::none;
    bool report_missing = false;  ///< `missing-down-migration` (off unless the config turns it on)
};

/// True when `m` is to be proven under `options`: in scope, with a down part that holds a
/// statement, and applied in a transaction (`-- schemagate:no-transaction` files are not).
bool wants_rollback_check(const core::Migration& m, const RollbackOptions& options);

/// Proves `m`'s down part in `tx`, where its up part (`up_text[up_body]`, placeholders
/// already substituted) has just run and `before` is the state captured before it. Adds one
/// check to `report`, and at most one finding:
///   rollback-failed      the down part raised an error: at its statement in the down file,
///                        with the server's diagnosis;
///   rollback-incomplete  the state after down differs from before up: what is left behind,
///                        missing or changed (objects named, row counts);
///   redo-failed          up does not apply again after down (at its statement), or gives
///                        another state than the first time.
/// Everything runs in a savepoint rolled back at the end: `tx` is left as after up.
/// Throws pqxx::broken_connection when the server dies.
void verify_rollback(pqxx::dbtransaction& tx, const core::Migration& m, const DatabaseState& before,
                     const std::string& up_text, const Body& up_body,
                     const std::vector<std::pair<std::string, std::string>>& placeholders, core::Report& report);

/// `missing-down-migration` (warning) for each migration of `set` in `options.scope` whose
/// layout expects a down part and has none, or one without a statement. Empty unless
/// `options.report_missing`.
std::vector<core::Finding> missing_down_findings(const core::MigrationSet& set, const RollbackOptions& options);

/// "index public.t.t_name_idx is left behind, column public.t.x is missing, column public.t.y
/// differs (type integer -> bigint), rows in public.t 0 -> 2":
/// the differences of `after` from `before` as a rollback sees them, at most five, then "and N more".
std::string describe_leftovers(const DatabaseState& before, const DatabaseState& after);

}  // namespace runner
