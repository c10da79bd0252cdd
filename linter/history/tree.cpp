#include "linter/history/tree.hpp"

namespace history {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

bool is_flat_migration(std::string_view name) { return ends_with(name, ".sql") && !ends_with(name, ".down.sql"); }

std::vector<TreeMigration> list_migrations(git_repository* repo, const git_tree* dir_tree, const std::string& dir,
                                           const std::string& folder_file) {
    std::vector<TreeMigration> out;
    std::size_t count = git_tree_entrycount(dir_tree);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const git_tree_entry* entry = git_tree_entry_byindex(dir_tree, i);
        std::string name = git_tree_entry_name(entry);
        git_object_t type = git_tree_entry_type(entry);
        if (folder_file.empty()) {
            if (type == GIT_OBJECT_BLOB && is_flat_migration(name)) {
                out.push_back({name, join(dir, name), *git_tree_entry_id(entry)});
            }
            continue;
        }
        if (type != GIT_OBJECT_TREE) { continue; }
        git_tree* raw = nullptr;
        git::check(git_tree_lookup(&raw, repo, git_tree_entry_id(entry)), "cannot read the tree of " + join(dir, name));
        git::Tree folder(raw);
        const git_tree_entry* inner = git_tree_entry_byname(folder.get(), folder_file.c_str());
        if (inner != nullptr && git_tree_entry_type(inner) == GIT_OBJECT_BLOB) {
            out.push_back({name, join(join(dir, name), folder_file), *git_tree_entry_id(inner)});
        }
    }
    return out;
}

}  // namespace history
