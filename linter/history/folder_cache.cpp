#include "linter/history/folder_cache.hpp"

#include "core/file.hpp"
#include "linter/cache.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace history {
namespace {

constexpr std::string_view k_magic = "schemagate-folders 1\n";
constexpr std::size_t k_entry = std::size_t{2} * GIT_OID_RAWSZ;

std::string raw(const git_oid& id) { return {reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ}; }

}  // namespace

FolderCache::FolderCache(const std::filesystem::path& dir, const std::string& key) {
    if (dir.empty()) { return; }
    m_path = dir / linter::Cache::name_digest(key);
    std::string bytes = core::read_file(m_path).value_or("");
    if (!bytes.starts_with(k_magic) || (bytes.size() - k_magic.size()) % k_entry != 0) { return; }
    for (std::size_t at = k_magic.size(); at < bytes.size(); at += k_entry) {
        Entry entry;
        std::memcpy(entry.blob.id, bytes.data() + at + GIT_OID_RAWSZ, GIT_OID_RAWSZ);
        m_entries.emplace(bytes.substr(at, GIT_OID_RAWSZ), entry);
    }
}

std::optional<std::optional<git_oid>> FolderCache::find(const git_oid& tree) {
    auto found = m_entries.find(raw(tree));
    if (found == m_entries.end()) { return std::nullopt; }
    found->second.used = true;
    if (git_oid_is_zero(&found->second.blob) != 0) { return std::optional<git_oid>(); }
    return found->second.blob;
}

void FolderCache::add(const git_oid& tree, const std::optional<git_oid>& blob) {
    m_entries.insert_or_assign(raw(tree), Entry{blob.value_or(git_oid{}), true});
    m_changed = true;
}

void FolderCache::save() const {
    if (m_path.empty()) { return; }
    bool unused = std::any_of(m_entries.begin(), m_entries.end(), [](const auto& entry) { return !entry.second.used; });
    if (!m_changed && !unused) { return; }
    std::string bytes(k_magic);
    bytes.reserve(k_magic.size() + m_entries.size() * k_entry);
    for (const auto& [tree, entry] : m_entries) {
        if (!entry.used) { continue; }
        bytes += tree;
        bytes += raw(entry.blob);
    }
    core::write_file_atomically(m_path, bytes);
}

}  // namespace history
