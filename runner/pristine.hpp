#pragma once
// The pristine data directory cache: initdb runs once per PostgreSQL binary; later runs
// unpack the cached directory. An entry is one file (a pack, below), so that caching costs
// one file creation, not a thousand, and it is published by rename: runs racing to create
// the same entry are safe (each rename installs a complete pack; readers keep the one they
// opened).

#include "runner/process.hpp"

#include <filesystem>
#include <optional>

namespace runner {

/// The cache entry for the binaries in `bindir`: cache_root()/pristine-<major>-<hash of
/// the binaries' paths, sizes and mtimes and of the initdb options>.pack.
std::filesystem::path pristine_entry(const std::filesystem::path& bindir);

/// Creates `data_dir` (which must not exist; its parent must be writable by `user`) holding a
/// freshly initialised cluster owned by `user` (or by us). Unpacks the cache entry when present
/// and readable (returns true); otherwise runs initdb, logging to `log`, and publishes a pack
/// of the result when `use_cache` (cache errors are ignored: the cache is only an optimisation).
/// Throws core::Error with the log's last lines when initdb fails.
bool make_data_dir(const std::filesystem::path& bindir, const std::filesystem::path& data_dir,
                   const std::optional<User>& user, const std::filesystem::path& log, bool use_cache);

/// Writes the tree under `root` (directories, regular files, symlinks, with permissions; not
/// owners) to the file `pack`, which it creates (it must not exist). Throws core::Error.
void pack_tree(const std::filesystem::path& root, const std::filesystem::path& pack);

/// Recreates the tree packed in `pack` as `to` (which must not exist), owned by `owner` when
/// given (we are root then). Throws core::Error on an unreadable or truncated pack; `to` may
/// then hold part of the tree.
void unpack_tree(const std::filesystem::path& pack, const std::filesystem::path& to,
                 const std::optional<User>& owner = std::nullopt);

}  // namespace runner
