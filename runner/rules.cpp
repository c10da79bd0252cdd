// The runner's rules, as `schemagate rules` lists them.
#include "runner/runner.hpp"

namespace runner {

const std::vector<core::RuleInfo>& rule_infos() {
    static const std::vector<core::RuleInfo> k_rules = {
        {"checksum-mismatch", "an applied migration's file changed since it was applied",
         "The database's history records another checksum for this version: the file was edited "
         "after it was applied. Restore the applied bytes and put the change in a new migration.",
         core::Severity::error},
        {"migration-failed", "the migration raised an error when applied",
         "PostgreSQL refused a statement of the migration (message and SQLSTATE in the finding); the run "
         "stopped there. Fix the statement, or what an earlier migration left behind.",
         core::Severity::error},
        {"planned-change", "what a migration would change (run --dry-run)",
         "Reported by `schemagate run --dry-run`, which applies every migration inside a transaction "
         "that is rolled back: one info finding per object the migration would create, alter or drop.",
         core::Severity::info},
        {"not-idempotent", "re-running the migration failed or changed the schema or row counts",
         "schemagate ran the migration a second time, in a transaction it rolled back, and the re-run "
         "failed or changed something. Guard the statements (IF NOT EXISTS, ON CONFLICT, DO blocks).",
         core::Severity::error},
        {"table-rewrite", "a statement rewrote a pre-existing table or index (seen on the server)",
         "The lock trace saw the table's storage replaced (pg_class.relfilenode changed) while the migration "
         "ran: PostgreSQL copied every row under an ACCESS EXCLUSIVE lock, so reads and writes wait for as long "
         "as the table is large. Found also inside DO blocks, functions and dynamic SQL. Avoid the rewrite (new "
         "column and batched backfill, constant defaults) or run it in a maintenance window.",
         core::Severity::warning},
        {"exclusive-lock-held", "statements ran while an ACCESS EXCLUSIVE lock on a pre-existing table was held",
         "The lock trace saw a statement take an ACCESS EXCLUSIVE lock on a table that existed before the "
         "migration, and more statements run after it in the same transaction: the lock is held until the "
         "migration commits, so every query on the table waits for all of them. End the migration after the "
         "statement that takes the lock.",
         core::Severity::warning},
    };
    return k_rules;
}

}  // namespace runner
