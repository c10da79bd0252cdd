#include "core/json_text.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace core {

void append_json_string(std::string& out, std::string_view utf8) {
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    for (char c : utf8) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += k_hex[(c >> 4) & 0xf];
                    out += k_hex[c & 0xf];
                } else {
                    out += c;
                }
        }
    }
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
