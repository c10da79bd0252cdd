#pragma once
// Statements after which the lock trace need not read pg_locks unless an event trigger
// exists (runner/lock_trace.cpp asks the server that): those that provably take no lock on,
// and rewrite no, relation that existed before their migration. Decided from libpg_query's
// parse tree, conservatively, statement by statement in the migration's order: a statement
// that can run code (DO, CALL, functions in evaluated expressions, triggers) or that names a
// pre-existing relation is not lock-free, and proofs by name hold only while every statement
// before, in the same migration, was proven lock-free itself (none could rename a
// pre-existing relation, run code or put a row in a new table).

#include <string>
#include <unordered_set>

namespace runner {

/// One migration's proofs. `existing`: pg_class.relname of the relations that existed
/// before the migration (kept by reference: it must outlive the proof).
///
/// next(sql) is true when `sql` (one statement, the migration's next) is:
/// - SET / RESET (not SET CONSTRAINTS, which fires deferred triggers), CREATE TYPE ... AS
///   ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE: always;
/// - and, while every statement before it in the migration was lock-free, when no identifier
///   or string in it equals a name in `existing` (a foreign key's, LIKE's, INHERITS' or
///   PARTITION OF's table, a composite column type, IF NOT EXISTS on an existing name):
///   CREATE TYPE ... AS (composite), CREATE SCHEMA without elements, CREATE SEQUENCE,
///   COMMENT ON, CREATE TABLE (not AS / EXECUTE, no partition bound: a new table is empty, so
///   its defaults and checks are not evaluated), CREATE INDEX on plain columns (no
///   expression, WHERE, operator class or CONCURRENTLY) and ALTER TABLE whose every action
///   is SET NOT NULL or ADD PRIMARY KEY / UNIQUE / FOREIGN KEY: these on a table created in
///   the same migration, which is still empty (nothing before could add a row), so no
///   support function, check or trigger runs.
/// False when libpg_query cannot parse it. Event triggers, which DDL fires, are the caller's
/// to rule out.
class LockFreeProof {
public:
    explicit LockFreeProof(const std::unordered_set<std::string>& existing) : m_existing(existing) {}

    bool next(const std::string& sql);

private:
    const std::unordered_set<std::string>& m_existing;
    std::unordered_set<std::string> m_enums;  // created earlier in the migration
    bool m_names_hold = true;                 // no statement so far could rename, run code or add a row
};

/// One statement as the first of a migration: LockFreeProof(existing).next(sql).
bool lock_free(const std::string& sql, const std::unordered_set<std::string>& existing);

}  // namespace runner
