#include "linter/cache.hpp"

#include "core/file.hpp"
#include "core/json_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <sys/stat.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace fs = std::filesystem;
using nlohmann::json;

namespace linter {
namespace {

json position(core::Position p) { return json::array({p.line, p.column}); }

// The entry as nlohmann writes it (invalid UTF-8 replaced by U+FFFD): the fallback of
// write_entry().
json to_json(const FileResult& result) {
    json findings = json::array();
    for (const core::Finding& f : result.findings) {
        findings.push_back({{"rule", f.rule},
                            {"severity", core::to_string(f.severity)},
                            {"start", position(f.start)},
                            {"end", position(f.end)},
                            {"message", f.message},
                            {"help", f.help}});
    }
    json ignores = json::array();
    for (const Ignore& i : result.ignores) {
        ignores.push_back({{"start", position(i.start)},
                           {"end", position(i.end)},
                           {"file_wide", i.file_wide},
                           {"lines", json::array({i.first_line, i.last_line})},
                           {"rules", i.rules},
                           {"used", i.used}});
    }
    return {{"findings", findings}, {"ignores", ignores}};
}

void put_position(std::string& out, core::Position p) {
    out += '[';
    out += std::to_string(p.line);
    out += ',';
    out += std::to_string(p.column);
    out += ']';
}

bool valid_utf8(const FileResult& result) {
    for (const core::Finding& f : result.findings) {
        // f.rule is a catalog id (core::RuleId): ASCII, never checked here.
        if (!simdjson::validate_utf8(f.message) || !simdjson::validate_utf8(f.help)) { return false; }
    }
    for (const Ignore& i : result.ignores) {
        for (const std::string& rule : i.rules) {
            if (!simdjson::validate_utf8(rule)) { return false; }
        }
    }
    return true;
}

// The entry's JSON, the same text to_json().dump() gives, written straight into `out`
// (no intermediate document: storing entries was a sixth of a cold run's CPU).
void write_entry(std::string& out, const FileResult& result) {
    if (!valid_utf8(result)) {
        out += to_json(result).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    out += "{\"findings\":[";
    for (std::size_t n = 0; n < result.findings.size(); ++n) {
        const core::Finding& f = result.findings[n];
        out += n == 0 ? "{\"end\":" : ",{\"end\":";
        put_position(out, f.end);
        out += ",\"help\":";
        core::append_json_string(out, f.help);
        out += ",\"message\":";
        core::append_json_string(out, f.message);
        out += ",\"rule\":";
        core::append_json_string(out, f.rule);
        out += ",\"severity\":";
        core::append_json_string(out, core::to_string(f.severity));
        out += ",\"start\":";
        put_position(out, f.start);
        out += '}';
    }
    out += "],\"ignores\":[";
    for (std::size_t n = 0; n < result.ignores.size(); ++n) {
        const Ignore& i = result.ignores[n];
        out += n == 0 ? "{\"end\":" : ",{\"end\":";
        put_position(out, i.end);
        out += i.file_wide ? ",\"file_wide\":true,\"lines\":[" : ",\"file_wide\":false,\"lines\":[";
        out += std::to_string(i.first_line);
        out += ',';
        out += std::to_string(i.last_line);
        out += "],\"rules\":[";
        for (std::size_t r = 0; r < i.rules.size(); ++r) {
            if (r > 0) { out += ','; }
            core::append_json_string(out, i.rules[r]);
        }
        out += "],\"start\":";
        put_position(out, i.start);
        out += ",\"used\":[";
        for (std::size_t u = 0; u < i.used.size(); ++u) {
            if (u > 0) { out += ','; }
            out += i.used[u] ? "true" : "false";
        }
        out += "]}";
    }
    out += "]}";
}

// Reads an entry with simdjson's On-Demand API, asking for the fields in the order
// write_entry() puts them, so that each lookup is the next field (a warm run reads thousands of
// entries: nlohmann's parser was most of its time, then simdjson's DOM, which builds a tape
// before anything is read). Returns false for anything malformed in what it reads (bytes after
// the entry's object are not looked at: the pack's framing delimits each entry).
namespace ondemand = simdjson::ondemand;
using Field = simdjson::simdjson_result<ondemand::value>;

bool read_pair(Field field, std::array<std::int64_t, 2>& out) {
    ondemand::array array;
    if (field.get_array().get(array)) { return false; }
    std::size_t n = 0;
    for (auto element : array) {
        if (n == out.size() || element.get_int64().get(out[n++])) { return false; }
    }
    return n == out.size();
}

bool read_position(Field field, core::Position& out) {
    std::array<std::int64_t, 2> pair{};
    if (!read_pair(field, pair)) { return false; }
    out = {static_cast<int>(pair[0]), static_cast<int>(pair[1])};
    return true;
}

bool read_string(Field field, std::string& out) {
    std::string_view value;
    if (field.get_string().get(value)) { return false; }
    out.assign(value);
    return true;
}

bool read_finding(ondemand::object f, const std::string& file, core::Finding& finding) {
    std::string_view rule;
    std::string_view severity;
    if (!read_position(f["end"], finding.end) || !read_string(f["help"], finding.help) ||
        !read_string(f["message"], finding.message) || f["rule"].get_string().get(rule) ||
        f["severity"].get_string().get(severity) || !read_position(f["start"], finding.start)) {
        return false;
    }
    auto parsed = core::parse_severity(severity);
    std::optional<core::RuleId> known = core::known_rule_id(rule);  // a rule renamed since: not this build's entry
    if (!parsed || !known) { return false; }
    finding.rule = *known;
    finding.severity = *parsed;
    finding.file = file;
    return true;
}

bool read_ignore(ondemand::object i, Ignore& ignore) {
    std::array<std::int64_t, 2> lines{};
    ondemand::array rules;
    ondemand::array used;
    if (!read_position(i["end"], ignore.end) || i["file_wide"].get_bool().get(ignore.file_wide) ||
        !read_pair(i["lines"], lines) || i["rules"].get_array().get(rules)) {
        return false;
    }
    ignore.first_line = static_cast<int>(lines[0]);
    ignore.last_line = static_cast<int>(lines[1]);
    for (auto rule : rules) {
        std::string_view text;
        if (rule.get_string().get(text)) { return false; }
        ignore.rules.emplace_back(text);
    }
    if (!read_position(i["start"], ignore.start) || i["used"].get_array().get(used)) { return false; }
    for (auto flag : used) {
        bool value = false;
        if (flag.get_bool().get(value)) { return false; }
        ignore.used.push_back(value);
    }
    return ignore.used.size() == ignore.rules.size();
}

// `entry` is followed by at least SIMDJSON_PADDING readable bytes.
std::optional<FileResult> from_json(simdjson::padded_string_view entry, const std::string& file) {
    thread_local ondemand::parser parser;
    ondemand::document root;
    ondemand::array findings;
    ondemand::array ignores;
    FileResult result;
    if (parser.iterate(entry).get(root) || root["findings"].get_array().get(findings)) { return std::nullopt; }
    for (auto element : findings) {
        ondemand::object object;
        core::Finding finding;
        if (element.get_object().get(object) || !read_finding(object, file, finding)) { return std::nullopt; }
        result.findings.push_back(std::move(finding));
    }
    if (root["ignores"].get_array().get(ignores)) { return std::nullopt; }
    for (auto element : ignores) {
        ondemand::object object;
        Ignore ignore;
        if (element.get_object().get(object) || !read_ignore(object, ignore)) { return std::nullopt; }
        result.ignores.push_back(std::move(ignore));
    }
    return result;
}

}  // namespace

constexpr std::string_view k_magic = "schemagate-lint-pack 2 ";

// The pack's first line, then the build and the settings it was written with (compared byte
// for byte, so that a pack whose name another build or set shares is never read):
// "<magic><length>\n<build id>\n<settings>\n".
std::string pack_header(const std::string& settings) {
    return std::string(k_magic) + std::to_string(settings.size()) + "\n" + settings + "\n";
}

std::string Cache::name_digest(std::string_view text) {
    // std::hash (libstdc++: MurmurHash2, 64 bits) twice, salted: 128 bits, no OpenSSL set-up.
    std::string salted = "a" + std::string(text);
    std::size_t first = std::hash<std::string_view>{}(salted);
    salted[0] = 'b';
    std::size_t second = std::hash<std::string_view>{}(salted);
    std::array<char, 33> hex{};
    std::snprintf(hex.data(), hex.size(), "%016zx%016zx", first, second);
    return {hex.data(), 32};
}

Cache::Cache(const fs::path& dir, const std::string& settings, const std::string& set)
        : m_file(dir / "packs" / name_digest(build_id() + "\n" + set)),
          m_header(pack_header(build_id() + "\n" + settings)) {
    m_pack = core::read_file(m_file, simdjson::SIMDJSON_PADDING).value_or("");
    // Entries: "<key> <length>\n<JSON>\n". Anything malformed ends the pack there.
    std::string_view rest(m_pack);
    if (rest.substr(0, m_header.size()) != m_header) { return; }
    rest.remove_prefix(m_header.size());
    for (std::size_t newline = rest.find('\n'); newline != std::string_view::npos; newline = rest.find('\n')) {
        std::size_t space = rest.substr(0, newline).rfind(' ');
        if (space == std::string_view::npos || space == 0) { break; }
        std::size_t length = 0;
        auto [end, ec] = std::from_chars(rest.data() + space + 1, rest.data() + newline, length);
        if (ec != std::errc() || end != rest.data() + newline || newline + 1 + length + 1 > rest.size()) { break; }
        m_entries[rest.substr(0, space)].json = rest.substr(newline + 1, length);
        rest.remove_prefix(newline + 1 + length + 1);
    }
}

std::string Cache::key(const core::Migration& migration) const {
    // The content's checksum; the settings are the pack's header. The directives count too:
    // the config can mark a file no-transaction without changing its bytes
    // (core::Config::no_transaction).
    return migration.checksum + (migration.directives.no_transaction ? "+no-transaction" : "");
}

std::optional<FileResult> Cache::load(const core::Migration& migration) const {
    auto found = m_entries.find(key(migration));
    if (found == m_entries.end()) { return std::nullopt; }
    std::string_view entry = found->second.json;  // into m_pack, whose capacity holds the padding
    std::size_t capacity = m_pack.capacity() - static_cast<std::size_t>(entry.data() - m_pack.data());
    std::optional<FileResult> result = from_json(simdjson::padded_string_view(entry, capacity), migration.file);
    if (result) { found->second.used = true; }
    return result;
}

void Cache::store(const core::Migration& migration, const FileResult& result) {
    std::string text;
    try {
        write_entry(text, result);
    } catch (const json::exception&) { return; }
    std::lock_guard lock(m_mutex);
    m_added.insert_or_assign(key(migration), std::move(text));
}

void Cache::save() {
    std::lock_guard lock(m_mutex);
    std::map<std::string_view, std::string_view> kept;
    for (const auto& [key, entry] : m_entries) {
        if (entry.used) { kept.emplace(key, entry.json); }
    }
    if (m_added.empty() && kept.size() == m_entries.size()) { return; }
    for (const auto& [key, text] : m_added) { kept.insert_or_assign(key, text); }
    std::string out = m_header;
    for (const auto& [key, text] : kept) {
        out += key;
        out += ' ';
        out += std::to_string(text.size());
        out += '\n';
        out += text;
        out += '\n';
    }
    core::write_file_atomically(m_file, out);
}

fs::path Cache::default_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "schemagate" / "lint";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return fs::path(home) / ".cache" / "schemagate" / "lint";
    }
    return {};
}

std::string Cache::build_id() {
    std::string id = "schemagate " SCHEMAGATE_VERSION;
    struct stat info {};
    if (stat("/proc/self/exe", &info) == 0) {
        id += " " + std::to_string(info.st_size) + " " + std::to_string(info.st_mtim.tv_sec) + "." +
              std::to_string(info.st_mtim.tv_nsec);
    }
    return id;
}

}  // namespace linter
