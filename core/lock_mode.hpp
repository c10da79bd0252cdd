#pragma once
// PostgreSQL's table-level lock modes as its docs name them (section 13.3.1 "Table-Level
// Lock Modes"): the name pg_locks.mode gives ("AccessExclusiveLock"), the docs' name
// ("ACCESS EXCLUSIVE"), which modes conflict, and what a lock blocks, in reviewers' words.

#include <optional>
#include <string>
#include <string_view>

namespace core {

/// The docs' name of a pg_locks.mode value: "AccessExclusiveLock" -> "ACCESS EXCLUSIVE";
/// nullopt for a mode that is not a table-level lock mode.
std::optional<std::string> lock_mode_from_pg_locks(std::string_view mode);

/// 1 (ACCESS SHARE) .. 8 (ACCESS EXCLUSIVE), PostgreSQL's own order (lockdefs.h); 0 when
/// `mode` is not a docs' name.
int lock_mode_level(std::string_view mode);

/// True when a lock in mode `held` blocks at least every mode that `predicted` blocks (the
/// docs' "Conflicting Lock Modes" table): ACCESS EXCLUSIVE covers every mode, SHARE does
/// not cover SHARE UPDATE EXCLUSIVE (which conflicts with itself).
bool lock_mode_covers(std::string_view held, std::string_view predicted);

/// What other sessions cannot do while the lock is held, e.g. "reads and writes" for
/// ACCESS EXCLUSIVE, "writes" for SHARE; "" for an unknown mode.
std::string_view lock_mode_blocks(std::string_view mode);

}  // namespace core
