#include "core/json_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <cstring>

namespace core {
namespace {

bool escaped(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// True when some byte of `v` is one JSON escapes (SWAR): (v - 0x01..) & ~v & 0x80.. is
// non-zero exactly when some byte of v is zero, and with 0x20.. in place of 0x01.. when some
// byte is below 0x20.
bool has_escaped(std::uint64_t v) {
    constexpr std::uint64_t k_ones = 0x0101010101010101;
    constexpr std::uint64_t k_highs = 0x8080808080808080;
    auto below = [](std::uint64_t w, std::uint64_t n) { return (w - k_ones * n) & ~w & k_highs; };
    return (below(v, 0x20) | below(v ^ (k_ones * '"'), 1) | below(v ^ (k_ones * '\\'), 1)) != 0;
}

// The offset of the first byte at or after `from` that JSON escapes, or s.size(): 8 bytes a
// step up to the word that holds it. Strings are mostly plain (paths, rule ids, messages);
// documenso's also quote identifiers ("User"). Its warm JSON report (833 KB): append_json_string
// 3.9 -> 3.1 M instructions (callgrind) against a byte at a time; realistic-1000's (4.7 MB)
// 40 -> 24 M.
std::size_t next_escaped(std::string_view s, std::size_t from) {
    std::size_t i = from;
    for (std::uint64_t v = 0; i + 8 <= s.size(); i += 8) {
        std::memcpy(&v, s.data() + i, 8);
        if (has_escaped(v)) { break; }
    }
    while (i < s.size() && !escaped(static_cast<unsigned char>(s[i]))) { ++i; }
    return i;
}

void append_escaped(std::string& out, char c) {
    static constexpr char k_hex[] = "0123456789abcdef";
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += k_hex[(c >> 4) & 0xf];
            out += k_hex[c & 0xf];
    }
}

}  // namespace

void append_json_string(std::string& out, std::string_view utf8) {
    out += '"';
    std::size_t done = 0;  // bytes of utf8 written
    for (std::size_t at = next_escaped(utf8, 0); at < utf8.size(); at = next_escaped(utf8, done)) {
        out += utf8.substr(done, at - done);
        append_escaped(out, utf8[at]);
        done = at + 1;
    }
    out += utf8.substr(done);
    out += '"';
}

void append_json_text(std::string& out, std::string_view text) {
    if (simdjson::validate_utf8(text.data(), text.size())) {
        append_json_string(out, text);
        return;
    }
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace core
