#include "gate/report/writer.hpp"

#include "gate/report/writers.hpp"

#include "core/rule_ids.hpp"

#include <cstdio>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace gate {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 7> k_formats = {{
    {"text", Format::text},
    {"json", Format::json},
    {"sarif", Format::sarif},
    {"junit", Format::junit},
    {"markdown", Format::markdown},
    {"github", Format::github},
    {"gitlab", Format::gitlab},
}};

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    for (const auto& [text, format] : k_formats) {
        if (text == name) { return format; }
    }
    return std::nullopt;
}

std::string_view to_string(Format format) {
    for (const auto& [text, value] : k_formats) {
        if (value == format) { return text; }
    }
    return "text";
}

void write_report(const core::Report& report, Format format, std::ostream& out, const WriteOptions& options) {
    switch (format) {
        case Format::text: detail::write_text(report, out, options); return;
        case Format::json: detail::write_json(report, out); return;
        case Format::sarif: detail::write_sarif(report, out); return;
        case Format::junit: detail::write_junit(report, out); return;
        case Format::markdown: detail::write_markdown(report, out, options); return;
        case Format::github: detail::write_github(report, out); return;
        case Format::gitlab: detail::write_gitlab(report, out); return;
    }
}

namespace detail {

std::string_view stage_of(const core::Report& report, std::string_view rule) {
    for (const core::RuleInfo& info : report.rules) {
        if (info.id == rule) { return info.stage; }
    }
    return "lint";
}

std::vector<std::pair<std::string, std::string>> audit_fields(const core::Report& report) {
    const core::RunInfo& run = report.run;
    if (run.run_id.empty()) { return {}; }
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.0f", run.duration_ms);
    return {{"run_id", run.run_id},
            {"started_at", run.started_at},
            {"duration_ms", duration},
            {"command", run.command},
            {"git_commit", run.git_commit.empty() ? "not in git" : run.git_commit},
            {"git_branch", run.git_branch},
            {"target", run.target},
            {"server_version", run.server_version},
            {"dry_run", run.dry_run ? "true" : "false"}};
}

std::vector<const core::Finding*> sorted_findings(const core::Report& report) {
    std::vector<const core::Finding*> out;
    out.reserve(report.findings.size());
    for (const core::Finding& finding : report.findings) { out.push_back(&finding); }
    auto less = [](const core::Finding* a, const core::Finding* b) { return core::finding_less(*a, *b); };
    if (!std::is_sorted(out.begin(), out.end(), less)) { std::stable_sort(out.begin(), out.end(), less); }
    return out;
}

namespace {

// Length of the UTF-8 sequence at text[i], or 0 when it is not a valid one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) { return 0; }
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) { return 0; }
    }
    return n;
}

}  // namespace

std::string fingerprint_message(const core::Finding& finding) {
    if (finding.rule != core::rule_id::exclusive_lock_held) { return finding.message; }
    std::string_view message = finding.message;
    std::string out;
    for (std::size_t i = 0; i < message.size();) {
        std::size_t end = i;
        while (end < message.size() &&
               (std::isdigit(static_cast<unsigned char>(message[end])) != 0 || message[end] == '.')) {
            ++end;
        }
        bool ms = end > i && message.compare(end, 3, " ms") == 0 &&
                  (end + 3 == message.size() || std::isalnum(static_cast<unsigned char>(message[end + 3])) == 0);
        if (ms) {
            out += '#';
        } else {
            out.append(message.substr(i, std::max(end, i + 1) - i));
        }
        i = std::max(end, i + 1);
    }
    return out;
}

std::string printable(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = utf8_length(text, i);
        bool control = n == 1 && (c < 0x20 || c == 0x7F) && !(keep_lines && (c == '\n' || c == '\r' || c == '\t'));
        if (n == 0 || control) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
            ++i;
            continue;
        }
        out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

std::string location(const core::Finding& finding) {
    std::string out = printable(finding.file);
    if (finding.start.line > 0) {
        out += (out.empty() ? "" : ":") + std::to_string(finding.start.line);
        if (finding.start.column > 0) { out += ":" + std::to_string(finding.start.column); }
    }
    return out;
}

std::string verdict(const core::Report& report) { return report.passed() ? "pass" : "fail"; }

std::string count(int n, const std::string& singular) {
    return std::to_string(n) + " " + singular + (n == 1 ? "" : "s");
}

std::string scope_clause(const core::Report& report) {
    if (report.integrity_only == 0) { return ""; }
    return "; " + count(report.linted_in_full, "file") + " linted in full, " + std::to_string(report.integrity_only) +
           " unchanged since " + printable(report.scope_base) + " checked for integrity only";
}

std::string summary_line(const core::Report& report) {
    core::Summary s = report.summary();
    return count(s.migrations, "migration") + ", " + count(s.checks, "check") + ": " + std::to_string(s.passed) +
           " passed, " + count(s.errors, "error") + ", " + count(s.warnings, "warning") + ", " +
           count(s.infos, "info") + ", " + count(s.blockers, "blocker") + scope_clause(report);
}

namespace {

std::string timeout_text(int ms) { return ms == 0 ? "off" : std::to_string(ms) + " ms"; }

}  // namespace

std::string timeouts_line(const core::Report& report) {
    std::string out;
    if (report.lock_timeout_ms >= 0) { out += "lock_timeout " + timeout_text(report.lock_timeout_ms); }
    if (report.statement_timeout_ms >= 0) {
        out += (out.empty() ? "" : ", ") + std::string("statement_timeout ") +
               timeout_text(report.statement_timeout_ms);
    }
    return out.empty() ? out : "timeouts set for every migration: " + out;
}

std::string trace_note(const core::Finding& finding) {
    return finding.trace == core::Trace::confirmed ? "lock trace: confirmed: " + finding.observed : "";
}

}  // namespace detail
}  // namespace gate
