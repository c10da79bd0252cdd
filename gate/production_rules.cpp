// The production gate's rules (gate/production.hpp). Kept apart from the gate itself so
// that the lint front end can list them without linking libpq (cli/CMakeLists.txt).
#include "gate/production.hpp"

namespace gate {

const std::vector<core::RuleInfo>& production_rule_infos() {
    static const std::vector<core::RuleInfo> k_rules = {
        {"data-check", "a data check of the required schema found offending rows",
         "The production gate runs each `checks:` entry of the required schema read-only against the target, with a "
         "row limit, and reports the offending rows it returned (or the count it returned) with samples.",
         core::Severity::error},
        {"environment-drift", "two environments differ in applied migrations or schema",
         "`schemagate gate --compare-url` reconciles two environments: each migration applied in one and not the "
         "other, and each schema object that differs between them.",
         core::Severity::warning},
        {"gate-role-can-write", "the gate's role could write to the target",
         "The production gate only reads: every data check must be one SELECT, sent alone, in a READ ONLY "
         "transaction. Its role could still write (superuser, or INSERT/UPDATE/DELETE/TRUNCATE on some table): give "
         "the gate a role with only SELECT (GRANT pg_read_all_data), or point it at a replica.",
         core::Severity::info},
        {"failed-migration", "the history records a migration as failed",
         "The target's history table (schemagate_history, or the config's history:) records this migration as failed: find out what it left "
         "behind and repair the database before the release.",
         core::Severity::error},
        {"missing-migration-file", "an applied migration has no file",
         "The target's history lists a migration that is not in the migrations directory: it was deleted or renamed "
         "after it was applied. Restore the file as it was applied.",
         core::Severity::error},
        {"out-of-order-pending", "a pending migration is older than the newest applied one",
         "A migration not yet applied sorts before one that is: applying it now runs it out of order. Give it a "
         "version after the newest applied one.",
         core::Severity::error},
        {"pending-migration", "a migration is not applied to the target yet",
         "Reported by the production gate for each migration file the target's history does not list: what "
         "`schemagate migrate` would apply.",
         core::Severity::info},
        {"required-schema-broken", "migrate rolled back a migration that broke the required schema",
         "`schemagate migrate` checks, inside each migration's transaction, that no required object that existed "
         "before it disappeared or changed, and after the last one that the whole required schema holds; a migration "
         "that fails this is rolled back and not recorded.",
         core::Severity::error},
        {"schema-drift", "the live schema differs from what the applied migrations build",
         "The production gate replays the applied migrations on an ephemeral database and compares the schema with the "
         "target's: each difference (a hand-made column, index, constraint...) is one finding.",
         core::Severity::error},
    };
    return k_rules;
}

}  // namespace gate
