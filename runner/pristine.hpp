#pragma once
// The pristine data directory cache: initdb runs once per PostgreSQL binary; later runs
// unpack the cached directory. An entry is one file, an uncompressed tar (pax) written and
// read with libarchive, so that caching costs one file creation, not a thousand, and it is
// published by rename: runs racing to create the same entry are safe (each rename installs a
// complete archive; readers keep the one they opened).

#include "runner/process.hpp"

#include <filesystem>
#include <optional>

namespace runner {

/// The cache entry for the binaries in `bindir`: cache_root()/pristine-<major>-<hash of
/// the binaries' paths, sizes and mtimes and of the initdb options>.tar.
std::filesystem::path pristine_entry(const std::filesystem::path& bindir);

/// Creates `data_dir` (which must not exist; its parent must be writable by `user`) holding a
/// freshly initialised cluster owned by `user` (or by us). Unpacks the cache entry when present
/// and readable (returns true); otherwise (no entry, or a damaged one, which it replaces) runs
/// initdb, logging to `log`, and publishes an archive of the result when `use_cache` (cache errors are ignored: the cache is only an optimisation).
/// Throws core::Error with the log's last lines when initdb fails.
bool make_data_dir(const std::filesystem::path& bindir, const std::filesystem::path& data_dir,
                   const std::optional<User>& user, const std::filesystem::path& log, bool use_cache);

/// Writes the tree under `root` (directories, regular files, symlinks, with permissions; not
/// owners) to the tar file `tar`, which it creates or replaces; the root comes last, as "./".
/// Throws core::Error (std::filesystem::filesystem_error when `root` cannot be listed).
void pack_tree(const std::filesystem::path& root, const std::filesystem::path& tar);

/// Recreates the tree archived in `tar` by pack_tree as `to` (which must not exist; its
/// parent must), with the archived permissions, owned by `owner` when given (we are root
/// then). Throws core::Error on an unreadable, truncated or foreign archive, and on entries
/// that would land outside `to` (absolute, "..", through a symlink) or are not directories,
/// regular files or symlinks; `to` may then hold part of the tree.
void unpack_tree(const std::filesystem::path& tar, const std::filesystem::path& to,
                 const std::optional<User>& owner = std::nullopt);

}  // namespace runner
