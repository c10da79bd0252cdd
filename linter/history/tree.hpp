#pragma once
// Migrations as a git tree holds them: one directory's SQL files, or its folders'
// migration.sql / up.sql for folder layouts.

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

/// True for a flat layout's migration file name: *.sql but not *.down.sql.
bool is_flat_migration(std::string_view name);

/// The migrations in `dir_tree` (the tree of repo-relative `dir`), in tree order:
/// flat (`folder_file` empty): *.sql files except *.down.sql; folder layouts: folders
/// holding `folder_file`. Throws core::Error when an object is missing.
std::vector<TreeMigration> list_migrations(git_repository* repo, const git_tree* dir_tree, const std::string& dir,
                                           const std::string& folder_file);

}  // namespace history
