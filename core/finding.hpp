#pragma once
// A finding: one problem a rule found in one place. Shared by linter, runner and gate.

#include "core/rule_ids.hpp"

#include <compare>
#include <iosfwd>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

enum class Severity : std::uint8_t { info, warning, error };

/// What the lock trace (runner/lock_findings.hpp) made of a lock-safety finding: the server
/// took the lock or rewrote the table (confirmed), or did not (not_observed).
enum class Trace : std::uint8_t { not_checked, confirmed, not_observed };

/// "info" | "warning" | "error".
std::string_view to_string(Severity severity);
/// Parses "info" | "warning" | "error"; nullopt otherwise ("off" is the config's, not a severity).
std::optional<Severity> parse_severity(std::string_view text);
/// "confirmed" | "not-observed", the reports' "trace" field; "" for not_checked.
std::string_view to_string(Trace trace);

/// A rule id (core::rule_id): a view of static storage, a core::rule_id constant or the rule
/// catalog's entry, never a copy, so that findings share their rules' ids (16 bytes a
/// finding, no allocation: 6 MiB of a 132,486-finding lint). Made from a constant (a char
/// array: rule_id::x, or a literal in tests) or, from text read back, by core::known_rule_id;
/// nothing else converts (not a std::string), so no finding can point at a temporary.
class RuleId {
public:
    constexpr RuleId() = default;
    template <std::size_t N>
    constexpr RuleId(const char (&id)[N]) : m_id(id, N - 1) {}  // NOLINT(google-explicit-constructor)

    constexpr std::string_view view() const { return m_id; }
    constexpr operator std::string_view() const { return m_id; }  // NOLINT(google-explicit-constructor)
    std::string str() const { return std::string(m_id); }
    constexpr bool empty() const { return m_id.empty(); }

    friend std::ostream& operator<<(std::ostream& out, RuleId id);
    friend constexpr bool operator==(RuleId a, RuleId b) { return a.m_id == b.m_id; }
    friend constexpr auto operator<=>(RuleId a, RuleId b) { return a.m_id <=> b.m_id; }
    friend constexpr bool operator==(RuleId a, std::string_view b) { return a.m_id == b; }
    template <std::size_t N>
    friend constexpr bool operator==(RuleId a, const char (&b)[N]) {
        return a.m_id == std::string_view(b, N - 1);
    }

private:
    friend std::optional<RuleId> known_rule_id(std::string_view id);
    constexpr explicit RuleId(std::string_view id, int /*static storage*/) : m_id(id) {}
    std::string_view m_id;
};

/// The catalog's id equal to `id` (not an alias), viewing the catalog's own text; nullopt
/// when no rule has it. Defined with the catalog (rule_catalog.cpp).
std::optional<RuleId> known_rule_id(std::string_view id);

/// A position in a text file: 1-based line, 1-based column counted in characters
/// (UTF-8 code points). 0 means unknown.
struct Position {
    int line = 0;
    int column = 0;
    bool operator==(const Position&) const = default;
};

struct Finding {
    RuleId rule;  ///< stable kebab-case rule id, e.g. "idempotency"
    Severity severity = Severity::error;
    /// Set by the lock trace on the lock-safety findings it checked on the server.
    Trace trace = Trace::not_checked;
    std::string file;     ///< relative to the current directory, '/' separators
    Position start;       ///< where the offending text begins
    Position end;         ///< where it ends (inclusive); may equal start
    std::string message;  ///< lowercase clause, no final period: what is wrong
    std::string help;     ///< imperative sentence: what to write instead (may be empty)
    /// What the trace saw at the finding's statement, e.g. "ACCESS EXCLUSIVE on public.users,
    /// rewrote public.users"; "no lock on a pre-existing relation". Empty when not checked.
    std::string observed;

    /// Errors block: the verdict fails when any finding blocks.
    bool blocking() const { return severity == Severity::error; }
};

/// Report order: file, line, column, rule.
bool finding_less(const Finding& a, const Finding& b);

}  // namespace core
