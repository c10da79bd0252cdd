#pragma once
// `schemagate hook install | uninstall`: writes schemagate's git pre-commit hook
// (hooks/pre-commit, embedded in the binary) into a repository's hooks directory.
// The hooks directory is core.hooksPath when set (relative to the work tree's top),
// else the common git dir's hooks/ (shared by every worktree). An existing foreign
// hook is kept: renamed to pre-commit.schemagate-chained and run first by ours.

#include <filesystem>
#include <string>

namespace hooks {

struct HookResult {
    std::filesystem::path hook;  ///< the pre-commit file written or removed
    std::string message;         ///< one line for the user: what was done
};

/// Installs (or updates) the hook of the repository that contains `start`, with
/// `binary` as the schemagate it falls back to. Throws core::Error when `start` is not
/// in a git repository or a chained hook already exists that is not ours to replace.
HookResult install(const std::filesystem::path& start, const std::filesystem::path& binary);

/// Removes schemagate's hook and restores a chained one. Throws core::Error when the
/// pre-commit hook there is not schemagate's (it is never touched then).
HookResult uninstall(const std::filesystem::path& start);

/// The hook script with the binary path substituted (single-quote-escaped).
std::string hook_script(const std::filesystem::path& binary);

}  // namespace hooks
