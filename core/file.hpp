#pragma once
// Whole-file reads, and whole-file writes that readers never see half done.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace core {

/// The bytes of the file at `path`; nullopt when it cannot be opened or read (missing,
/// unreadable, a directory). Callers say what that means for them. `padding`: zero bytes of
/// capacity kept past the end, for parsers that read beyond it (simdjson's SIMDJSON_PADDING).
std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t padding = 0);

/// As read_file, for a regular file only (symlinks followed): nullopt, without opening
/// it, for a FIFO, device, socket or directory, so that none can block or feed bytes
/// without end. `stat_checked`: the caller's own stat(2) just found a regular file there,
/// and is not made again (the fstat(2) after opening still checks what was opened).
std::optional<std::string> read_regular_file(const std::filesystem::path& path, bool stat_checked = false);

/// What a path is, symlinks followed; a loop or a dangling link is a kind of its own.
enum class FileKind {
    regular,
    directory,
    fifo,
    character_device,
    block_device,
    socket,
    link_loop,
    dangling_link,
    missing,
    other
};

/// The kind of `path`. Never throws.
FileKind file_kind(const std::filesystem::path& path);

/// A kind as a noun phrase for messages: "a FIFO", "a symbolic link loop", ...
std::string_view describe(FileKind kind);

/// `path` without its leading "./" steps when every other step is a plain name (no ".", "..",
/// or empty step, not absolute): then it is lexically normal as it stands. Else nullopt.
/// A view into `path`.
std::optional<std::string_view> plain_relative_path(std::string_view path);

/// `path` when it is "/" followed by a plain relative path (above): absolute and lexically
/// normal as it stands. Else nullopt.
std::optional<std::string_view> plain_absolute_path(std::string_view path);

/// `path` made absolute against `cwd` and lexically normal: (cwd / path).lexically_normal()
/// .string(), for `cwd` absolute and lexically normal (as std::filesystem::current_path() gives
/// it). Builds no std::filesystem::path when `path` is plain, relative or absolute (above): 13%
/// of a warm lint of 163 files went to that, for the lint cache's keys.
std::string absolute_normal(std::string_view cwd, const std::filesystem::path& path);

/// Writes `bytes` to `path` through a temp file beside it (".tmp.<pid>") and a rename, so a
/// concurrent reader sees the old file or the new one. Creates the parent directories.
/// Returns false, leaving no temp file, when any step fails (for caches: best effort).
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace core
