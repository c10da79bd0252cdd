// The naming presets. Each preset's pattern is documented as an ECMAScript regex
// (Naming::pattern, shown in messages); the preset is matched by a hand-written function
// with the same verdicts, so that a run builds no std::regex (compiling one and matching
// every file with it cost 4.3 M instructions of a 60 M commit hook). A custom naming is
// still a std::regex.
#include "core/error.hpp"
#include "core/migration.hpp"

#include <algorithm>
#include <regex>

namespace core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// \w in the "C" locale: [A-Za-z0-9_].
bool is_word(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
// [a-z0-9_]
bool is_lower_word(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || c == '_'; }
// [\w.-]
bool is_file_word(char c) { return is_word(c) || c == '.' || c == '-'; }
// ECMAScript's `.`: anything but a line terminator.
bool is_not_newline(char c) { return c != '\n' && c != '\r'; }

// Takes exactly `count` digits from the front of `s`; leaves `s` alone when there are fewer.
bool take_digits(std::string_view& s, std::size_t count) {
    if (s.size() < count || !std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(count), is_digit)) {
        return false;
    }
    s.remove_prefix(count);
    return true;
}

// \d+ (greedy: what follows a digit run in every preset is not a digit).
bool take_digit_run(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) { ++n; }
    s.remove_prefix(n);
    return n > 0;
}

bool take(std::string_view& s, std::string_view literal) {
    if (!s.starts_with(literal)) { return false; }
    s.remove_prefix(literal.size());
    return true;
}

// `s` is C+ followed by `suffix` and the end, every character of C+ in `in`.
bool run_then(std::string_view s, bool (*in)(char), std::string_view suffix) {
    return s.size() > suffix.size() && s.ends_with(suffix) &&
           std::all_of(s.begin(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()), in);
}

bool all_nonempty(std::string_view s, bool (*in)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), in); }

// ^\d{4}_[a-z0-9_]+\.sql$
bool match_default(std::string_view s) {
    return take_digits(s, 4) && take(s, "_") && run_then(s, is_lower_word, ".sql");
}

// ^V\d+([._]\d+)*__[\w.-]+\.sql$
bool match_flyway(std::string_view s) {
    if (!take(s, "V") || !take_digit_run(s)) { return false; }
    while (s.size() >= 2 && (s[0] == '.' || s[0] == '_') && is_digit(s[1])) {
        s.remove_prefix(1);
        take_digit_run(s);
    }
    return take(s, "__") && run_then(s, is_file_word, ".sql");
}

// ^\d+_[\w.-]+\.up\.sql$
bool match_golang_migrate(std::string_view s) {
    return take_digit_run(s) && take(s, "_") && run_then(s, is_file_word, ".up.sql");
}

// ^\d{14}_[a-z0-9_]+\.sql$
bool match_timestamp(std::string_view s) {
    return take_digits(s, 14) && take(s, "_") && run_then(s, is_lower_word, ".sql");
}

// ^\d{14}_[a-z0-9_]+$
bool match_prisma(std::string_view s) { return take_digits(s, 14) && take(s, "_") && all_nonempty(s, is_lower_word); }

// ^(\d{14}|\d{4}-\d{2}-\d{2}-\d{6}(-\d{4})?)_.+$
bool match_diesel(std::string_view s) {
    if (!take_digits(s, 14)) {
        if (!(take_digits(s, 4) && take(s, "-") && take_digits(s, 2) && take(s, "-") && take_digits(s, 2) &&
              take(s, "-") && take_digits(s, 6))) {
            return false;
        }
        std::string_view counted = s;
        if (take(counted, "-") && take_digits(counted, 4) && take(counted, "_") &&
            all_nonempty(counted, is_not_newline)) {
            return true;
        }
    }
    return take(s, "_") && all_nonempty(s, is_not_newline);
}

struct Preset {
    const char* name;
    const char* pattern;
    const char* folder_file;
    bool (*match)(std::string_view id);
};

constexpr Preset k_presets[] = {
    {"default", R"(^\d{4}_[a-z0-9_]+\.sql$)", "", match_default},
    {"flyway", R"(^V\d+([._]\d+)*__[\w.-]+\.sql$)", "", match_flyway},
    {"golang-migrate", R"(^\d+_[\w.-]+\.up\.sql$)", "", match_golang_migrate},
    {"timestamp", R"(^\d{14}_[a-z0-9_]+\.sql$)", "", match_timestamp},
    {"prisma", R"(^\d{14}_[a-z0-9_]+$)", "migration.sql", match_prisma},
    // What diesel generates: 00000000000000_diesel_initial_setup, YYYY-MM-DD-HHMMSS_name,
    // YYYY-MM-DD-HHMMSS-NNNN_name (diesel 2.2+), and YYYYMMDDHHMMSS_name (older releases).
    {"diesel", R"(^(\d{14}|\d{4}-\d{2}-\d{2}-\d{6}(-\d{4})?)_.+$)", "up.sql", match_diesel},
};

}  // namespace

Naming make_naming(const std::string& preset_or_regex) {
    Naming naming;
    std::string name = preset_or_regex.empty() ? "default" : preset_or_regex;
    for (const Preset& preset : k_presets) {
        if (name == preset.name) {
            naming.preset = preset.name;
            naming.pattern = preset.pattern;
            naming.folder_file = preset.folder_file;
            naming.match = preset.match;
            return naming;
        }
    }
    naming.preset = "custom";
    naming.pattern = name;
    try {
        naming.regex = std::regex(naming.pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
        throw Error("naming: invalid regular expression '" + naming.pattern + "': " + e.what() +
                    ": use a preset (flyway, golang-migrate, timestamp, prisma, diesel) or a valid ECMAScript regex");
    }
    return naming;
}

bool naming_matches(const Naming& naming, std::string_view id) {
    if (naming.match != nullptr) { return naming.match(id); }
    return std::regex_search(id.begin(), id.end(), naming.regex);
}

}  // namespace core
