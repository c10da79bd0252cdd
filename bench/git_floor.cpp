// git_floor: the least a libgit2-based commit hook does, for bench/staged.sh: open the
// repository holding the current directory, read the index (as `git::index` does: from
// $GIT_INDEX_FILE when set), read HEAD's tree, and compare each index entry below DIR
// with HEAD's blob at the same path (DIR's tree looked up once). Prints how many differ. The floor of `lint --staged`
// as long as it reads git with libgit2 (its start-up, its libraries, its index read).
//   git_floor DIR
#include <git2.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

// As in linter/history/git.cpp: libgit2 skips parsing the system CA bundle (~10 ms) when it
// is a shared library; linked statically, git_offline.cpp does it (cmake/static_start.cmake).
extern "C" {
[[gnu::weak]] int mbedtls_x509_crt_parse_file(void*, const char*) { return 0; }
[[gnu::weak]] int mbedtls_x509_crt_parse_path(void*, const char*) { return 0; }
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: git_floor DIR\n");
        return 2;
    }
    git_libgit2_init();
    git_repository* repo = nullptr;
    git_index* index = nullptr;
    git_object* head = nullptr;
    git_tree* tree = nullptr;
    const char* file = std::getenv("GIT_INDEX_FILE");
    if (git_repository_open_ext(&repo, ".", 0, nullptr) != 0 ||
        (file != nullptr && *file != '\0' ? git_index_open(&index, file) : git_repository_index(&index, repo)) != 0 ||
        git_revparse_single(&head, repo, "HEAD^{tree}") != 0) {
        std::fprintf(stderr, "git_floor: %s\n", git_error_last() != nullptr ? git_error_last()->message : "error");
        return 2;
    }
    tree = reinterpret_cast<git_tree*>(head);
    git_tree_entry* dir_entry = nullptr;  // DIR's tree at HEAD, looked up once
    git_tree* dir_tree = nullptr;
    if (git_tree_entry_bypath(&dir_entry, tree, argv[1]) == 0) {
        git_tree_lookup(&dir_tree, repo, git_tree_entry_id(dir_entry));
        git_tree_entry_free(dir_entry);
    }
    std::string prefix = std::string(argv[1]) + "/";
    int changed = 0;
    for (std::size_t i = 0, n = git_index_entrycount(index); i < n; ++i) {
        const git_index_entry* entry = git_index_get_byindex(index, i);
        if (std::strncmp(entry->path, prefix.c_str(), prefix.size()) != 0) { continue; }
        git_tree_entry* at_head = nullptr;
        if (dir_tree == nullptr || git_tree_entry_bypath(&at_head, dir_tree, entry->path + prefix.size()) != 0) {
            ++changed;
            continue;
        }
        changed += git_oid_equal(git_tree_entry_id(at_head), &entry->id) ? 0 : 1;
        git_tree_entry_free(at_head);
    }
    std::printf("%d staged files differ from HEAD below %s\n", changed, argv[1]);
    git_tree_free(dir_tree);
    git_object_free(head);
    git_index_free(index);
    git_repository_free(repo);
    git_libgit2_shutdown();
    return 0;
}
