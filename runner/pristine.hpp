#pragma once
// The pristine data directory cache: initdb runs once per PostgreSQL binary; later runs
// copy the cached directory. Entries are published by rename, so runs racing to create
// the same entry are safe (one wins, the others drop their copy).

#include "runner/process.hpp"

#include <filesystem>
#include <optional>

namespace runner {

/// The cache entry for the binaries in `bindir`: cache_root()/pristine-<major>-<hash of
/// the binaries' paths, sizes and mtimes and of the initdb options>.
std::filesystem::path pristine_entry(const std::filesystem::path& bindir);

/// Creates `data_dir` (which must not exist; its parent must be writable by `user`) holding a
/// freshly initialised cluster owned by `user` (or by us). Copies the cache entry when present
/// (returns true); otherwise runs initdb, logging to `log`, and publishes a copy to the cache
/// when `use_cache` (cache errors are ignored: the cache is only an optimisation).
/// Throws core::Error with the log's last lines when initdb fails.
bool make_data_dir(const std::filesystem::path& bindir, const std::filesystem::path& data_dir,
                   const std::optional<User>& user, const std::filesystem::path& log, bool use_cache);

/// Copies a directory tree (regular files, directories, symlinks), keeping permissions.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

/// Changes the owner of a directory tree (lchown, no symlink following).
void chown_tree(const std::filesystem::path& root, const User& user);

}  // namespace runner
