#pragma once
// Checksums of migration files, and an on-disk index that remembers them by file
// identity so that a warm run neither reads nor hashes an unchanged file.

#include "core/migration.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <unordered_map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace core {

/// "sha256:<64 lowercase hex>" of `bytes` (OpenSSL's SHA256_* functions: no EVP set-up).
std::string sha256_checksum(std::string_view bytes);

/// What discovery derives from a file's bytes.
struct FileDigest {
    std::string checksum;  ///< as Migration::checksum
    Directives directives;
};

/// Checksums and header directives of files keyed by (path, size, mtime and ctime in ns,
/// inode, device), kept in one JSON file. Thread-safe. A file changed in the last two seconds
/// is never remembered (timestamps are coarse: a rewrite in the same tick would look
/// unchanged). A missing, unreadable, corrupt or foreign index is an empty one; save() failures
/// are ignored (the index is an optimisation). Entries not looked up since loading are
/// dropped on save, so one index should serve one set of paths.
class ChecksumIndex {
public:
    /// Loads `file`; `build` names the tool build, an index of another build is ignored.
    ChecksumIndex(std::filesystem::path file, std::string build);

    /// The remembered digest of `path` when its identity `info` (from stat) is unchanged.
    std::optional<FileDigest> find(const std::filesystem::path& path, const struct stat& info);
    /// Remembers `digest` for `path` as identified by `info`.
    void put(const std::filesystem::path& path, const struct stat& info, FileDigest digest);
    /// The same by a key that names the content itself (e.g. "git-blob <hex>"): never stale.
    std::optional<FileDigest> find_content(const std::string& key);
    void put_content(const std::string& key, FileDigest digest);
    /// Writes the index (temp file + rename) when anything changed.
    void save();

private:
    struct Entry {
        std::string identity;  ///< size, times, inode and device as text
        FileDigest digest;
        bool seen = false;
    };

    /// `bytes`: a simdjson::padded_string's (SIMDJSON_PADDING readable bytes past the end).
    void load(std::string_view bytes);

    std::filesystem::path m_file;
    std::string m_build;
    /// by path, or by content key ("git-blob <hex>"): hashed, since a hook looks up 1,000 keys
    /// that share a long prefix (a std::map's memcmp was 6.6% of its CPU samples, perf)
    std::unordered_map<std::string, Entry> m_entries;
    std::mutex m_mutex;
    bool m_dirty = false;
};

}  // namespace core
