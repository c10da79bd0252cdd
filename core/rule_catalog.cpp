// The rule catalog: one entry a rule, sorted by id within each stage.
#include "core/rule_catalog.hpp"

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/report.hpp"

#include <algorithm>
#include <stdexcept>

namespace core {
namespace {

std::vector<RuleInfo> entries() {
    return {
        // lint: the linter (linter/rules/<id>.cpp) and the git history (linter/history/)
        {.id = rule_id::adding_exclusion_constraint,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD CONSTRAINT ... EXCLUDE builds an index and checks every row under an ACCESS EXCLUSIVE lock",
         .bad = "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH "
                "&&);",
         .good = "CREATE TABLE IF NOT EXISTS bookings (room int, during tstzrange,\n"
                 "    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));"},
        {.id = rule_id::adding_field_with_default,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD COLUMN with a volatile DEFAULT or GENERATED ... STORED rewrites the table under an ACCESS "
                    "EXCLUSIVE lock",
         .bad = "ALTER TABLE users ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();",
         .good = "ALTER TABLE users ADD COLUMN IF NOT EXISTS token uuid;\n"
                 "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();"},
        {.id = rule_id::adding_foreign_key_constraint,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD FOREIGN KEY without NOT VALID blocks writes to both tables while it scans",
         .bad = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
         .good = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT "
                 "VALID;"},
        {.id = rule_id::adding_not_nullable_field,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock",
         .bad = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
         .good = "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;"},
        {.id = rule_id::adding_required_field,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table that has rows",
         .bad = "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text NOT NULL;",
         .good = "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text NOT NULL DEFAULT 'free';"},
        {.id = rule_id::adding_serial_primary_key_field,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD PRIMARY KEY without USING INDEX builds the index under an ACCESS EXCLUSIVE lock",
         .bad = "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);",
         .good = "-- after CREATE UNIQUE INDEX CONCURRENTLY users_id_idx ON users (id) in its own migration:\n"
                 "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;"},
        {.id = rule_id::ban_alter_domain_with_add_constraint,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary =
             "ALTER DOMAIN ... ADD CONSTRAINT scans every column of the type while blocking writes to its tables",
         .bad = "ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0);",
         .good = "ALTER DOMAIN amount ADD CONSTRAINT amount_positive CHECK (VALUE > 0) NOT VALID;"},
        {.id = rule_id::ban_char_field,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a char(n) column pads values with blanks and is no faster than text",
         .bad = "CREATE TABLE IF NOT EXISTS countries (code char(2) PRIMARY KEY);",
         .good = "CREATE TABLE IF NOT EXISTS countries (code text PRIMARY KEY CHECK (length(code) = 2));"},
        {.id = rule_id::ban_create_domain_with_constraint,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a domain's CHECK constraint is hard to change: changing it scans every column of the type",
         .bad = "CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);",
         .good = "CREATE DOMAIN amount AS numeric;\n"
                 "CREATE TABLE IF NOT EXISTS payments (id bigint PRIMARY KEY, total amount CHECK (total > 0));"},
        {.id = rule_id::ban_drop_column,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DROP COLUMN breaks code that still uses the column",
         .bad = "ALTER TABLE users DROP COLUMN IF EXISTS legacy_name;",
         .good = "-- release N stops reading and writing users.legacy_name; release N+1 drops it\n"
                 "COMMENT ON COLUMN users.legacy_name IS 'unused since release N, dropped in N+1';"},
        {.id = rule_id::ban_drop_database,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DROP DATABASE deletes a whole database",
         .bad = "DROP DATABASE IF EXISTS analytics;",
         .good = "-- drop databases by hand, after a backup, never from a migration\n"
                 "SELECT 1;"},
        {.id = rule_id::ban_drop_not_null,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DROP NOT NULL lets NULLs into a column that running code assumes is never NULL",
         .bad = "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
         .good = "-- first deploy code that handles a NULL email, then in a later migration:\n"
                 "-- schemagate:ignore ban-drop-not-null -- readers handle NULL since release 42\n"
                 "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"},
        {.id = rule_id::ban_drop_table,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DROP TABLE deletes the data and breaks code that still uses the table",
         .bad = "DROP TABLE IF EXISTS invoices;",
         .good = "ALTER TABLE IF EXISTS invoices RENAME TO invoices_retired_2024;"},
        {.id = rule_id::ban_duplicate_column_assignments,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a statement that assigns the same column twice, which PostgreSQL rejects",
         .bad = "UPDATE plans SET price = 10, price = 12 WHERE id = 1;",
         .good = "UPDATE plans SET price = 12 WHERE id = 1;"},
        {.id = rule_id::ban_truncate_cascade,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "TRUNCATE ... CASCADE empties every table that references the truncated ones",
         .bad = "TRUNCATE sessions CASCADE;",
         .good = "TRUNCATE sessions, session_events;"},
        {.id = rule_id::changing_column_type,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ALTER COLUMN ... TYPE locks the table (ACCESS EXCLUSIVE) and may rewrite it",
         .bad = "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);",
         .good = "ALTER TABLE orders ADD COLUMN IF NOT EXISTS total_v2 numeric(12, 2);"},
        {.id = rule_id::constraint_missing_not_valid,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD CONSTRAINT ... CHECK without NOT VALID scans the table under an ACCESS EXCLUSIVE lock",
         .bad = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
         .good = "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;"},
        {.id = rule_id::deleted_migration,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a migration that exists on the base ref was deleted or renamed",
         .description = "Databases that applied the migration record it by name in their history table: deleting it "
                        "leaves them with an entry no file explains, and renaming it makes every tool apply it again "
                        "under its new name. Restore the file under its old name; to undo what it did, write a new "
                        "migration."},
        {.id = rule_id::depends,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a `-- DEPENDS:` header that is malformed, names an unknown, later or retired migration, or forms "
                    "a cycle",
         .bad = "-- file: 0001_users.sql\n"
                "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n"
                "-- file: 0002_orders.sql\n"
                "-- DEPENDS: 0001_user.sql\n"
                "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, user_id bigint);",
         .good = "-- file: 0001_users.sql\n"
                 "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n"
                 "-- file: 0002_orders.sql\n"
                 "-- DEPENDS: 0001_users.sql\n"
                 "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, user_id bigint);"},
        {.id = rule_id::disallowed_unique_constraint,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "ADD CONSTRAINT ... UNIQUE builds its index under an ACCESS EXCLUSIVE lock",
         .bad = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
         .good = "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;"},
        {.id = rule_id::duplicate_version,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "two migrations share a version number",
         .bad = "-- file: 0031_add_invoices.sql\n"
                "CREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\n"
                "-- file: 0031_add_payments.sql\n"
                "CREATE TABLE IF NOT EXISTS payments (id bigint PRIMARY KEY);",
         .good = "-- file: 0031_add_invoices.sql\n"
                 "CREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\n"
                 "-- file: 0032_add_payments.sql\n"
                 "CREATE TABLE IF NOT EXISTS payments (id bigint PRIMARY KEY);"},
        {.id = rule_id::idempotency,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a statement that fails or duplicates data when the migration is re-run",
         .bad = "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                "ALTER TABLE users ADD COLUMN email text;",
         .good = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n"
                 "ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;"},
        {.id = rule_id::identifier_too_long,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "an identifier longer than 63 bytes is silently truncated",
         .bad = "CREATE INDEX IF NOT EXISTS subscriptions_customer_id_plan_id_started_at_ended_at_status_idx\n"
                "    ON subscriptions (customer_id, plan_id, started_at, ended_at, status);",
         .good = "CREATE INDEX IF NOT EXISTS subscriptions_customer_plan_period_idx\n"
                 "    ON subscriptions (customer_id, plan_id, started_at, ended_at, status);"},
        {.id = rule_id::immutable_migration,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a migration that exists on the base ref was modified",
         .description = "A migration that a database has run is never run again: an edit reaches only the databases "
                        "created after it, so environments silently diverge (whitespace and comment edits also change "
                        "the checksum many tools verify). Restore the file from the base ref and put the change in a "
                        "new migration."},
        {.id = rule_id::naming,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "the migration's name breaks the naming convention (default NNNN_name.sql)",
         .bad = "-- file: 7-AddUsers.sql\n"
                "CREATE TABLE IF NOT EXISTS users (id bigint);",
         .good = "-- file: 0007_add_users.sql\n"
                 "CREATE TABLE IF NOT EXISTS users (id bigint);"},
        {.id = rule_id::non_transactional_statement,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a statement that cannot run in a transaction block, in a file not marked `-- "
                    "schemagate:no-transaction` or mixed with other statements",
         .bad = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);",
         .good = "-- schemagate:no-transaction\n"
                 "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"},
        {.id = rule_id::out_of_order,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "a new migration's version sorts at or before the newest one on the base ref",
         .description = "Databases already past the newest applied version either skip a migration numbered before it "
                        "or run it out of order, after migrations that were written without it. Give the new migration "
                        "a version after the newest one on the base ref."},
        {.id = rule_id::parse_error,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "the file is not valid PostgreSQL SQL (as the linked parser, or the server check runs, reads it), "
                    "or is not UTF-8 text",
         .bad = "CREATE TABLE users (id bigint PRIMARY KEY,);",
         .good = "CREATE TABLE users (id bigint PRIMARY KEY);"},
        {.id = rule_id::prefer_bigint_over_int,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "an integer or smallint column can run out of values, and widening it rewrites the table",
         .bad = "CREATE TABLE IF NOT EXISTS events (id integer PRIMARY KEY);",
         .good = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY);",
         .aliases = {"prefer-big-int"}},
        {.id = rule_id::prefer_identity,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a serial column's sequence is managed apart from it; an identity column is not",
         .bad = "CREATE TABLE IF NOT EXISTS users (id bigserial PRIMARY KEY);",
         .good = "CREATE TABLE IF NOT EXISTS users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);"},
        {.id = rule_id::prefer_jsonb,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a json column is reparsed on every access and cannot be compared or GIN-indexed; jsonb can",
         .bad = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, payload json);",
         .good = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, payload jsonb);"},
        {.id = rule_id::prefer_repack,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "CLUSTER and VACUUM FULL rewrite the table under an ACCESS EXCLUSIVE lock",
         .bad = "VACUUM FULL events;",
         .good = "-- schemagate:no-transaction\n"
                 "VACUUM (ANALYZE) events;"},
        {.id = rule_id::prefer_text_field,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a varchar(n) column's limit can only be changed under an ACCESS EXCLUSIVE lock",
         .bad = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email varchar(255));",
         .good = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text CHECK (length(email) <= 255));"},
        {.id = rule_id::prefer_timestamptz,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a timestamp without time zone column loses the zone; converting it later rewrites the table",
         .bad = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, created_at timestamp);",
         .good = "CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, created_at timestamptz);"},
        {.id = rule_id::primary_key_on_nullable_columns,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "PRIMARY KEY USING INDEX on nullable columns scans the table under an ACCESS EXCLUSIVE lock",
         .bad = "CREATE UNIQUE INDEX IF NOT EXISTS users_id_idx ON users (id);\n"
                "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;",
         .good = "CREATE UNIQUE INDEX IF NOT EXISTS users_id_idx ON users (id);\n"
                 "ALTER TABLE users ALTER COLUMN id SET NOT NULL;\n"
                 "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;"},
        {.id = rule_id::renaming_column,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "RENAME COLUMN breaks code that still uses the old name",
         .bad = "ALTER TABLE users RENAME COLUMN mail TO email;",
         .good = "ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;"},
        {.id = rule_id::renaming_table,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "renaming a table breaks code that still uses the old name",
         .bad = "ALTER TABLE customers RENAME TO clients;",
         .good = "CREATE OR REPLACE VIEW clients AS SELECT * FROM customers;"},
        {.id = rule_id::require_concurrent_index_creation,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while the index builds",
         .bad = "CREATE INDEX IF NOT EXISTS users_email_idx ON users (email);",
         .good = "-- schemagate:no-transaction\n"
                 "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);"},
        {.id = rule_id::require_concurrent_index_deletion,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table",
         .bad = "DROP INDEX IF EXISTS users_email_idx;",
         .good = "-- schemagate:no-transaction\n"
                 "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;"},
        {.id = rule_id::require_concurrent_partition_detach,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table",
         .bad = "ALTER TABLE events DETACH PARTITION events_2023;",
         .good = "-- schemagate:no-transaction\n"
                 "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;"},
        {.id = rule_id::require_concurrent_reindex,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index",
         .bad = "REINDEX INDEX users_email_idx;",
         .good = "-- schemagate:no-transaction\n"
                 "REINDEX INDEX CONCURRENTLY users_email_idx;"},
        {.id = rule_id::require_enum_value_ordering,
         .stage = "lint",
         .default_severity = Severity::warning,
         .on_by_default = false,
         .summary = "ALTER TYPE ... ADD VALUE without BEFORE or AFTER appends the value last in the enum's sort order",
         .bad = "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'packed';",
         .good = "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'packed' AFTER 'paid';"},
        {.id = rule_id::require_foreign_key_index,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a foreign key without an index on its columns makes every delete of a referenced row scan the "
                    "table",
         .bad = "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));",
         .good = "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n"
                 "CREATE INDEX IF NOT EXISTS orders_user_id_idx ON orders (user_id);"},
        {.id = rule_id::require_lock_timeout,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "an ACCESS EXCLUSIVE lock taken without a lock_timeout can queue every query on the table",
         .bad = "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;",
         .good = "SET lock_timeout = '5s';\n"
                 "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;"},
        {.id = rule_id::require_statement_timeout,
         .stage = "lint",
         .default_severity = Severity::warning,
         .on_by_default = false,
         .summary = "an ACCESS EXCLUSIVE lock taken without a statement_timeout is held for as long as the statement "
                    "runs",
         .bad = "ALTER TABLE users ALTER COLUMN id TYPE bigint;",
         .good = "SET statement_timeout = '30s';\n"
                 "ALTER TABLE users ALTER COLUMN id TYPE bigint;"},
        {.id = rule_id::require_table_schema,
         .stage = "lint",
         .default_severity = Severity::warning,
         .on_by_default = false,
         .summary = "a table named without its schema resolves through search_path",
         .bad = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);",
         .good = "CREATE TABLE IF NOT EXISTS app.users (id bigint PRIMARY KEY);"},
        {.id = rule_id::require_where_clause,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "UPDATE or DELETE without WHERE locks every row of an existing table until the migration commits",
         .bad = "UPDATE users SET plan = 'free';",
         .good = "UPDATE users SET plan = 'free' WHERE plan IS NULL AND id BETWEEN 1 AND 10000;"},
        {.id = rule_id::retired_migration,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a migration that exists on the base ref was retired (renamed to *.sql.retired)",
         .description = "Retiring a migration is only safe when no database ever applied it: one that did keeps its "
                        "objects and its history entry. Check every environment's history table before retiring it, or "
                        "restore it and undo its effect in a new migration."},
        {.id = rule_id::transaction_control,
         .stage = "lint",
         .default_severity = Severity::error,
         .summary = "BEGIN, COMMIT, ROLLBACK or SAVEPOINT inside a migration the runner wraps in a transaction",
         .bad = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n"
                "COMMIT;\n"
                "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);",
         .good = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n"
                 "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY);"},
        {.id = rule_id::unused_ignore,
         .stage = "lint",
         .default_severity = Severity::warning,
         .summary = "a `-- schemagate:ignore` comment that names an unknown rule or suppresses nothing",
         .bad = "-- schemagate:ignore idempotency -- the table is new\n"
                "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);",
         .good = "-- schemagate:ignore idempotency -- seed rows, loaded once by hand\n"
                 "INSERT INTO plans (name) VALUES ('free');"},
        // run: the runner, on the ephemeral or throwaway database (runner/)
        {.id = rule_id::checksum_mismatch,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "an applied migration's file changed since it was applied",
         .description = "The database's history records another checksum for this version: the file was edited after "
                        "it was applied. Restore the applied bytes and put the change in a new migration."},
        {.id = rule_id::exclusive_lock_held,
         .stage = "run",
         .default_severity = Severity::warning,
         .summary = "statements ran while an ACCESS EXCLUSIVE lock on a pre-existing table was held",
         .description = "The lock trace saw a statement take an ACCESS EXCLUSIVE lock on a table that existed before "
                        "the migration, and more statements run after it in the same transaction: the lock is held "
                        "until the migration commits, so every query on the table waits for all of them. End the "
                        "migration after the statement that takes the lock."},
        {.id = rule_id::migration_failed,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "the migration raised an error when applied",
         .description = "PostgreSQL refused a statement of the migration (message and SQLSTATE in the finding); the "
                        "run stopped there. Fix the statement, or what an earlier migration left behind."},
        {.id = rule_id::missing_down_migration,
         .stage = "run",
         .default_severity = Severity::warning,
         .on_by_default = false,
         .summary = "a layout that keeps down migrations has none for this migration (off by default)",
         .description = "diesel, golang-migrate, dbmate and a configured down: pattern keep a down part for every "
                        "migration; this one has none, or one without a statement, so it cannot be rolled back. Turn "
                        "it on with rules: {missing-down-migration: warning}."},
        {.id = rule_id::not_idempotent,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "re-running the migration failed or changed the schema or row counts",
         .description = "schemagate ran the migration a second time, in a transaction it rolled back, and the re-run "
                        "failed or changed something. Guard the statements (IF NOT EXISTS, ON CONFLICT, DO blocks)."},
        {.id = rule_id::planned_change,
         .stage = "run",
         .default_severity = Severity::info,
         .summary = "what a migration would change (run --dry-run)",
         .description = "Reported by `schemagate run --dry-run`, which applies every migration inside a transaction "
                        "that is rolled back: one info finding per object the migration would create, alter or drop."},
        {.id = rule_id::redo_failed,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "the up migration does not apply again after its down migration",
         .description = "After a complete rollback schemagate applied the up migration a second time (diesel's "
                        "migration redo): it failed, or gave another schema or row counts than the first time."},
        {.id = rule_id::rollback_failed,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "the down migration raised an error right after the up migration",
         .description = "schemagate applied the migration, then its down part (diesel down.sql, golang-migrate "
                        ".down.sql, dbmate's migrate:down section, Flyway U file, or the config's down: pattern) in a "
                        "savepoint it rolled back, and the server refused a statement of it. Fix the down migration "
                        "before the night it is needed."},
        {.id = rule_id::rollback_incomplete,
         .stage = "run",
         .default_severity = Severity::error,
         .summary = "after the down migration the database differs from before the up migration",
         .description = "schemagate compared the catalog and the row counts before the up migration with those after "
                        "its down migration: objects the down part leaves behind, misses or changes are named. Make it "
                        "undo everything the up migration does."},
        {.id = rule_id::table_rewrite,
         .stage = "run",
         .default_severity = Severity::warning,
         .summary = "a statement rewrote a pre-existing table or index (seen on the server)",
         .description = "The lock trace saw the table's storage replaced (pg_class.relfilenode changed) while the "
                        "migration ran: PostgreSQL copied every row under an ACCESS EXCLUSIVE lock, so reads and "
                        "writes wait for as long as the table is large. Found also inside DO blocks, functions and "
                        "dynamic SQL. Avoid the rewrite (new column and batched backfill, constant defaults) or run it "
                        "in a maintenance window."},
        // gate: the required schema (gate/check_*.cpp) and the production gate (gate/production*.cpp)
        {.id = rule_id::column_default_mismatch,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required column has a different default",
         .description = "The required schema gives a column a default expression (or `default: null` for none) and the "
                        "column's default differs. Change the default in a migration, or update the required schema."},
        {.id = rule_id::column_nullability_mismatch,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required column is nullable when it must not be, or the reverse",
         .description = "The required schema says whether a column may hold NULL (`nullable: false` means NOT NULL) "
                        "and the column says otherwise. Add or drop NOT NULL in a migration, or update the required "
                        "schema."},
        {.id = rule_id::column_type_mismatch,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required column has a different type",
         .description = "The required schema gives a column a type and the column has another one. Types are compared "
                        "as PostgreSQL spells them (character varying(255), timestamp with time zone); aliases such as "
                        "varchar, int and timestamptz are accepted. Change the type in a migration, or update the "
                        "required schema."},
        {.id = rule_id::data_check,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a data check of the required schema found offending rows",
         .description = "The production gate runs each `checks:` entry of the required schema read-only against the "
                        "target, with a row limit, and reports the offending rows it returned (or the count it "
                        "returned) with samples."},
        {.id = rule_id::enum_values_mismatch,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "an enum type is missing or has other values than required",
         .description = "The required schema lists an enum type's values in order and the type is missing or its "
                        "labels differ. Create the type or add the values (ALTER TYPE ... ADD VALUE) in a migration."},
        {.id = rule_id::environment_drift,
         .stage = "gate",
         .default_severity = Severity::warning,
         .summary = "two environments differ in applied migrations or schema",
         .description = "`schemagate gate --compare-url` reconciles two environments: each migration applied in one "
                        "and not the other, and each schema object that differs between them."},
        {.id = rule_id::failed_migration,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "the history records a migration as failed",
         .description =
             "The target's history table (schemagate_history, or the config's history:) records this "
             "migration as failed: find out what it left behind and repair the database before the release."},
        {.id = rule_id::forbidden_object,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a table or column that must not exist exists",
         .description = "The required schema forbids a table or a column (for instance a plaintext password column) "
                        "and it exists. Drop it in a migration."},
        {.id = rule_id::gate_role_can_write,
         .stage = "gate",
         .default_severity = Severity::info,
         .summary = "the gate's role could write to the target",
         .description = "The production gate only reads: every data check must be one SELECT, sent alone, in a READ "
                        "ONLY transaction. Its role could still write (superuser, or INSERT/UPDATE/DELETE/TRUNCATE on "
                        "some table): give the gate a role with only SELECT (GRANT pg_read_all_data), or point it at a "
                        "replica."},
        {.id = rule_id::missing_column,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required column does not exist",
         .description = "A column listed under `required:` (or described under `columns:`) of a table does not exist. "
                        "Add it in a migration, or remove it from the required schema."},
        {.id = rule_id::missing_constraint,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required unique constraint or foreign key does not exist",
         .description =
             "The required schema asks for a unique constraint (or unique index) on some columns, or for a "
             "foreign key from some columns to a table, and none exists. Add the constraint in a migration."},
        {.id = rule_id::missing_extension,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required extension is not installed",
         .description = "An extension listed under `extensions:` is not installed in the database the migrations "
                        "built. Run CREATE EXTENSION IF NOT EXISTS in a migration."},
        {.id = rule_id::missing_index,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required index does not exist or is invalid",
         .description = "An index required by name or by columns does not exist on the table, is not unique when it "
                        "must be, or is invalid (a failed CREATE INDEX CONCURRENTLY). Create it in a migration."},
        {.id = rule_id::missing_migration_file,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "an applied migration has no file",
         .description = "The target's history lists a migration that is not in the migrations directory: it was "
                        "deleted or renamed after it was applied. Restore the file as it was applied."},
        {.id = rule_id::missing_optional_column,
         .stage = "gate",
         .default_severity = Severity::warning,
         .summary = "an optional column does not exist",
         .description = "A column listed under `optional:` of a table does not exist. It is reported as a warning: the "
                        "application can run without it, but probably expects it."},
        {.id = rule_id::missing_primary_key,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a table has no primary key, or another one than required",
         .description = "The required schema gives a table's primary key columns and the table has no primary key, or "
                        "one on other columns. Add or change the primary key in a migration."},
        {.id = rule_id::missing_table,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a required table does not exist",
         .description = "A table listed under `tables:` does not exist after the migrations ran. Create it in a "
                        "migration, or remove it from the required schema."},
        {.id = rule_id::out_of_order_pending,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "a pending migration is older than the newest applied one",
         .description = "A migration not yet applied sorts before one that is: applying it now runs it out of order. "
                        "Give it a version after the newest applied one."},
        {.id = rule_id::pending_migration,
         .stage = "gate",
         .default_severity = Severity::info,
         .summary = "a migration is not applied to the target yet",
         .description = "Reported by the production gate for each migration file the target's history does not list: "
                        "what `schemagate migrate` would apply."},
        {.id = rule_id::required_schema_broken,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "migrate rolled back a migration that broke the required schema",
         .description = "`schemagate migrate` checks, inside each migration's transaction, that no required object "
                        "that existed before it disappeared or changed, and after the last one that the whole required "
                        "schema holds; a migration that fails this is rolled back and not recorded."},
        {.id = rule_id::rls_disabled,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "row level security is disabled on a table that requires it",
         .description = "The required schema says `rls: true` for a table and row level security is not enabled on it. "
                        "Run ALTER TABLE ... ENABLE ROW LEVEL SECURITY (and create its policies) in a migration."},
        {.id = rule_id::schema_drift,
         .stage = "gate",
         .default_severity = Severity::error,
         .summary = "the live schema differs from what the applied migrations build",
         .description = "The production gate replays the applied migrations on an ephemeral database and compares the "
                        "schema with the target's: each difference (a hand-made column, index, constraint...) is one "
                        "finding."},
    };
}

// A lint rule's description: its summary and its examples.
void describe(RuleInfo& rule) {
    if (!rule.description.empty()) { return; }
    rule.description = rule.summary + (rule.on_by_default ? "" : " (off by default)") + ".\n\nReported:\n" + rule.bad +
                       "\n\nInstead:\n" + rule.good;
}

}  // namespace

const std::vector<RuleInfo>& rule_catalog() {
    static const std::vector<RuleInfo> k_catalog = [] {
        std::vector<RuleInfo> rules = entries();
        for (RuleInfo& rule : rules) { describe(rule); }
        std::sort(rules.begin(), rules.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
        return rules;
    }();
    return k_catalog;
}

std::optional<RuleId> known_rule_id(std::string_view id) {
    const std::vector<RuleInfo>& catalog = rule_catalog();  // sorted by id, lives for the program
    auto found = std::lower_bound(catalog.begin(), catalog.end(), id,
                                  [](const RuleInfo& rule, std::string_view wanted) { return rule.id < wanted; });
    if (found == catalog.end() || found->id != id) { return std::nullopt; }
    return RuleId(found->id, 0);
}

const RuleInfo* find_rule_info(std::string_view id_or_alias) {
    for (const RuleInfo& rule : rule_catalog()) {
        if (rule.id == id_or_alias ||
            std::find(rule.aliases.begin(), rule.aliases.end(), id_or_alias) != rule.aliases.end()) {
            return &rule;
        }
    }
    return nullptr;
}

const RuleInfo& rule_info(std::string_view id) {
    const RuleInfo* rule = find_rule_info(id);
    if (rule == nullptr) { throw std::logic_error("rule " + std::string(id) + " is not in the catalog"); }
    return *rule;
}

const RuleSetting* setting_of(const RuleInfo& rule, const std::map<std::string, RuleSetting>& settings) {
    auto setting = settings.find(rule.id);
    for (std::size_t i = 0; setting == settings.end() && i < rule.aliases.size(); ++i) {
        setting = settings.find(rule.aliases[i]);
    }
    return setting == settings.end() ? nullptr : &setting->second;
}

std::optional<Severity> configured_severity(const RuleInfo& rule, const std::map<std::string, RuleSetting>& settings) {
    const RuleSetting* setting = setting_of(rule, settings);
    if (setting == nullptr) { return rule.on_by_default ? std::optional(rule.default_severity) : std::nullopt; }
    return parse_severity(setting->severity);  // "off" is no severity
}

void apply_severities(Report& report, const std::map<std::string, RuleSetting>& settings) {
    std::erase_if(report.findings, [&](Finding& finding) {
        const RuleInfo* rule = find_rule_info(finding.rule);
        if (rule == nullptr || rule->stage == "lint") { return false; }
        const RuleSetting* setting = setting_of(*rule, settings);
        if (setting == nullptr) { return false; }
        std::optional<Severity> severity = parse_severity(setting->severity);
        if (severity) { finding.severity = *severity; }
        return !severity;
    });
}

void validate_rule_settings(const Config& config) {
    for (const auto& [id, setting] : config.rules) {
        if (find_rule_info(id) != nullptr) { continue; }
        std::vector<std::string> ids;
        for (const RuleInfo& rule : rule_catalog()) { ids.push_back(rule.id); }
        std::string near = nearest(id, ids);
        throw error_at(config.file.generic_string(), setting.line, setting.column,
                       "unknown rule '" + id + "'" +
                           (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
    }
}

}  // namespace core
