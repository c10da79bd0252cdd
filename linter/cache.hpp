#pragma once
// The per-file result cache: a file's findings (after line suppressions) and its
// suppression comments, keyed by SHA-256 of (content checksum, no-transaction directive,
// tool version and build, effective rule settings, placeholders). A warm run never parses an unchanged file.
// Entries live in <dir>/<2 hex>/<64 hex>.json; writes go to a temp file renamed into
// place, so concurrent runs never read a partial entry. Every cache error is a miss.

#include "core/finding.hpp"
#include "core/migration.hpp"
#include "linter/suppress.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace linter {

/// What linting one file yields before set rules run.
struct FileResult {
    std::vector<core::Finding> findings;
    std::vector<Ignore> ignores;
};

class Cache {
public:
    /// `settings` is everything besides the file's content that changes its result.
    Cache(std::filesystem::path dir, const std::string& settings);

    /// The cached result for this content, with `file` set to the migration's file.
    std::optional<FileResult> load(const core::Migration& migration) const;
    /// Stores a result; failures are ignored (the cache is an optimisation).
    void store(const core::Migration& migration, const FileResult& result) const;

    /// $XDG_CACHE_HOME/schemagate/lint, else $HOME/.cache/schemagate/lint; empty when
    /// neither variable is set.
    static std::filesystem::path default_dir();
    /// The tool's version and this executable's identity (size and mtime), so that a
    /// rebuilt binary never serves results of an older build.
    static std::string build_id();

private:
    std::filesystem::path entry(const core::Migration& migration) const;

    std::filesystem::path m_dir;
    std::string m_settings_digest;
};

}  // namespace linter
