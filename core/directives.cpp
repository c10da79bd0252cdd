#include "core/migration.hpp"

#include <cctype>

namespace core {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) { s.remove_prefix(1); }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) { s.remove_suffix(1); }
    return s;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) { return false; }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) { return false; }
    }
    return true;
}

}  // namespace

Directives parse_directives(std::string_view text) {
    Directives directives;
    int number = 0;
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++number;
        if (line.empty()) { continue; }
        if (line.substr(0, 2) != "--") { break; }
        std::string_view body = trim(line.substr(2));
        if (starts_with_nocase(body, "depends:") || body.substr(0, 7) == "DEPENDS") {
            std::string_view rest = trim(body.substr(7));
            bool colon = !rest.empty() && rest.front() == ':';
            if (colon) { rest = trim(rest.substr(1)); }
            directives.depends.push_back({number, std::string(rest), colon});
        } else if (body == "schemagate:no-transaction") {
            directives.no_transaction = true;
            directives.no_transaction_line = number;
        }
    }
    return directives;
}

}  // namespace core
