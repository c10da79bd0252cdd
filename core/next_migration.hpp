#pragma once
// The next migration of a set (`schemagate new NAME`): its version and the file(s) to create,
// in the set's layout and naming, as the tool that owns the layout would name them:
//   default         0011_add_users.sql                     (the next number, same width)
//   timestamp       20240501120000_add_users.sql           (now, UTC)
//   flyway          V12__add_users.sql, V1_3__add_users.sql (last version component + 1)
//   golang-migrate  000012_add_users.up.sql + .down.sql    (sequence or timestamp, as the set has)
//   diesel          2024-05-01-120000_add_users/up.sql + down.sql
//   prisma          20240501120000_add_users/migration.sql
// The version is always after every version in the set (retired files included), so the
// new file never duplicates one and never sorts before an existing one.

#include "core/migration.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace core {

/// One file to create: path relative to the migrations directory, and its first bytes.
struct NewFile {
    std::filesystem::path relative;
    std::string text;
};

struct NextMigration {
    std::string version;         ///< as written in the name: "0011", "20240501120000", "1_3", "2024-05-01-120000"
    std::string id;              ///< the file name, or the folder name for folder layouts
    std::vector<NewFile> files;  ///< the migration first, then its down file (golang-migrate, diesel)
};

/// "Add users!" -> "add_users": lowercase ASCII letters, digits and single underscores.
/// Throws core::Error when `name` holds no letter or digit.
std::string migration_slug(const std::string& name);

/// The next migration of `set` (its naming, versions and retired files) named `name`.
/// Timestamped sets take `now` (UTC), or one second after the newest version when that is
/// not in the past; numbered sets take the highest number + 1, zero-padded to the width of
/// the newest version. An empty set starts at 0001 (default), V1 (flyway), or now.
/// Throws core::Error when the resulting name does not match a custom naming regex.
NextMigration next_migration(const MigrationSet& set, const std::string& name,
                             std::chrono::system_clock::time_point now);

/// Creates `next`'s files under `root` (made when missing); never overwrites: a file or
/// folder that exists is a core::Error and nothing more is written. Returns the paths made.
std::vector<std::filesystem::path> create_migration(const std::filesystem::path& root, const NextMigration& next);

}  // namespace core
