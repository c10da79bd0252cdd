// identifier-too-long: PostgreSQL silently truncates identifiers to 63 bytes
// (NAMEDATALEN - 1), so two long names that differ only after byte 63 name the same object,
// and the name in the catalog is not the one in the migration. Found by PostgreSQL's own
// lexer, where the truncation happens; files without a 64-byte run are not lexed at all.
#include "linter/rule.hpp"
#include "linter/rules/common.hpp"
#include "linter/scan.hpp"

#include <array>
#include <memory>

namespace linter {
namespace {

using namespace rules;

constexpr std::size_t k_max_bytes = 63;

// A byte of an unquoted identifier (scan.l's ident_cont), ASCII only: std::isalnum would
// follow the locale. The pre-scan below reads it from a table built at compile time.
constexpr bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           c >= 0x80;
}

constexpr std::array<bool, 256> k_word = [] {
    std::array<bool, 256> word{};
    for (std::size_t c = 0; c < word.size(); ++c) { word[c] = word_byte(static_cast<unsigned char>(c)); }
    return word;
}();

bool is_word(std::string_view text, std::size_t at) { return k_word[static_cast<unsigned char>(text[at])]; }

// True when the text may hold an identifier longer than 63 bytes: a run of 64 word bytes,
// or 64 bytes without a double quote after one. Any 64 bytes in a row hold one byte at an
// offset of 63 modulo 64, so only the runs through those bytes are measured (a few bytes
// each on SQL, not every byte: the byte-at-a-time scan was 2.9% of a cold lint of
// supabase-postgres, perf); each quoted span is measured from its opening quote (memchr).
bool may_have_long_identifier(std::string_view text) {
    for (std::size_t probe = k_max_bytes; probe < text.size(); probe += k_max_bytes + 1) {
        if (!is_word(text, probe)) { continue; }
        std::size_t begin = probe;
        while (begin > 0 && is_word(text, begin - 1)) { --begin; }
        std::size_t end = probe + 1;
        while (end < text.size() && is_word(text, end)) { ++end; }
        if (end - begin > k_max_bytes) { return true; }
    }
    for (std::size_t open = text.find('"'); open != std::string_view::npos;) {
        std::size_t close = text.find('"', open + 1);  // the last byte before it, or the text's
        std::size_t last = close == std::string_view::npos ? text.size() - 1 : close - 1;
        if (last > open + k_max_bytes + 1) { return true; }
        open = close == std::string_view::npos ? close : text.find('"', close + 1);
    }
    return false;
}

// The identifier's bytes as PostgreSQL stores them: a quoted one without its quotes and
// with "" as one byte.
std::size_t identifier_bytes(std::string_view token) {
    if (token.size() < 2 || token.front() != '"') { return token.size(); }
    std::size_t bytes = 0;
    for (std::size_t i = 1; i + 1 < token.size(); ++i) {
        if (token[i] == '"') { ++i; }
        ++bytes;
    }
    return bytes;
}

class IdentifierTooLong final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::identifier_too_long; }

    void check(const FileContext& context, Findings& out) const override {
        std::string_view text = context.parsed.text;
        if (!may_have_long_identifier(text)) { return; }
        for (const Token& token : scan(text)) {
            if (token.kind != Token::k_ident) { continue; }
            std::string_view name = text.substr(token.begin, token.end - token.begin);
            std::size_t bytes = identifier_bytes(name);
            if (bytes <= k_max_bytes) { continue; }
            core::Position at = context.parsed.lines.at(token.begin);
            core::Position end = context.parsed.lines.at(token.end - 1);
            out.add(context.migration.file, at, end,
                    "identifier " + std::string(name.substr(0, 40)) + "... is " + std::to_string(bytes) +
                        " bytes: PostgreSQL keeps only the first 63, silently",
                    "use a name of at most 63 bytes");
        }
    }
};

}  // namespace

std::unique_ptr<Rule> make_identifier_too_long() { return std::make_unique<IdentifierTooLong>(); }

}  // namespace linter
