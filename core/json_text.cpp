#include "core/json_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace core {
namespace {

bool escaped(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

#if defined(__SSE2__)
// Which of the 16 bytes at `p` JSON escapes, as a bit mask (bit i: byte i). Below
// 0x20 is min(byte, 0x1f) == byte, unsigned.
unsigned escaped_mask(const char* p) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
#endif

// The offset of the first byte at or after `from` that JSON escapes, or s.size(): 16 bytes a
// step with SSE2 (every x86-64 has it), the byte read off the mask's lowest bit. Strings are
// mostly plain (paths, rule ids, messages); documenso's also quote identifiers ("User"). Its
// warm JSON report (833 KB), callgrind: next_escaped 2.3 -> 1.2 M instructions against 8 bytes a
// step (SWAR), which had cut append_json_string 3.9 -> 3.1 M against a byte at a time.
std::size_t next_escaped(std::string_view s, std::size_t from) {
    std::size_t i = from;
#if defined(__SSE2__)
    for (; i + 16 <= s.size(); i += 16) {
        if (unsigned mask = escaped_mask(s.data() + i)) { return i + static_cast<std::size_t>(std::countr_zero(mask)); }
    }
#endif
    while (i < s.size() && !escaped(static_cast<unsigned char>(s[i]))) { ++i; }
    return i;
}

// True when every byte is below 0x80: valid UTF-8 without asking simdjson, whose call costs
// more than the check on the short strings a report is made of (documenso's warm JSON report:
// 6,959 calls, 0.80 M instructions).
bool ascii(std::string_view s) {
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= s.size(); i += 16) {
        if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i))) != 0) { return false; }
    }
#endif
    for (; i < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) >= 0x80) { return false; }
    }
    return true;
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
    if (ascii(text) || simdjson::validate_utf8(text.data(), text.size())) {
        append_json_string(out, text);
        return;
    }
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace core
