#include "core/secrets.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace core {
namespace {

std::vector<std::string>& known() {
    static std::vector<std::string> secrets;
    return secrets;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') { return c - '0'; }
    if (c >= 'a' && c <= 'f') { return c - 'a' + 10; }
    if (c >= 'A' && c <= 'F') { return c - 'A' + 10; }
    return -1;
}

// `text` percent-decoded, or "" when a '%' is not followed by two hex digits.
std::string percent_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) { return ""; }
        out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
        i += 2;
    }
    return out;
}

// `value`, and its percent-decoded form when that decodes to something else.
void add_with_decoded(std::string_view value, std::vector<std::string>& out) {
    out.emplace_back(value);
    if (std::string decoded = percent_decoded(value); !decoded.empty() && decoded != value) {
        out.push_back(std::move(decoded));
    }
}

bool ends_token(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\''; }

// URL user-info passwords: after each "://", up to the path, the last '@' closes the user info.
void url_passwords(std::string_view text, std::vector<std::string>& out) {
    for (std::size_t scheme = text.find("://"); scheme != std::string_view::npos;
         scheme = text.find("://", scheme + 3)) {
        std::size_t start = scheme + 3;
        std::size_t end = start;
        while (end < text.size() && !ends_token(text[end]) && text[end] != '/' && text[end] != '?') { ++end; }
        std::string_view authority = text.substr(start, end - start);
        std::size_t at = authority.rfind('@');
        if (at == std::string_view::npos) { continue; }
        std::size_t colon = authority.substr(0, at).find(':');
        if (colon == std::string_view::npos) { continue; }
        std::string_view password = authority.substr(colon + 1, at - colon - 1);
        add_with_decoded(password, out);
    }
}

// password=value and password='quoted \' value' (libpq keyword syntax), and
// ?password=value in a URL's query.
void keyword_passwords(std::string_view text, std::vector<std::string>& out) {
    for (std::size_t key = text.find("password"); key != std::string_view::npos; key = text.find("password", key + 8)) {
        std::size_t i = key + 8;
        while (i < text.size() && text[i] == ' ') { ++i; }
        if (i >= text.size() || text[i] != '=') { continue; }
        ++i;
        while (i < text.size() && text[i] == ' ') { ++i; }
        std::string value;
        if (i < text.size() && text[i] == '\'') {
            for (++i; i < text.size() && text[i] != '\''; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) { ++i; }
                value += text[i];
            }
        } else {
            for (; i < text.size() && !ends_token(text[i]) && text[i] != '&'; ++i) { value += text[i]; }
        }
        add_with_decoded(value, out);
    }
}

std::string escaped(std::string_view text, bool xml) {
    std::string out;
    for (char c : text) {
        if (!xml && (c == '"' || c == '\\')) {
            out += '\\';
            out += c;
        } else if (xml && c == '&') {
            out += "&amp;";
        } else if (xml && c == '<') {
            out += "&lt;";
        } else if (xml && c == '>') {
            out += "&gt;";
        } else if (xml && c == '"') {
            out += "&quot;";
        } else if (xml && c == '\'') {
            out += "&apos;";
        } else {
            out += c;
        }
    }
    return out;
}

void replace_all(std::string& text, const std::string& secret) {
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
        text.replace(at, secret.size(), "***");
    }
}

// The password field of each .pgpass line: the fifth ':'-separated field, '\:' and '\\' escaped.
void pgpass_passwords(const std::string& file, std::vector<std::string>& out) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') { continue; }
        int field = 0;
        std::string value;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) {
                value += line[++i];
            } else if (line[i] == ':' && field < 4) {
                ++field;
                value.clear();
            } else {
                value += line[i];
            }
        }
        if (field == 4) { out.push_back(value); }
    }
}

}  // namespace

std::vector<std::string> passwords_in(std::string_view text) {
    std::vector<std::string> out;
    url_passwords(text, out);
    keyword_passwords(text, out);
    std::erase_if(out, [](const std::string& s) { return s.size() < 2; });
    return out;
}

std::string redact(std::string_view text, const std::vector<std::string>& secrets) {
    std::string out(text);
    std::vector<std::string> forms;
    for (const std::string& secret : secrets) {
        if (secret.size() < 2) { continue; }
        forms.push_back(secret);
        forms.push_back(escaped(secret, false));
        forms.push_back(escaped(secret, true));
    }
    // Longest first, so that a secret containing another is masked whole.
    std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const std::string& form : forms) { replace_all(out, form); }
    return out;
}

void remember_secret(const std::string& secret) {
    if (secret.size() >= 2 && std::find(known().begin(), known().end(), secret) == known().end()) {
        known().push_back(secret);
    }
}

void remember_secrets(int argc, char** argv, bool pgpass) {
    std::vector<std::string> found;
    for (int i = 1; i < argc; ++i) {
        for (std::string& p : passwords_in(argv[i])) { found.push_back(std::move(p)); }
    }
    if (const char* url = std::getenv("DATABASE_URL")) {
        for (std::string& p : passwords_in(url)) { found.push_back(std::move(p)); }
    }
    if (const char* password = std::getenv("PGPASSWORD")) { found.emplace_back(password); }
    if (pgpass) {
        const char* file = std::getenv("PGPASSFILE");
        const char* home = std::getenv("HOME");
        if (file != nullptr) {
            pgpass_passwords(file, found);
        } else if (home != nullptr) {
            pgpass_passwords(std::string(home) + "/.pgpass", found);
        }
    }
    for (const std::string& secret : found) { remember_secret(secret); }
}

std::string redact_known(std::string_view text) { return known().empty() ? std::string(text) : redact(text, known()); }

bool has_known_secrets() { return !known().empty(); }

}  // namespace core
