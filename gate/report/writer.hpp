#pragma once
// Report writers: one core::Report rendered for people (text, markdown) or tools (json,
// sarif, junit, GitHub workflow commands). Every writer lists findings in report order
// (file, line, column, rule) whatever the order in the report, and ends its output with a
// newline. The JSON is the contract in ARCHITECTURE.md ("Report JSON").

#include "core/report.hpp"

#include <optional>
#include <ostream>
#include <string_view>

namespace gate {

enum class Format { text, json, sarif, junit, markdown, github };

/// "text" | "json" | "sarif" | "junit" | "markdown" | "github"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
/// The name parse_format reads.
std::string_view to_string(Format format);

struct WriteOptions {
    bool color = false;  ///< text only: ANSI colours (the CLI sets it on a TTY without NO_COLOR)
};

/// Writes `report` to `out` in `format`. Never throws for report content; stream errors
/// are the caller's to check.
void write_report(const core::Report& report, Format format, std::ostream& out, const WriteOptions& options = {});

/// The stage a rule belongs to, for JUnit suites: "run" for the rules of
/// runner::rule_infos(), "gate" for the rules of gate::rule_infos(),
/// "lint" for everything else.
std::string_view stage_of(std::string_view rule);

}  // namespace gate
