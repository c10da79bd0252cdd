#pragma once
// Whole-file reads, and whole-file writes that readers never see half done.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace core {

/// The bytes of the file at `path`; nullopt when it cannot be opened or read (missing,
/// unreadable, a directory). Callers say what that means for them.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// Writes `bytes` to `path` through a temp file beside it (".tmp.<pid>") and a rename, so a
/// concurrent reader sees the old file or the new one. Creates the parent directories.
/// Returns false, leaving no temp file, when any step fails (for caches: best effort).
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace core
