#pragma once
// Thin RAII over libgit2 for the history checks: owning handles, errors as core::Error,
// opening the repository that holds a path, its index, and repo-relative paths.

#include <git2.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace history::git {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

/// Shared: within a Session, every open() of one work tree returns the same repository.
using Repository = std::shared_ptr<git_repository>;
using Index = std::shared_ptr<git_index>;  ///< shared likewise
using Object = Handle<git_object, git_object_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Reference = Handle<git_reference, git_reference_free>;

/// Initialises libgit2 once per process (thread-safe; never shut down).
void init();

/// Throws core::Error "<what>: <libgit2's message>" when `rc` < 0.
void check(int rc, const std::string& what);

/// The repository whose work tree holds `start` (a file or directory, existing or not),
/// searching upwards as git does (worktrees and `.git` files included); nullopt when
/// there is none. Throws core::Error when a repository exists but cannot be opened.
/// Within a Session, the same repository for every `start` below one `.git`.
std::optional<Repository> open(const std::filesystem::path& start);

/// One command's view of git: while a Session lives, open() hands out one repository per
/// work tree, so that its configuration, index (index()) and object cache are read once per
/// run, not once per step (staged set, history check, staged reads, audit record). For the
/// span of one command, over which the repository does not change; not nested; the
/// repositories are freed when it ends.
class Session {
public:
    Session();
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Ends the session without freeing its repositories: for a process about to exit, which
    /// hands the memory back at once. libgit2 frees an index entry by entry (a hook in a
    /// 2,241-entry index: 1.9 M instructions, 8% of it, callgrind). Kept reachable (no leak
    /// report); a second call frees what the first kept.
    void keep_until_exit();
};

/// The work tree's root, absolute and canonical; empty for a bare repository.
std::filesystem::path workdir(git_repository* repo);

/// `path` relative to the work tree root with '/' separators ("" for the root itself);
/// nullopt when `path` is outside the work tree.
std::optional<std::string> relative(git_repository* repo, const std::filesystem::path& path);

/// The index a commit would record: $GIT_INDEX_FILE when set (git sets it for hooks,
/// e.g. a temporary index during `git commit -a`), else the repository's index (read
/// once per repository handle: within a Session, once per run).
Index index(git_repository* repo);

/// The tree at `path` ("" = `root` itself, as a new handle) below `root`; null when
/// there is no such entry or it is not a tree.
Tree subtree(git_repository* repo, const git_tree* root, const std::string& path);

/// The id of subtree()'s tree, read off `root`'s entries (the subtree itself is not read).
std::optional<git_oid> subtree_id(const git_tree* root, const std::string& path);

/// The commit's tree. Throws core::Error.
Tree commit_tree(git_repository* repo, const git_oid& commit);

/// The blob's bytes. Throws core::Error when the blob is missing.
std::string blob_text(git_repository* repo, const git_oid& oid);

/// The blob id git would give `text` (no filters).
git_oid hash_blob(std::string_view text);

std::string hex(const git_oid& oid);
/// The first 7 hex digits, as `git log --oneline` shows them in small repositories.
std::string short_hex(const git_oid& oid);

struct OidHash {
    std::size_t operator()(const git_oid& oid) const;
};
struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

}  // namespace history::git
