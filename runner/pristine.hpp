#pragma once
// The pristine data directory cache: initdb runs once per PostgreSQL binary; later runs
// unpack the cached directory. An entry is one file, an uncompressed tar (pax) written and
// read with libarchive, so that caching costs one file creation, not a thousand, and it is
// published by rename: runs racing to create the same entry are safe (each rename installs a
// complete archive; readers keep the one they opened).

#include "runner/process.hpp"

#include <chrono>
#include <filesystem>
#include <optional>

namespace runner {

/// The cache entry for the binaries in `bindir`: cache_root()/pristine-<major>-<hash of the
/// directory's path>-<hash of the binaries' sizes and mtimes and of the initdb options>.tar,
/// beside a file of the same name ending in .bindir that holds the directory's path.
std::filesystem::path pristine_entry(const std::filesystem::path& bindir);

/// Removes the entry of `bindir` (a damaged one: its server did not start).
void discard_pristine_entry(const std::filesystem::path& bindir);

/// Keeps the cache in `dir` bounded: removes entries not used (unpacked or made) for
/// `max_unused` (30 days by make_data_dir), entries whose directory no longer holds a postgres,
/// entries of other binaries of the directory than `keep` (one entry per directory), and
/// entries of the format before this one (no .bindir file). Errors are ignored.
void sweep_pristine_cache(const std::filesystem::path& dir, const std::filesystem::path& keep,
                          std::chrono::hours max_unused);

/// Creates `data_dir` (which must not exist; its parent must be writable by `user`) holding a
/// freshly initialised cluster owned by `user` (or by us). Unpacks the cache entry when present
/// and readable (returns true); otherwise (no entry, or a damaged one, which it replaces) runs
/// initdb, logging to `log`, and publishes an archive of the result when `use_cache` (cache errors are ignored: the cache is only an optimisation).
/// Throws core::Error with the log's last lines when initdb fails, DiskFull (unlocated) when
/// initdb or unpacking hit ENOSPC.
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
