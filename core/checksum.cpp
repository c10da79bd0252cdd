#include "core/checksum.hpp"

#include "core/file.hpp"
#include "core/json_text.hpp"

#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_Init/Update/Final: see sha256_checksum
#include <openssl/sha.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <vector>

namespace fs = std::filesystem;

namespace core {
namespace {

// The index is one JSON document:
// {"format": k_format, "build": "<build>", "entries": {"<path or content key>": {"identity": "<size mtime
// ctime inode device>" or "content", "checksum": "sha256:...", "no_transaction": false,
// "no_transaction_line": 0, "depends": [{"line": 2, "has_colon": true, "value": "0001_a.sql"}]}}}
constexpr std::string_view k_format = "schemagate-checksum-index 2";

long nanoseconds(const struct timespec& t) { return t.tv_sec * 1000000000L + t.tv_nsec; }

// "<size> <mtime ns> <ctime ns> <inode> <device>", written in one buffer (a warm run makes one a
// file: five std::to_string and their concatenations were 2,400 instructions each).
std::string identity(const struct stat& info) {
    std::array<char, 128> text{};  // five 64-bit numbers (at most 20 digits and a sign) and spaces
    char* at = text.data();
    auto put = [&](auto value) {
        if (at != text.data()) { *at++ = ' '; }
        at = std::to_chars(at, text.data() + text.size(), value).ptr;
    };
    put(info.st_size);
    put(nanoseconds(info.st_mtim));
    put(nanoseconds(info.st_ctim));
    put(info.st_ino);
    put(info.st_dev);
    return {text.data(), at};
}

// Changed so recently that a rewrite within the file system's timestamp tick could follow.
bool recent(const struct stat& info) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    long now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
    constexpr long k_margin = 2'000'000'000L;
    return nanoseconds(info.st_mtim) > now_ns - k_margin || nanoseconds(info.st_ctim) > now_ns - k_margin;
}

// The index read with simdjson's On-Demand API, each entry's fields asked for in the order
// put_entry() writes them, so that each lookup is the next field.
namespace ondemand = simdjson::ondemand;
using Field = simdjson::simdjson_result<ondemand::value>;

bool read_string(Field field, std::string& out) {
    std::string_view value;
    if (field.get_string().get(value)) { return false; }
    out.assign(value);
    return true;
}

bool read_int(Field field, int& out) {
    std::int64_t value = 0;
    if (field.get_int64().get(value)) { return false; }
    out = static_cast<int>(value);
    return true;
}

bool read_depends(Field field, std::vector<DependsDirective>& out) {
    ondemand::array depends;
    if (field.get_array().get(depends)) { return false; }
    for (auto element : depends) {
        ondemand::object fields;
        DependsDirective directive;
        if (element.get_object().get(fields) || fields["has_colon"].get_bool().get(directive.has_colon) ||
            !read_int(fields["line"], directive.line) || !read_string(fields["value"], directive.value)) {
            return false;
        }
        out.push_back(std::move(directive));
    }
    return true;
}

bool read_entry(ondemand::object fields, std::string& identity, FileDigest& digest) {
    return read_string(fields["checksum"], digest.checksum) &&
           read_depends(fields["depends"], digest.directives.depends) && read_string(fields["identity"], identity) &&
           !fields["no_transaction"].get_bool().get(digest.directives.no_transaction) &&
           read_int(fields["no_transaction_line"], digest.directives.no_transaction_line);
}

// An entry as nlohmann's dump() wrote it (keys sorted), written straight into `out`: the
// index is saved on every cold run, and a JSON document of it cost a tenth of a cold
// `lint --staged`.
void put_entry(std::string& out, const std::string& identity, const FileDigest& digest) {
    out += "{\"checksum\":";
    append_json_string(out, digest.checksum);
    out += ",\"depends\":[";
    for (std::size_t i = 0; i < digest.directives.depends.size(); ++i) {
        const DependsDirective& directive = digest.directives.depends[i];
        out += i == 0 ? "{\"has_colon\":" : ",{\"has_colon\":";
        out += directive.has_colon ? "true" : "false";
        out += ",\"line\":" + std::to_string(directive.line) + ",\"value\":";
        append_json_string(out, directive.value);
        out += '}';
    }
    out += "],\"identity\":";
    append_json_string(out, identity);
    out += digest.directives.no_transaction ? ",\"no_transaction\":true" : ",\"no_transaction\":false";
    out += ",\"no_transaction_line\":" + std::to_string(digest.directives.no_transaction_line) + "}";
}

// JSON strings are UTF-8; a path or directive in another encoding is not remembered
// (replacing its bytes would remember a different value).
bool utf8(std::string_view key, const FileDigest& digest) {
    if (!simdjson::validate_utf8(key) || !simdjson::validate_utf8(digest.checksum)) { return false; }
    for (const DependsDirective& directive : digest.directives.depends) {
        if (!simdjson::validate_utf8(directive.value)) { return false; }
    }
    return true;
}

}  // namespace

std::string sha256_checksum(std::string_view bytes) {
    // OpenSSL's SHA-256 functions, not EVP: EVP's first fetch sets up OpenSSL's providers and
    // the names of every algorithm, 4.3 M instructions, a third of a commit hook's run
    // (callgrind); these run the same SHA-NI or AVX2 code with no set-up. Deprecated since
    // OpenSSL 3.0, present through 3.x.
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes.data(), bytes.size());
    SHA256_Final(digest.data(), &context);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out = "sha256:";
    for (unsigned char byte : digest) {
        out += k_hex[byte >> 4];
        out += k_hex[byte & 0xF];
    }
    return out;
}

ChecksumIndex::ChecksumIndex(fs::path file, std::string build) : m_file(std::move(file)), m_build(std::move(build)) {
    simdjson::padded_string bytes;
    if (simdjson::padded_string::load(m_file.string()).get(bytes)) { return; }
    load(bytes);
}

void ChecksumIndex::load(std::string_view bytes) {
    ondemand::parser parser;
    ondemand::document document;
    ondemand::object root;
    std::string_view format;
    std::string_view build;
    ondemand::object entries;
    simdjson::padded_string_view padded(bytes, bytes.size() + simdjson::SIMDJSON_PADDING);
    if (parser.iterate(padded).get(document) || document.get_object().get(root) ||
        root["format"].get_string().get(format) || format != k_format || root["build"].get_string().get(build) ||
        build != m_build || root["entries"].get_object().get(entries)) {
        return;
    }
    for (auto field : entries) {
        std::string_view key;
        ondemand::object fields;
        Entry entry;
        if (field.unescaped_key().get(key) || field.value().get_object().get(fields) ||
            !read_entry(fields, entry.identity, entry.digest)) {
            m_entries.clear();
            return;
        }
        m_entries.insert_or_assign(std::string(key), std::move(entry));
    }
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
    auto seen = [](const auto& item) { return item.second.seen; };
    if (!m_dirty && std::all_of(m_entries.begin(), m_entries.end(), seen)) { return; }
    if (!simdjson::validate_utf8(m_build)) { return; }  // a build name that is not UTF-8
    // {"build": ..., "entries": {...}, "format": ...}: the keys in nlohmann's (sorted) order.
    std::vector<const std::pair<const std::string, Entry>*> kept;
    for (const auto& item : m_entries) {
        if (item.second.seen && utf8(item.first, item.second.digest)) { kept.push_back(&item); }
    }
    std::sort(kept.begin(), kept.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    std::string out = "{\"build\":";
    append_json_string(out, m_build);
    out += ",\"entries\":{";
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (i > 0) { out += ','; }
        append_json_string(out, kept[i]->first);
        out += ':';
        put_entry(out, kept[i]->second.identity, kept[i]->second.digest);
    }
    out += "},\"format\":";
    append_json_string(out, k_format);
    out += '}';
    if (write_file_atomically(m_file, out)) { m_dirty = false; }
}

}  // namespace core
