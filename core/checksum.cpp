#include "core/checksum.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>

namespace fs = std::filesystem;

namespace core {
namespace {

constexpr std::string_view k_magic = "schemagate-checksum-index 1\n";

// Reads the index's fields: "<length>:<bytes>" strings and space-terminated numbers.
struct Cursor {
    std::string_view in;
    bool ok = true;

    long number() {
        long value = 0;
        auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), value);
        if (ec != std::errc() || end == in.data() + in.size() || *end != ' ') {
            ok = false;
            return 0;
        }
        in.remove_prefix(static_cast<std::size_t>(end - in.data()) + 1);
        return value;
    }

    std::string text() {
        long size = number();
        if (!ok || size < 0 || static_cast<std::size_t>(size) > in.size()) {
            ok = false;
            return {};
        }
        std::string value(in.substr(0, static_cast<std::size_t>(size)));
        in.remove_prefix(static_cast<std::size_t>(size));
        return value;
    }
};

void put_number(std::string& out, long value) {
    out += std::to_string(value);
    out += ' ';
}

void put_text(std::string& out, std::string_view value) {
    put_number(out, static_cast<long>(value.size()));
    out += value;
}

long nanoseconds(const struct timespec& t) { return t.tv_sec * 1000000000L + t.tv_nsec; }

std::string identity(const struct stat& info) {
    return std::to_string(info.st_size) + " " + std::to_string(nanoseconds(info.st_mtim)) + " " +
           std::to_string(nanoseconds(info.st_ctim)) + " " + std::to_string(info.st_ino) + " " +
           std::to_string(info.st_dev);
}

// Changed so recently that a rewrite within the file system's timestamp tick could follow.
bool recent(const struct stat& info) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    long now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    constexpr long k_margin = 2'000'000'000L;
    return nanoseconds(info.st_mtim) > now_ns - k_margin || nanoseconds(info.st_ctim) > now_ns - k_margin;
}

}  // namespace

std::string sha256_checksum(std::string_view bytes) {
    // Fetched once: EVP_sha256() makes every EVP_Digest call fetch the implementation
    // again (OpenSSL 3), which cost more than hashing a small migration.
    static EVP_MD* const k_sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, k_sha256 != nullptr ? k_sha256 : EVP_sha256(), nullptr);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out = "sha256:";
    for (unsigned int i = 0; i < size; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0xF];
    }
    return out;
}

ChecksumIndex::ChecksumIndex(fs::path file, std::string build) : m_file(std::move(file)), m_build(std::move(build)) {
    std::ifstream in(m_file, std::ios::binary);
    if (!in) { return; }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    load(bytes);
}

void ChecksumIndex::load(std::string_view bytes) {
    if (bytes.substr(0, k_magic.size()) != k_magic) { return; }
    Cursor cursor{bytes.substr(k_magic.size())};
    if (cursor.text() != m_build || !cursor.ok) { return; }
    while (cursor.ok && !cursor.in.empty() && cursor.in.front() == '\n') {
        cursor.in.remove_prefix(1);
        if (cursor.in.empty()) { break; }
        std::string path = cursor.text();
        Entry entry;
        entry.identity = cursor.text();
        entry.digest.checksum = cursor.text();
        entry.digest.directives.no_transaction = cursor.number() != 0;
        entry.digest.directives.no_transaction_line = static_cast<int>(cursor.number());
        for (long n = cursor.number(); cursor.ok && n > 0; --n) {
            DependsDirective depends;
            depends.line = static_cast<int>(cursor.number());
            depends.has_colon = cursor.number() != 0;
            depends.value = cursor.text();
            entry.digest.directives.depends.push_back(std::move(depends));
        }
        if (cursor.ok) { m_entries.insert_or_assign(std::move(path), std::move(entry)); }
    }
    if (!cursor.ok || !cursor.in.empty()) { m_entries.clear(); }
}

std::optional<FileDigest> ChecksumIndex::find(const fs::path& path, const struct stat& info) {
    std::lock_guard lock(m_mutex);
    auto found = m_entries.find(path.string());
    if (found == m_entries.end()) { return std::nullopt; }
    if (found->second.identity != identity(info)) {
        m_entries.erase(found);
        m_dirty = true;
        return std::nullopt;
    }
    found->second.seen = true;
    return found->second.digest;
}

void ChecksumIndex::put(const fs::path& path, const struct stat& info, FileDigest digest) {
    if (recent(info)) { return; }
    std::lock_guard lock(m_mutex);
    m_entries.insert_or_assign(path.string(), Entry{identity(info), std::move(digest), true});
    m_dirty = true;
}

std::optional<FileDigest> ChecksumIndex::find_content(const std::string& key) {
    std::lock_guard lock(m_mutex);
    auto found = m_entries.find(key);
    if (found == m_entries.end() || found->second.identity != "content") { return std::nullopt; }
    found->second.seen = true;
    return found->second.digest;
}

void ChecksumIndex::put_content(const std::string& key, FileDigest digest) {
    std::lock_guard lock(m_mutex);
    m_entries.insert_or_assign(key, Entry{"content", std::move(digest), true});
    m_dirty = true;
}

void ChecksumIndex::save() {
    std::lock_guard lock(m_mutex);
    std::string out(k_magic);
    put_text(out, m_build);
    std::size_t kept = 0;
    for (const auto& [path, entry] : m_entries) {
        if (!entry.seen) { continue; }
        ++kept;
        out += '\n';
        put_text(out, path);
        put_text(out, entry.identity);
        put_text(out, entry.digest.checksum);
        put_number(out, entry.digest.directives.no_transaction ? 1 : 0);
        put_number(out, entry.digest.directives.no_transaction_line);
        put_number(out, static_cast<long>(entry.digest.directives.depends.size()));
        for (const DependsDirective& depends : entry.digest.directives.depends) {
            put_number(out, depends.line);
            put_number(out, depends.has_colon ? 1 : 0);
            put_text(out, depends.value);
        }
    }
    if (!m_dirty && kept == m_entries.size()) { return; }
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    fs::path temp = m_file;
    temp += ".tmp." + std::to_string(getpid());
    {
        std::ofstream file(temp, std::ios::binary);
        file << out;
        if (!file.flush()) {
            fs::remove(temp, ec);
            return;
        }
    }
    fs::rename(temp, m_file, ec);
    if (ec) { fs::remove(temp, ec); }
    m_dirty = false;
}

}  // namespace core
