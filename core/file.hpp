#pragma once
// Whole-file writes that readers never see half done.

#include <filesystem>
#include <string_view>

namespace core {

/// Writes `bytes` to `path` through a temp file beside it (".tmp.<pid>") and a rename, so a
/// concurrent reader sees the old file or the new one. Creates the parent directories.
/// Returns false, leaving no temp file, when any step fails (for caches: best effort).
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace core
