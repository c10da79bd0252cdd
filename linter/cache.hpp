#pragma once
// The per-file result cache: a file's findings (after line suppressions) and its
// suppression comments, keyed by the content's checksum and no-transaction directive; the
// effective rule settings and placeholders head the pack (a pack of other settings is empty).
// No SHA-256 of its own: a warm run sets up no OpenSSL digest. A warm run never parses
// an unchanged file. One pack per build and set of migrations (its directory, else its
// files), so that two builds never evict each other's entries: <dir>/packs/<32 hex>, read once, rewritten (temp file renamed into place, so concurrent
// runs never read a partial pack) by save() when a run added entries or left some unused
// (those are dropped). Every cache error is a miss.

#include "core/finding.hpp"
#include "core/migration.hpp"
#include "linter/suppress.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace linter {

/// What linting one file yields before set rules run.
struct FileResult {
    std::vector<core::Finding> findings;
    std::vector<Ignore> ignores;
};

class Cache {
public:
    /// `settings` is everything besides the file's content that changes its result;
    /// `set` names the set of migrations (one pack each), e.g. its directory.
    Cache(const std::filesystem::path& dir, const std::string& settings, const std::string& set);

    /// The cached result for this content, with `file` set to the migration's file. Thread-safe.
    std::optional<FileResult> load(const core::Migration& migration) const;
    /// Adds a result to the pack (in memory until save()). Thread-safe.
    void store(const core::Migration& migration, const FileResult& result);
    /// Writes the pack when this run changed it; failures are ignored (the cache is an optimisation).
    void save();

    /// $XDG_CACHE_HOME/schemagate/lint, else $HOME/.cache/schemagate/lint; empty when
    /// neither variable is set.
    static std::filesystem::path default_dir();
    /// The tool's version and this executable's identity (size and mtime), so that a
    /// rebuilt binary never serves results of an older build.
    static std::string build_id();
    /// 32 lowercase hex naming a cache file for `text` (not a checksum: two texts may share
    /// a name, which costs misses, never a wrong result).
    static std::string name_digest(std::string_view text);

private:
    struct Entry {
        std::string_view json;  ///< into m_pack
        mutable std::atomic<bool> used{false};
    };

    std::string key(const core::Migration& migration) const;

    std::filesystem::path m_file;
    std::string m_header;                                   ///< magic and settings, the pack's first bytes
    std::string m_pack;                                     ///< the pack's bytes as read
    std::unordered_map<std::string_view, Entry> m_entries;  ///< key -> entry, into m_pack
    std::mutex m_mutex;
    std::map<std::string, std::string> m_added;  ///< key -> JSON, this run's new entries
};

}  // namespace linter
