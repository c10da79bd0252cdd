#pragma once
// A finding: one problem a rule found in one place. Shared by linter, runner and gate.

#include "core/rule_ids.hpp"

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

/// A position in a text file: 1-based line, 1-based column counted in characters
/// (UTF-8 code points). 0 means unknown.
struct Position {
    int line = 0;
    int column = 0;
    bool operator==(const Position&) const = default;
};

struct Finding {
    std::string rule;  ///< stable kebab-case rule id, e.g. "idempotency"
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
