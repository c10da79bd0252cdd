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

FolderCache::FolderCache(const std::filesystem::path& dir, const std::string& file) {
    if (dir.empty()) { return; }
    m_path = dir / linter::Cache::name_digest(file);
    std::string bytes = core::read_file(m_path).value_or("");
    if (!bytes.starts_with(k_magic) || (bytes.size() - k_magic.size()) % k_entry != 0) { return; }
    for (std::size_t at = k_magic.size(); at < bytes.size(); at += k_entry) {
        git_oid blob{};
        std::memcpy(blob.id, bytes.data() + at + GIT_OID_RAWSZ, GIT_OID_RAWSZ);
        m_blobs.emplace(bytes.substr(at, GIT_OID_RAWSZ), blob);
    }
}

std::optional<std::optional<git_oid>> FolderCache::find(const git_oid& tree) const {
    auto found = m_blobs.find(raw(tree));
    if (found == m_blobs.end()) { return std::nullopt; }
    if (git_oid_is_zero(&found->second) != 0) { return std::optional<git_oid>(); }
    return found->second;
}

void FolderCache::add(const git_oid& tree, const std::optional<git_oid>& blob) {
    m_blobs.insert_or_assign(raw(tree), blob.value_or(git_oid{}));
    m_added = true;
}

void FolderCache::save() const {
    if (!m_added || m_path.empty()) { return; }
    std::string bytes(k_magic);
    bytes.reserve(k_magic.size() + m_blobs.size() * k_entry);
    for (const auto& [tree, blob] : m_blobs) {
        bytes += tree;
        bytes += raw(blob);
    }
    core::write_file_atomically(m_path, bytes);
}

}  // namespace history
