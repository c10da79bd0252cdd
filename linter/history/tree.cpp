#include "linter/history/tree.hpp"

#include "core/file.hpp"
#include "linter/cache.hpp"
#include "linter/history/folder_cache.hpp"

#include <cstring>
#include <optional>
#include <string_view>

namespace history {
namespace {

git::Tree lookup_tree(git_repository* repo, const git_tree_entry* entry, const std::string& where) {
    git_tree* raw = nullptr;
    git::check(git_tree_lookup(&raw, repo, git_tree_entry_id(entry)), "cannot read the tree of " + where);
    return git::Tree(raw);
}

// The blob `file` in the folder `entry` names (`where`): from `cache`, else from its tree, kept.
std::optional<git_oid> folder_blob(git_repository* repo, const git_tree_entry* entry, const std::string& where,
                                   const std::string& file, FolderCache& cache) {
    const git_oid& tree = *git_tree_entry_id(entry);
    if (std::optional<std::optional<git_oid>> known = cache.find(tree)) { return *known; }
    git::Tree folder = lookup_tree(repo, entry, where);
    const git_tree_entry* inner = git_tree_entry_byname(folder.get(), file.c_str());
    std::optional<git_oid> blob;
    if (inner != nullptr && git_tree_entry_type(inner) == GIT_OBJECT_BLOB) { blob = *git_tree_entry_id(inner); }
    cache.add(tree, blob);
    return blob;
}

// The folder cache of `dir` in `repo`: in the lint cache's folders/; nothing kept for flat
// layouts or without a cache directory.
FolderCache folder_cache(git_repository* repo, const std::string& dir, const std::string& folder_file) {
    std::filesystem::path cache = folder_file.empty() ? std::filesystem::path() : linter::Cache::default_dir();
    if (cache.empty()) { return {cache, ""}; }
    return {cache / "folders", std::string(git_repository_path(repo)) + "\n" + dir + "\n" + folder_file};
}

// The lint cache's file for `dir`'s listing: one listing, "schemagate-listing 1\n", the tree's
// raw id, then each migration's blob id (raw) and id, NUL-terminated (no git name holds NUL).
// Empty without a cache directory.
std::filesystem::path listing_file(git_repository* repo, const std::string& dir, const core::Naming& naming) {
    std::filesystem::path cache = linter::Cache::default_dir();
    if (cache.empty()) { return cache; }
    return cache / "listings" /
           linter::Cache::name_digest(std::string(git_repository_path(repo)) + "\n" + dir + "\n" + naming.preset +
                                      "\n" + naming.folder_file);
}

constexpr std::string_view k_listing_magic = "schemagate-listing 1\n";

std::string_view raw_id(const git_oid& id) { return {reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ}; }

// The listing `file` holds for `tree`: nullopt when it holds another tree's, or is missing or
// malformed.
std::optional<std::vector<TreeMigration>> read_listing(const std::filesystem::path& file, const git_oid& tree,
                                                       const std::string& dir, const std::string& folder_file) {
    std::optional<std::string> bytes = file.empty() ? std::nullopt : core::read_file(file);
    std::string_view rest = bytes ? std::string_view(*bytes) : std::string_view();
    if (!rest.starts_with(k_listing_magic) || rest.substr(k_listing_magic.size(), GIT_OID_RAWSZ) != raw_id(tree)) {
        return std::nullopt;
    }
    rest.remove_prefix(k_listing_magic.size() + GIT_OID_RAWSZ);
    std::vector<TreeMigration> out;
    while (!rest.empty()) {
        std::size_t end = rest.find('\0', GIT_OID_RAWSZ);
        if (end == std::string_view::npos || end == GIT_OID_RAWSZ) { return std::nullopt; }
        TreeMigration& m = out.emplace_back();
        std::memcpy(m.oid.id, rest.data(), GIT_OID_RAWSZ);
        m.id = rest.substr(GIT_OID_RAWSZ, end - GIT_OID_RAWSZ);
        m.repo_path = folder_file.empty() ? join(dir, m.id) : join(join(dir, m.id), folder_file);
        rest.remove_prefix(end + 1);
    }
    return out;
}

void write_listing(const std::filesystem::path& file, const git_oid& tree, const std::vector<TreeMigration>& listed) {
    if (file.empty()) { return; }
    std::string bytes(k_listing_magic);
    bytes += raw_id(tree);
    for (const TreeMigration& m : listed) {
        bytes += raw_id(m.oid);
        bytes += m.id;
        bytes += '\0';
    }
    core::write_file_atomically(file, bytes);
}

}  // namespace

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

std::vector<TreeMigration> list_migrations(git_repository* repo, const git_tree* dir_tree, const std::string& dir,
                                           const core::Naming& naming) {
    const std::string& folder_file = naming.folder_file;
    FolderCache folders = folder_cache(repo, dir, folder_file);
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
        if (std::optional<git_oid> blob = folder_blob(repo, entry, join(dir, name), folder_file, folders)) {
            out.push_back({name, join(join(dir, name), folder_file), *blob});
        }
    }
    folders.save();
    return out;
}

std::vector<TreeMigration> list_migrations(git_repository* repo, const git_oid& dir_tree, const std::string& dir,
                                           const core::Naming& naming) {
    std::filesystem::path file = listing_file(repo, dir, naming);
    if (std::optional<std::vector<TreeMigration>> known = read_listing(file, dir_tree, dir, naming.folder_file)) {
        return std::move(*known);
    }
    git_tree* raw = nullptr;
    git::check(git_tree_lookup(&raw, repo, &dir_tree), "cannot read the tree of " + (dir.empty() ? "the root" : dir));
    git::Tree tree(raw);
    std::vector<TreeMigration> listed = list_migrations(repo, tree.get(), dir, naming);
    write_listing(file, dir_tree, listed);
    return listed;
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
