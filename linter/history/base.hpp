#pragma once
// Which commit's migrations count as applied: the base ref, resolved with libgit2.

#include "linter/history/git.hpp"

#include <optional>
#include <string>

namespace history {

struct Base {
    bool found = false;
    std::string ref;              ///< as named: "origin/main", or the --base text
    git_oid commit{};             ///< the commit whose migrations count as applied
    std::optional<git_oid> fork;  ///< explicit ref only: merge-base with HEAD, when it differs from `commit`
    std::string note;             ///< why nothing counts as applied, when !found
};

/// The base of the history checks. `explicit_ref` (--base / immutable_after) is used as
/// is; else the merge-base of HEAD with the first of origin/HEAD, origin/main,
/// origin/master, main, master that exists (its tip when HEAD has no commits yet).
/// Nothing found (no commits, no candidate): !found with a note.
/// Throws core::Error when `explicit_ref` does not exist, and in a shallow clone when the
/// base ref or the merge-base is missing: the message says what to fetch.
Base resolve_base(git_repository* repo, const std::string& explicit_ref);

/// The tip of the base branch for the audit: `explicit_ref`, else the first default
/// candidate that exists, else HEAD. !found when HEAD has no commits and nothing exists.
Base resolve_branch(git_repository* repo, const std::string& explicit_ref);

}  // namespace history
