#pragma once
// JSON text written without a document in memory (the lint cache, the checksum index).

#include <string>
#include <string_view>

namespace core {

/// Appends `utf8` (valid UTF-8: check with simdjson::validate_utf8 first) to `out` as a JSON
/// string, escaped as nlohmann's dump(ensure_ascii = false) escapes it: '"', '\\', \b \f \n
/// \r \t, other control bytes as \u00xx, everything else as it is.
void append_json_string(std::string& out, std::string_view utf8);

/// Appends any `text` to `out` as a JSON string, the bytes nlohmann's dump(ensure_ascii =
/// false, error_handler_t::replace) writes: append_json_string's when `text` is valid UTF-8,
/// else each invalid sequence written as U+FFFD.
void append_json_text(std::string& out, std::string_view text);

}  // namespace core
