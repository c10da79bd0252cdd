#include "gate/type_names.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace gate {
namespace {

const std::map<std::string, std::string, std::less<>> k_aliases = {
    {"int", "integer"},
    {"int4", "integer"},
    {"serial", "integer"},
    {"serial4", "integer"},
    {"int8", "bigint"},
    {"bigserial", "bigint"},
    {"serial8", "bigint"},
    {"int2", "smallint"},
    {"smallserial", "smallint"},
    {"serial2", "smallint"},
    {"bool", "boolean"},
    {"varchar", "character varying"},
    {"char varying", "character varying"},
    {"float8", "double precision"},
    {"float4", "real"},
    {"decimal", "numeric"},
    {"char", "character"},
    {"timestamptz", "timestamp with time zone"},
    {"timestamp", "timestamp without time zone"},
    {"timetz", "time with time zone"},
    {"time", "time without time zone"},
    {"varbit", "bit varying"},
};

const std::set<std::string, std::less<>> k_builtins = {
    "integer",
    "bigint",
    "smallint",
    "boolean",
    "character varying",
    "character",
    "bpchar",
    "text",
    "double precision",
    "real",
    "numeric",
    "float",
    "timestamp with time zone",
    "timestamp without time zone",
    "time with time zone",
    "time without time zone",
    "date",
    "interval",
    "uuid",
    "json",
    "jsonb",
    "bytea",
    "inet",
    "cidr",
    "macaddr",
    "macaddr8",
    "money",
    "xml",
    "tsvector",
    "tsquery",
    "oid",
    "bit",
    "bit varying",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "regclass",
    "name",
    "citext",
};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (space && (out.empty() || out.back() == ' ')) { continue; }
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') { out.pop_back(); }
    return out;
}

std::string without(std::string text, char c) {
    text.erase(std::remove(text.begin(), text.end(), c), text.end());
    return text;
}

/// Splits "numeric(10, 2)[]" into base "numeric", modifier "(10,2)", arrays "[]".
void split_type(std::string text, std::string& base, std::string& modifier, std::string& arrays) {
    text = collapse_spaces(text);
    while (text.size() >= 2 && text.back() == ']') {
        std::size_t open = text.rfind('[');
        if (open == std::string::npos) { break; }
        arrays += "[]";
        text = collapse_spaces(text.substr(0, open));
    }
    if (lower(text).ends_with(" array")) {
        arrays += "[]";
        text = text.substr(0, text.size() - 6);
    }
    std::size_t open = text.find('(');
    std::size_t close = text.find(')', open == std::string::npos ? 0 : open);
    if (open != std::string::npos && close != std::string::npos) {
        modifier = without(text.substr(open, close - open + 1), ' ');
        text = text.substr(0, open) + " " + text.substr(close + 1);
    }
    base = collapse_spaces(text);
}

std::string builtin(std::string base, std::string modifier) {
    if (base == "float") {
        int precision = modifier.empty() ? 53 : std::atoi(modifier.c_str() + 1);
        return precision <= 24 ? "real" : "double precision";
    }
    if (auto alias = k_aliases.find(base); alias != k_aliases.end()) { base = alias->second; }
    if ((base == "character" || base == "bit") && modifier.empty()) { modifier = "(1)"; }
    if (base == "numeric" && !modifier.empty() && modifier.find(',') == std::string::npos) {
        modifier.insert(modifier.size() - 1, ",0");
    }
    if (base.starts_with("timestamp ") || base.starts_with("time ")) {
        std::size_t space = base.find(' ');
        return base.substr(0, space) + modifier + base.substr(space);
    }
    return base + modifier;
}

}  // namespace

std::string normalize_type(std::string_view written) {
    std::string base;
    std::string modifier;
    std::string arrays;
    split_type(std::string(written), base, modifier, arrays);
    std::string folded = lower(base);
    for (std::string_view prefix : {"pg_catalog.", "public."}) {
        if (folded.starts_with(prefix)) {
            folded = folded.substr(prefix.size());
            base = base.substr(prefix.size());
        }
    }
    if (base.find('"') == std::string::npos && (k_builtins.count(folded) != 0 || k_aliases.count(folded) != 0)) {
        return builtin(folded, modifier) + arrays;
    }
    std::string plain = without(base, '"');
    if (plain.starts_with("public.")) { plain = plain.substr(7); }
    return plain + modifier + arrays;
}

std::string normalize_default(std::string_view expr) {
    // Lowercase and collapse whitespace outside '...' literals and "..." identifiers.
    std::string out;
    char quote = 0;
    for (char c : expr) {
        if (quote != 0) {
            out += c;
            if (c == quote) { quote = 0; }
            continue;
        }
        if (c == '\'' || c == '"') { quote = c; }
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            if (!out.empty() && out.back() != ' ' && out.back() != '(' && out.back() != ',') { out += ' '; }
            continue;
        }
        if ((c == '(' || c == ')' || c == ',') && !out.empty() && out.back() == ' ') { out.pop_back(); }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    while (!out.empty() && out.back() == ' ') { out.pop_back(); }
    static const std::regex cast(
        R"(('(?:[^']|'')*')::(?:"[^"]+"|character varying|double precision|time(?:stamp)? with(?:out)? time zone|[a-z_][a-z0-9_.]*)(?:\([0-9, ]*\))?(?:\[\])*)");
    out = std::regex_replace(out, cast, "$1");
    static const std::regex number(R"('(-?[0-9]+(?:\.[0-9]+)?)')");
    out = std::regex_replace(out, number, "$1");
    static const std::regex now(R"(^(?:current_timestamp|transaction_timestamp\(\))$)");
    return std::regex_replace(out, now, "now()");
}

}  // namespace gate
