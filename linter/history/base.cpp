#include "linter/history/base.hpp"

#include "core/error.hpp"

#include <vector>

namespace history {
namespace {

constexpr const char* k_candidates[] = {"origin/HEAD", "origin/main", "origin/master", "main", "master"};

std::optional<git_oid> peel_commit(git_repository* repo, const std::string& ref) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, ref.c_str()) != 0) { return std::nullopt; }
    git::Object object(raw);
    git_object* peeled_raw = nullptr;
    if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) != 0) { return std::nullopt; }
    git::Object peeled(peeled_raw);
    return *git_object_id(peeled.get());
}

std::optional<git_oid> head(git_repository* repo) {
    if (git_repository_head_unborn(repo) == 1) { return std::nullopt; }
    return peel_commit(repo, "HEAD");
}

// A shallow clone of one branch (`git clone --depth 1 --branch topic`) points origin/HEAD
// at that branch itself: it is not the default branch then, and must not be the base.
bool is_own_upstream(git_repository* repo, const std::string& candidate) {
    if (candidate != "origin/HEAD" || git_repository_is_shallow(repo) != 1) { return false; }
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, repo, "refs/remotes/origin/HEAD") != 0) { return false; }
    git::Reference origin_head(raw);
    const char* target = git_reference_symbolic_target(origin_head.get());
    if (target == nullptr || git_repository_head(&raw, repo) != 0) { return false; }
    git::Reference head_ref(raw);
    return git_reference_is_branch(head_ref.get()) == 1 &&
           std::string(target) == std::string("refs/remotes/origin/") + git_reference_shorthand(head_ref.get());
}

// "origin/HEAD" as the branch it points at ("origin/main"); other names unchanged.
std::string resolved_name(git_repository* repo, const std::string& candidate) {
    git_reference* raw = nullptr;
    if (candidate != "origin/HEAD" || git_reference_lookup(&raw, repo, "refs/remotes/origin/HEAD") != 0) {
        return candidate;
    }
    git::Reference symbolic(raw);
    if (git_reference_resolve(&raw, symbolic.get()) != 0) { return candidate; }
    git::Reference direct(raw);
    return git_reference_shorthand(direct.get());
}

std::string branch_of(const std::string& ref) {
    std::size_t slash = ref.find('/');
    std::string branch = slash == std::string::npos ? ref : ref.substr(slash + 1);
    return branch == "HEAD" ? "main" : branch;
}

[[noreturn]] void shallow_missing_ref(const std::string& ref) {
    std::string branch = branch_of(ref);
    throw core::Error("base ref " + ref +
                      " is missing from this shallow clone, so which migrations are applied is unknown: " +
                      "fetch it with `git fetch origin " + branch + " --depth=1` and pass `--base origin/" + branch +
                      "`, or fetch the whole history (`git fetch --unshallow`; GitHub Actions: `fetch-depth: 0` on "
                      "actions/checkout)");
}

[[noreturn]] void shallow_missing_fork(const std::string& ref) {
    std::string branch = branch_of(ref);
    throw core::Error(
        "the merge-base of HEAD and " + ref +
        " is missing from this shallow clone, so which migrations are applied is unknown: " +
        "fetch the whole history (`git fetch --unshallow`; GitHub Actions: `fetch-depth: 0` on actions/checkout), " +
        "or pass `--base origin/" + branch + "` after `git fetch origin " + branch + " --depth=1`");
}

// Merge-base of a and b; nullopt when they share no history (or it is cut off).
std::optional<git_oid> merge_base(git_repository* repo, const git_oid& a, const git_oid& b, bool* failed) {
    git_oid out;
    int rc = git_merge_base(&out, repo, &a, &b);
    *failed = rc != 0 && rc != GIT_ENOTFOUND;
    if (rc != 0) { return std::nullopt; }
    return out;
}

// In a shallow clone libgit2 cannot compute a merge-base across the cut: look for `tip`
// among the ancestors of `head` that are present (a CI merge commit's first parent is the
// base branch's tip once `git fetch origin main --depth=1` fetched it).
bool present_ancestor(git_repository* repo, const git_oid& head, const git_oid& tip) {
    constexpr int k_limit = 10000;
    std::vector<git_oid> pending{head};
    for (int seen = 0; !pending.empty() && seen < k_limit; ++seen) {
        git_oid id = pending.back();
        pending.pop_back();
        if (git_oid_equal(&id, &tip)) { return true; }
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, repo, &id) != 0) { continue; }  // beyond the shallow boundary
        git::Commit commit(raw);
        for (unsigned i = 0, n = git_commit_parentcount(commit.get()); i < n; ++i) {
            pending.push_back(*git_commit_parent_id(commit.get(), i));
        }
    }
    return false;
}

Base from_explicit(git_repository* repo, const std::string& ref, bool shallow, bool want_fork) {
    std::optional<git_oid> tip = peel_commit(repo, ref);
    if (!tip) {
        if (shallow) { shallow_missing_ref(ref); }
        throw core::Error("base ref '" + ref + "' does not exist in this repository: fetch it (`git fetch origin " +
                          branch_of(ref) +
                          "`) or name an existing branch, tag or commit with --base or immutable_after");
    }
    Base base{true, ref, *tip, std::nullopt, {}};
    std::optional<git_oid> at = want_fork ? head(repo) : std::nullopt;
    if (at) {
        bool failed = false;
        std::optional<git_oid> fork = merge_base(repo, *at, *tip, &failed);
        if (fork && !git_oid_equal(&*fork, &*tip)) { base.fork = fork; }
    }
    return base;
}

}  // namespace

Base resolve_base(git_repository* repo, const std::string& explicit_ref) {
    bool shallow = git_repository_is_shallow(repo) == 1;
    if (!explicit_ref.empty()) { return from_explicit(repo, explicit_ref, shallow, true); }
    std::optional<git_oid> at = head(repo);
    for (const char* candidate : k_candidates) {
        std::optional<git_oid> tip = peel_commit(repo, candidate);
        if (!tip || is_own_upstream(repo, candidate)) { continue; }
        std::string name = resolved_name(repo, candidate);
        if (!at) { return Base{true, name, *tip, std::nullopt, {}}; }
        bool failed = false;
        std::optional<git_oid> fork = merge_base(repo, *at, *tip, &failed);
        if (fork) { return Base{true, name, *fork, std::nullopt, {}}; }
        if (shallow && present_ancestor(repo, *at, *tip)) { return Base{true, name, *tip, std::nullopt, {}}; }
        if (shallow) { shallow_missing_fork(name); }
        if (failed) { git::check(-1, "cannot find the merge-base of HEAD and " + name); }
        // Unrelated histories: try the next candidate.
    }
    if (!at) { return Base{false, {}, {}, std::nullopt, "no commits yet: no migration counts as applied"}; }
    if (shallow) { shallow_missing_ref("origin/main"); }
    return Base{false,
                {},
                {},
                std::nullopt,
                "no base ref (origin/HEAD, origin/main, origin/master, main, master) shares history with HEAD: "
                "history checks skipped; pass --base REF or set immutable_after"};
}

Base resolve_branch(git_repository* repo, const std::string& explicit_ref) {
    bool shallow = git_repository_is_shallow(repo) == 1;
    if (!explicit_ref.empty()) { return from_explicit(repo, explicit_ref, shallow, false); }
    for (const char* candidate : k_candidates) {
        if (std::optional<git_oid> tip = peel_commit(repo, candidate)) {
            return Base{true, resolved_name(repo, candidate), *tip, std::nullopt, {}};
        }
    }
    if (std::optional<git_oid> at = head(repo)) { return Base{true, "HEAD", *at, std::nullopt, {}}; }
    return Base{false, {}, {}, std::nullopt, "no commits yet: there is no history to audit"};
}

}  // namespace history
