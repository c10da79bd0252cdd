#pragma once
// Which blob a migration folder's tree holds as its SQL file, kept between runs. Folder layouts
// (diesel's <version>/up.sql, prisma's <version>/migration.sql) otherwise read every folder's
// tree from the object database at every run: 285 trees at each commit hook in crates.io, 12%
// of its instructions. A tree's id names its content, so an entry never goes stale.

#include <git2.h>

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace history {

/// tree id -> id of the blob `file` in that tree (nullopt: no such blob), persisted in
/// `dir`/<name digest of `file`> (dir: the lint cache's folders/; empty: nothing persisted).
/// The file: "schemagate-folders 1\n", then 40 bytes an entry, the tree's raw id and the blob's
/// (all zero: none). A missing, unreadable or malformed file is an empty cache. Not thread-safe.
class FolderCache {
public:
    FolderCache(const std::filesystem::path& dir, const std::string& file);

    /// What `tree` holds as `file`, when known.
    std::optional<std::optional<git_oid>> find(const git_oid& tree) const;
    void add(const git_oid& tree, const std::optional<git_oid>& blob);
    /// Writes the file when add() added an entry (temp file and rename; failures ignored).
    void save() const;

private:
    std::filesystem::path m_path;
    std::unordered_map<std::string, git_oid> m_blobs;  ///< raw tree id -> blob id (zero: none)
    bool m_added = false;
};

}  // namespace history
