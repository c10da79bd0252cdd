#include "core/lock_mode.hpp"

#include <array>

namespace core {
namespace {

struct Mode {
    std::string_view pg_locks;  // pg_locks.mode
    std::string_view name;      // the docs' name
    unsigned conflicts;         // bit (level - 1) set for every conflicting level
    std::string_view blocks;
};

// Levels 1..8; conflicts from the docs' table 13.2 (lock.c's LockConflicts).
constexpr std::array<Mode, 8> k_modes = {{
    {"AccessShareLock", "ACCESS SHARE", 0b10000000, "ALTER/DROP that take ACCESS EXCLUSIVE; reads and writes go on"},
    {"RowShareLock", "ROW SHARE", 0b11000000, "EXCLUSIVE and ACCESS EXCLUSIVE locks; reads and writes go on"},
    {"RowExclusiveLock", "ROW EXCLUSIVE", 0b11110000, "CREATE INDEX and stronger locks; reads and writes go on"},
    {"ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE", 0b11111000,
     "VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY and schema changes; reads and writes go on"},
    {"ShareLock", "SHARE", 0b11101100, "writes (INSERT, UPDATE, DELETE); reads go on"},
    {"ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE", 0b11111100, "writes (INSERT, UPDATE, DELETE); reads go on"},
    {"ExclusiveLock", "EXCLUSIVE", 0b11111110, "writes and SELECT ... FOR UPDATE/SHARE; plain reads go on"},
    {"AccessExclusiveLock", "ACCESS EXCLUSIVE", 0b11111111, "reads and writes"},
}};

const Mode* find_mode(std::string_view name) {
    for (const Mode& mode : k_modes) {
        if (mode.name == name) { return &mode; }
    }
    return nullptr;
}

}  // namespace

std::optional<std::string> lock_mode_from_pg_locks(std::string_view mode) {
    for (const Mode& m : k_modes) {
        if (m.pg_locks == mode) { return std::string(m.name); }
    }
    return std::nullopt;
}

int lock_mode_level(std::string_view mode) {
    const Mode* found = find_mode(mode);
    return found == nullptr ? 0 : static_cast<int>(found - k_modes.data()) + 1;
}

bool lock_mode_covers(std::string_view held, std::string_view predicted) {
    const Mode* h = find_mode(held);
    const Mode* p = find_mode(predicted);
    return h != nullptr && p != nullptr && (h->conflicts & p->conflicts) == p->conflicts;
}

std::string_view lock_mode_blocks(std::string_view mode) {
    const Mode* found = find_mode(mode);
    return found == nullptr ? std::string_view() : found->blocks;
}

}  // namespace core
