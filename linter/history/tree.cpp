#include "linter/history/tree.hpp"

namespace history {
namespace {

git::Tree lookup_tree(git_repository* repo, const git_tree_entry* entry, const std::string& where) {
    git_tree* raw = nullptr;
    git::check(git_tree_lookup(&raw, repo, git_tree_entry_id(entry)), "cannot read the tree of " + where);
    return git::Tree(raw);
}

}  // namespace

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

std::vector<TreeMigration> list_migrations(git_repository* repo, const git_tree* dir_tree, const std::string& dir,
                                           const core::Naming& naming) {
    const std::string& folder_file = naming.folder_file;
    std::vector<TreeMigration> out;
    std::size_t count = git_tree_entrycount(dir_tree);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(dir_tree, i);
        std::string name = git_tree_entry_name(entry);
        git_object_t type = git_tree_entry_type(entry);
        if (folder_file.empty()) {
            if (type == GIT_OBJECT_BLOB && core::is_flat_migration(name, naming)) {
                out.push_back({name, join(dir, name), *git_tree_entry_id(entry)});
            }
            continue;
        }
        if (type != GIT_OBJECT_TREE) { continue; }
        git::Tree folder = lookup_tree(repo, entry, join(dir, name));
        const git_tree_entry* inner = git_tree_entry_byname(folder.get(), folder_file.c_str());
        if (inner != nullptr && git_tree_entry_type(inner) == GIT_OBJECT_BLOB) {
            out.push_back({name, join(join(dir, name), folder_file), *git_tree_entry_id(inner)});
        }
    }
    return out;
}

std::vector<std::string> preset_entries(git_repository* repo, const git_tree* dir_tree) {
    std::vector<std::string> entries;
    for (std::size_t i = 0, n = git_tree_entrycount(dir_tree); i < n; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(dir_tree, i);
        std::string name = git_tree_entry_name(entry);
        if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
            entries.push_back(name);
            continue;
        }
        git::Tree folder = lookup_tree(repo, entry, name);
        for (const char* file : {"migration.sql", "up.sql"}) {
            if (git_tree_entry_byname(folder.get(), file) != nullptr) { entries.push_back(name + "/" + file); }
        }
    }
    return entries;
}

}  // namespace history
