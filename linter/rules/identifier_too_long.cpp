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

// True when the text may hold an identifier longer than 63 bytes: a run of 64 word bytes,
// or 64 bytes without a double quote after one. A table lookup a byte, and each quoted
// span measured once at its opening quote (17 instructions a byte before: 2.3% of a cold
// lint of clean-1000, callgrind).
bool may_have_long_identifier(std::string_view text) {
    static constexpr std::array<bool, 256> k_word = [] {
        std::array<bool, 256> word{};
        for (std::size_t c = 0; c < word.size(); ++c) { word[c] = word_byte(static_cast<unsigned char>(c)); }
        return word;
    }();
    std::size_t run = 0;
    bool open = false;  // inside a quoted identifier
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        run = k_word[c] ? run + 1 : 0;
        if (run > k_max_bytes) { return true; }
        if (c != '"') { continue; }
        open = !open;
        if (!open) { continue; }
        std::size_t close = text.find('"', i + 1);  // the last byte before it, or the text's
        std::size_t last = close == std::string_view::npos ? text.size() - 1 : close - 1;
        if (last > i + k_max_bytes + 1) { return true; }
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
