#pragma once
// Migrations as a git tree holds them: one directory's SQL files, or its folders'
// migration.sql / up.sql for folder layouts.

#include "core/migration.hpp"
#include "linter/history/git.hpp"

#include <string>
#include <vector>

namespace history {

struct TreeMigration {
    std::string id;         ///< file name, or folder name for folder layouts
    std::string repo_path;  ///< the SQL file: "<dir>/<id>" or "<dir>/<id>/<folder_file>"
    git_oid oid{};          ///< the SQL file's blob
};

/// `dir` + "/" + `name` ("" + name when `dir` is the root).
std::string join(const std::string& dir, const std::string& name);

/// The migrations in `dir_tree` (the tree of repo-relative `dir`), in tree order:
/// flat layouts: the files core::is_flat_migration accepts; folder layouts: folders
/// holding naming.folder_file (which blob a folder's tree holds is kept in a FolderCache).
/// Throws core::Error when an object is missing.
std::vector<TreeMigration> list_migrations(git_repository* repo, const git_tree* dir_tree, const std::string& dir,
                                           const core::Naming& naming);

/// As list_migrations, for the tree whose id is `dir_tree`, which is read only when the lint
/// cache does not hold its listing: each directory's last listing (by repository, directory,
/// naming preset and folder file) is kept there with its tree's id, which names the content,
/// so it is never stale. A 1,000-file directory's tree is a chain of deltas in a pack: reading
/// it was 3.5 M instructions of a 37.8 M commit hook (callgrind).
std::vector<TreeMigration> list_migrations(git_repository* repo, const git_oid& dir_tree, const std::string& dir,
                                           const core::Naming& naming);

/// The entries of `dir_tree` as core::detect_preset reads them: file names, and
/// "<folder>/migration.sql" or "<folder>/up.sql" for folders that hold one.
std::vector<std::string> preset_entries(git_repository* repo, const git_tree* dir_tree);

}  // namespace history
