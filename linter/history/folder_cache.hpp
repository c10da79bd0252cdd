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

/// tree id -> id of the blob `file` in that tree (nullopt: no such blob) for one directory of
/// one repository, persisted in `dir`/<name digest of `key`> (dir: the lint cache's folders/;
/// empty: nothing persisted; key: the repository, the directory and `file`). The file:
/// "schemagate-folders 1\n", then 40 bytes an entry, the tree's raw id and the blob's (all
/// zero: none). A missing, unreadable or malformed file is an empty cache. Not thread-safe.
class FolderCache {
public:
    FolderCache(const std::filesystem::path& dir, const std::string& key);

    /// What `tree` holds as the folder file, when known.
    std::optional<std::optional<git_oid>> find(const git_oid& tree);
    void add(const git_oid& tree, const std::optional<git_oid>& blob);
    /// Rewrites the file (temp file and rename; failures ignored) with the entries this listing
    /// found or added, when it added one or left one unused: it holds one listing's folders.
    void save() const;

private:
    struct Entry {
        git_oid blob{};  ///< zero: none
        bool used = false;
    };
    std::filesystem::path m_path;
    std::unordered_map<std::string, Entry> m_entries;  ///< raw tree id -> entry
    bool m_changed = false;
};

}  // namespace history
