#include "linter/scan.hpp"

#include <pg_query.h>

#include <cctype>
#include <cstdint>
#include <string>

namespace linter {
namespace {

// Reads pg_query's ScanResult protobuf (pg_query.proto: ScanResult{1: version,
// 2: repeated ScanToken}; ScanToken{1: start, 2: end, 4: token, 5: keyword_kind}).
// Only varint and length-delimited fields occur; libprotobuf-c's headers are not
// packaged with libpg-query-dev, and this is the whole of the wire format we need.
class Reader {
public:
    Reader(const std::uint8_t* at, const std::uint8_t* end) : m_at(at), m_end(end) {}
    bool done() const { return m_at >= m_end; }
    bool varint(std::uint64_t& value) {
        value = 0;
        for (int shift = 0; m_at < m_end && shift < 64; shift += 7) {
            std::uint8_t byte = *m_at++;
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) { return true; }
        }
        return false;
    }
    bool field(int& number, int& wire, std::uint64_t& value, Reader& nested) {
        std::uint64_t key = 0;
        if (!varint(key)) { return false; }
        number = static_cast<int>(key >> 3);
        wire = static_cast<int>(key & 7);
        if (wire == 0) { return varint(value); }
        if (wire != 2 || !varint(value) || value > static_cast<std::uint64_t>(m_end - m_at)) { return false; }
        nested = Reader(m_at, m_at + value);
        m_at += value;
        return true;
    }

private:
    const std::uint8_t* m_at;
    const std::uint8_t* m_end;
};

bool read_token(Reader reader, Token& token) {
    int number = 0;
    int wire = 0;
    std::uint64_t value = 0;
    Reader nested(nullptr, nullptr);
    while (!reader.done()) {
        if (!reader.field(number, wire, value, nested)) { return false; }
        if (wire != 0) { continue; }
        if (number == 1) {
            token.begin = value;
        } else if (number == 2) {
            token.end = value;
        } else if (number == 4) {
            token.kind = static_cast<int>(value);
        } else if (number == 5) {
            token.keyword = static_cast<int>(value);
        }
    }
    return true;
}

}  // namespace

std::vector<Token> scan(std::string_view text) {
    std::vector<Token> tokens;
    std::string buffer(text);
    PgQueryScanResult result = pg_query_scan(buffer.c_str());
    if (result.error == nullptr) {
        const auto* data = reinterpret_cast<const std::uint8_t*>(result.pbuf.data);
        Reader reader(data, data + result.pbuf.len);
        int number = 0;
        int wire = 0;
        std::uint64_t value = 0;
        Reader nested(nullptr, nullptr);
        while (!reader.done() && reader.field(number, wire, value, nested)) {
            Token token;
            if (number == 2 && wire == 2 && read_token(nested, token) && token.end <= text.size()) {
                tokens.push_back(token);
            }
        }
    }
    pg_query_free_scan_result(result);
    return tokens;
}

bool token_is(std::string_view text, const Token& token, std::string_view word) {
    if (token.end - token.begin != word.size() || token.end > text.size()) { return false; }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[token.begin + i])) !=
            std::tolower(static_cast<unsigned char>(word[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace linter
