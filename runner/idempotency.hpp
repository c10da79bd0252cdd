#pragma once
// --verify-idempotency: after a migration is applied (same transaction), run it again in
// a savepoint that is rolled back and compare the catalog snapshot and per-table row
// counts before and after the replay.

#include "core/finding.hpp"
#include "runner/statements.hpp"

#include "runner/pqxx_fwd.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace runner {

/// What the replay compares: "table public.users", "column public.users.email",
/// "rows public.users", ... -> a description of the object (JSON text or a count).
using DatabaseState = std::map<std::string, std::string>;

/// The schema and row counts visible to `tx`.
DatabaseState capture_state(pqxx::transaction_base& tx);

/// Every difference, in key order: "<key> added" | "<key> removed" | "<key> changed" |
/// "rows in <table> <n> -> <m>".
std::vector<std::string> differences(const DatabaseState& before, const DatabaseState& after);

/// "" when equal; else e.g. "index public.users_email_idx added, rows in public.users 1 -> 2"
/// (at most five differences, then "and N more").
std::string describe_difference(const DatabaseState& before, const DatabaseState& after);

/// Replays `text[body]` in a savepoint of `tx` and rolls it back. A `not-idempotent`
/// finding in `file` when the replay fails (at the failing statement, with the server's
/// message) or changes the state; nullopt when the migration is re-runnable.
std::optional<core::Finding> verify_replay(pqxx::dbtransaction& tx, const std::string& file, const std::string& text,
                                           const Body& body);

}  // namespace runner
