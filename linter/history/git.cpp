#include "linter/history/git.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace fs = std::filesystem;

// A shared libgit2 as Debian builds it (mbedtls) parses the system CA bundle when it is
// initialised, ~10 ms, for HTTPS remotes that schemagate never contacts (it reads local
// repositories only). These definitions take the place of libmbedx509's for the whole
// process (the executable's symbols come first): "loaded" with no certificate, so any TLS
// peer would fail verification, never pass it. Weak, so as not to clash with a static
// libmbedx509: `schemagate` links mbedtls statically, and there git_offline.cpp's --wrap skips
// libgit2's TLS set-up altogether.
extern "C" {
[[gnu::weak]] int mbedtls_x509_crt_parse_file(void* /*chain*/, const char* /*path*/) { return 0; }
[[gnu::weak]] int mbedtls_x509_crt_parse_path(void* /*chain*/, const char* /*path*/) { return 0; }
}

namespace history::git {
namespace {

std::string last_message() {
    const git_error* error = git_error_last();
    return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

// The nearest existing directory at or above `path` (git searches from there).
fs::path existing_dir(const fs::path& path) {
    std::error_code ec;
    fs::path dir = fs::absolute(path, ec).lexically_normal();
    while (!dir.empty() && !fs::is_directory(dir, ec)) {
        if (dir == dir.parent_path()) { break; }
        dir = dir.parent_path();
    }
    return dir;
}

// The directory at or above `dir` that holds a `.git` entry, or is a bare repository
// itself; nullopt when there is none: then libgit2 is not started at all.
// When there is one, libgit2 decides.
std::optional<fs::path> repository_candidate(const fs::path& dir) {
    std::error_code ec;
    for (fs::path at = dir;; at = at.parent_path()) {
        if (fs::exists(fs::symlink_status(at / ".git", ec)) ||
            (fs::exists(at / "HEAD", ec) && fs::is_directory(at / "objects", ec) &&
             fs::is_directory(at / "refs", ec))) {
            return at;
        }
        if (at == at.parent_path() || at.empty()) { return std::nullopt; }
    }
}

// What a live Session shares: repositories by candidate directory, $GIT_INDEX_FILE indexes
// by repository.
struct Shared {
    std::mutex mutex;
    std::map<fs::path, Repository> repositories;
    std::map<git_repository*, Index> indexes;
};
Shared* g_session = nullptr;
Shared* g_kept_until_exit = nullptr;  // Session::keep_until_exit(): reachable, never freed

}  // namespace

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        // Objects come from our own repository: skip re-hashing every object read.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    });
}

void check(int rc, const std::string& what) {
    if (rc < 0) { throw core::Error(what + ": " + last_message()); }
}

Session::Session() { g_session = new Shared; }

Session::~Session() {
    delete g_session;
    g_session = nullptr;
}

void Session::keep_until_exit() {
    std::swap(g_kept_until_exit, g_session);
    delete g_session;
    g_session = nullptr;
}

namespace {

std::optional<Repository> open_new(const fs::path& dir) {
    init();
    git_repository* raw = nullptr;
    int rc = git_repository_open_ext(&raw, dir.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) { return std::nullopt; }
    if (rc == GIT_EOWNER) {
        throw core::Error("the git repository holding " + dir.generic_string() + " is owned by another user: " +
                          "mark it safe with `git config --global --add safe.directory <its path>`");
    }
    check(rc, "cannot open the git repository holding " + dir.generic_string());
    return Repository(raw, git_repository_free);
}

}  // namespace

std::optional<Repository> open(const fs::path& start) {
    fs::path dir = existing_dir(start);
    std::optional<fs::path> candidate = repository_candidate(dir);
    if (!candidate) { return std::nullopt; }
    if (g_session == nullptr) { return open_new(dir); }
    std::lock_guard lock(g_session->mutex);
    auto found = g_session->repositories.find(*candidate);
    if (found != g_session->repositories.end()) { return found->second; }
    std::optional<Repository> repo = open_new(dir);
    if (repo) { g_session->repositories.emplace(*candidate, *repo); }
    return repo;
}

fs::path workdir(git_repository* repo) {
    const char* dir = git_repository_workdir(repo);
    if (dir == nullptr) { return {}; }
    std::error_code ec;
    fs::path canonical = fs::canonical(dir, ec);
    return ec ? fs::path(dir).lexically_normal() : canonical;
}

std::optional<std::string> relative(git_repository* repo, const fs::path& path) {
    fs::path root = workdir(repo);
    std::error_code ec;
    fs::path full = fs::weakly_canonical(fs::absolute(path, ec), ec);
    fs::path rel = full.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") { return std::nullopt; }
    std::string text = rel.generic_string();
    return text == "." ? "" : text;
}

Index index(git_repository* repo) {
    git_index* raw = nullptr;
    const char* file = std::getenv("GIT_INDEX_FILE");
    if (file == nullptr || *file == '\0') {  // the repository's own, read once per handle
        check(git_repository_index(&raw, repo), "cannot read the git index");
        return Index(raw, git_index_free);
    }
    std::unique_lock<std::mutex> lock;
    if (g_session != nullptr) {
        lock = std::unique_lock(g_session->mutex);
        if (auto found = g_session->indexes.find(repo); found != g_session->indexes.end()) { return found->second; }
    }
    check(git_index_open(&raw, fs::absolute(file).c_str()), std::string("cannot read the index ") + file);
    Index opened(raw, git_index_free);
    if (g_session != nullptr) { g_session->indexes.emplace(repo, opened); }
    return opened;
}

Tree subtree(git_repository* repo, const git_tree* root, const std::string& path) {
    git_tree* raw = nullptr;
    if (path.empty()) {
        check(git_tree_dup(&raw, const_cast<git_tree*>(root)), "cannot copy a tree");
        return Tree(raw);
    }
    std::optional<git_oid> id = subtree_id(root, path);
    if (!id) { return nullptr; }
    check(git_tree_lookup(&raw, repo, &*id), "cannot read the tree of " + path);
    return Tree(raw);
}

std::optional<git_oid> subtree_id(const git_tree* root, const std::string& path) {
    if (path.empty()) { return *git_tree_id(root); }
    git_tree_entry* entry_raw = nullptr;
    if (git_tree_entry_bypath(&entry_raw, root, path.c_str()) != 0) { return std::nullopt; }
    TreeEntry entry(entry_raw);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) { return std::nullopt; }
    return *git_tree_entry_id(entry.get());
}

Tree commit_tree(git_repository* repo, const git_oid& commit) {
    git_commit* commit_raw = nullptr;
    check(git_commit_lookup(&commit_raw, repo, &commit), "cannot read commit " + hex(commit));
    Commit owned(commit_raw);
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, owned.get()), "cannot read the tree of commit " + hex(commit));
    return Tree(raw);
}

std::string blob_text(git_repository* repo, const git_oid& oid) {
    git_blob* raw = nullptr;
    check(git_blob_lookup(&raw, repo, &oid), "cannot read blob " + hex(oid));
    Blob blob(raw);
    const char* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(bytes, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

git_oid hash_blob(std::string_view text) {
    init();
    git_oid oid;
    check(git_odb_hash(&oid, text.data(), text.size(), GIT_OBJECT_BLOB), "cannot hash a file");
    return oid;
}

std::string hex(const git_oid& oid) {
    char buffer[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buffer, sizeof buffer, &oid);
    return buffer;
}

std::string short_hex(const git_oid& oid) { return hex(oid).substr(0, 7); }

std::size_t OidHash::operator()(const git_oid& oid) const {
    std::size_t value = 0;
    std::memcpy(&value, oid.id, sizeof value);
    return value;
}

}  // namespace history::git
