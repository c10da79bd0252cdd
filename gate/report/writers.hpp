#pragma once
// Internal to gate/report: one function per format (one file each) and what they share.

#include "core/report.hpp"
#include "gate/report/writer.hpp"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace gate::detail {

void write_text(const core::Report& report, std::ostream& out, const WriteOptions& options);
void write_json(const core::Report& report, std::ostream& out);
void write_sarif(const core::Report& report, std::ostream& out);
void write_junit(const core::Report& report, std::ostream& out);
void write_markdown(const core::Report& report, std::ostream& out, const WriteOptions& options);
void write_github(const core::Report& report, std::ostream& out);
void write_gitlab(const core::Report& report, std::ostream& out);

/// The report's findings in report order (file, line, column, rule), without copying them.
std::vector<const core::Finding*> sorted_findings(const core::Report& report);

/// `text` safe to print on a terminal or in a table: control characters (ESC included) and
/// bytes that are not UTF-8 written as "\xNN"; line breaks and tabs kept when `keep_lines`.
std::string printable(std::string_view text, bool keep_lines = false);

/// A finding's message as its fingerprint uses it: for exclusive-lock-held, the one rule
/// whose message holds what the run measured, "12.5 ms" is written "# ms", so that the same
/// finding keeps its fingerprint from run to run; other messages as they are.
std::string fingerprint_message(const core::Finding& finding);

/// "file:line:column", dropping what is unknown ("file:line", "file", ""); the file
/// through printable().
std::string location(const core::Finding& finding);

/// The stage of a rule ("lint" | "run" | "gate") as the report's rule catalog
/// (report.rules) says; "lint" for a rule it does not describe.
std::string_view stage_of(const core::Report& report, std::string_view rule);

/// The audit record (report.run) as (name, value) pairs in the contract's order: run_id,
/// started_at, duration_ms, command, git_commit, git_branch, target, server_version,
/// dry_run; values as text ("not in git" for an empty commit); empty when not recorded.
std::vector<std::pair<std::string, std::string>> audit_fields(const core::Report& report);

/// "pass" | "fail".
std::string verdict(const core::Report& report);

/// "12 migrations, 40 checks: 37 passed, 0 errors, 3 warnings, 0 infos, 0 blockers".
std::string summary_line(const core::Report& report);

/// "timeouts set for every migration: lock_timeout 2000 ms, statement_timeout off"; "" when
/// the report has none (only run, check and migrate set them).
std::string timeouts_line(const core::Report& report);

/// A lock-trace note for a finding the trace checked: "lock trace: confirmed: ACCESS
/// EXCLUSIVE on public.users; no rewrite; no full scan"; "" otherwise and for not-observed
/// findings, whose message already says what the server did.
std::string trace_note(const core::Finding& finding);

/// "1 warning", "2 warnings".
std::string count(int n, const std::string& singular);

}  // namespace gate::detail
