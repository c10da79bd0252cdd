// The runner's rules, as `schemagate rules` lists them.
#include "runner/runner.hpp"

namespace runner {

const std::vector<core::RuleInfo>& rule_infos() {
    static const std::vector<core::RuleInfo> k_rules = [] {
        std::vector<core::RuleInfo> rules = {
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
            {"rollback-failed", "the down migration raised an error right after the up migration",
             "schemagate applied the migration, then its down part (diesel down.sql, golang-migrate .down.sql, "
             "dbmate's migrate:down section, Flyway U file, or the config's down: pattern) in a savepoint it rolled "
             "back, and the server refused a statement of it. Fix the down migration before the night it is needed.",
             core::Severity::error},
            {"rollback-incomplete", "after the down migration the database differs from before the up migration",
             "schemagate compared the catalog and the row counts before the up migration with those after its "
             "down migration: objects the down part leaves behind, misses or changes are named. Make it undo "
             "everything the up migration does.",
             core::Severity::error},
            {"redo-failed", "the up migration does not apply again after its down migration",
             "After a complete rollback schemagate applied the up migration a second time (diesel's migration "
             "redo): it failed, or gave another schema or row counts than the first time.",
             core::Severity::error},
            {"missing-down-migration", "a layout that keeps down migrations has none for this migration (off by default)",
             "diesel, golang-migrate, dbmate and a configured down: pattern keep a down part for every migration; "
             "this one has none, or one without a statement, so it cannot be rolled back. Turn it on with "
             "rules: {missing-down-migration: warning}.",
             core::Severity::warning},
        };
        for (core::RuleInfo& info : rules) { info.on_by_default = info.id != "missing-down-migration"; }
        return rules;
    }();
    return k_rules;
}

}  // namespace runner
