#pragma once
// Statements after which the lock trace need not read pg_locks unless an event trigger
// exists (runner/lock_trace.cpp asks the server that): those that provably take no lock on,
// and rewrite no, relation that existed before their migration. Decided from libpg_query's
// parse tree, conservatively: a statement that can run code (DO, CALL, functions in
// evaluated expressions, triggers) or that names a pre-existing relation is not lock-free.

#include <string>
#include <unordered_set>

namespace runner {

/// True when `sql` (one statement) is SET / RESET (not SET CONSTRAINTS, which fires deferred
/// triggers), CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE, CREATE TYPE
/// ... AS (composite), CREATE SCHEMA without elements or CREATE TABLE (not AS / EXECUTE: a
/// new table is empty, so its defaults and checks are not evaluated), and no identifier or
/// string in it equals the name of a relation in `existing` (pg_class.relname of the
/// pre-existing relations: a foreign key's, LIKE's, INHERITS' or PARTITION OF's table, a
/// composite column type, IF NOT EXISTS on an existing name). False when libpg_query cannot
/// parse it. Event triggers, which DDL fires, are the caller's to rule out.
bool lock_free(const std::string& sql, const std::unordered_set<std::string>& existing);

}  // namespace runner
