#pragma once
// schemagate_history(version, name, checksum, applied_at, execution_ms, success, run_id,
// git_commit, applied_by): one row per applied migration, written in the migration's own
// transaction. run_id, git_commit and applied_by were added in 0.2: tables of older releases
// are upgraded by ensure_history() (nullable columns added; their old rows keep NULL there).

#include "core/migration.hpp"
#include "runner/pqxx_fwd.hpp"

#include <map>
#include <string>

namespace runner {

constexpr const char* k_history_table = "schemagate_history";

/// Who and what a history row records besides the migration.
struct HistoryContext {
    std::string run_id;      ///< the run's id (core::new_run_id()); "" stores NULL
    std::string git_commit;  ///< the migrations' commit (40 hex); "" stores NULL (not in git, or unknown)
    std::string actor;       ///< the person or pipeline behind the run; "" when unknown

    /// `actor` from the environment: SCHEMAGATE_ACTOR, else GITHUB_ACTOR, else "".
    static std::string environment_actor();
};

/// The history key of a migration: "<version>|<name>" (name: Migration::name, else id).
std::string history_key(const core::Migration& migration);

/// Creates public.schemagate_history when missing, and adds the columns a table of an
/// older release lacks (run_id, git_commit, applied_by: nullable text, so that an older
/// schemagate still writes its rows). Takes the table's ACCESS EXCLUSIVE lock only when a
/// column is added.
void ensure_history(pqxx::transaction_base& tx);

/// Applied migrations (success = true): history key -> checksum.
std::map<std::string, std::string> read_history(pqxx::transaction_base& tx);

/// Records `migration` as applied, taking `execution_ms`. applied_by is the session's
/// database role (session_user), followed by " (<actor>)" when `context.actor` is set:
/// "deploy" or "deploy (alice)".
void record_history(pqxx::transaction_base& tx, const core::Migration& migration, double execution_ms,
                    const HistoryContext& context = {});

}  // namespace runner
