#pragma once
// Report writers: one core::Report rendered for people (text, markdown) or tools (json,
// sarif, junit, GitHub workflow commands, GitLab Code Quality). Every writer lists findings in report order
// (file, line, column, rule) whatever the order in the report, and ends its output with a
// newline. The JSON is the contract in ARCHITECTURE.md ("Report JSON").

#include "core/report.hpp"

#include <optional>
#include <string>
#include <ostream>
#include <string_view>

namespace gate {

enum class Format { text, json, sarif, junit, markdown, github, gitlab };

/// "text" | "json" | "sarif" | "junit" | "markdown" | "github" | "gitlab"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
/// The name parse_format reads.
std::string_view to_string(Format format);

struct WriteOptions {
    bool color = false;  ///< text only: ANSI colours (the CLI sets it on a TTY without NO_COLOR)
    /// markdown only: file:line cells link to `link_base` + file + "#L" + line, e.g.
    /// "https://github.com/o/r/blob/<sha>/" (the CLI sets it from GITHUB_SERVER_URL,
    /// GITHUB_REPOSITORY, GITHUB_SHA); empty: no links.
    std::string link_base;
};

/// Writes `report` to `out` in `format`. Never throws for report content; stream errors
/// are the caller's to check.
void write_report(const core::Report& report, Format format, std::ostream& out, const WriteOptions& options = {});

}  // namespace gate
