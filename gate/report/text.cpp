// Text for terminals and logs, grouped by file:
//
//   migrations/0003_add_users.sql:4:1: error[idempotency]: CREATE TABLE without IF NOT EXISTS ...
//     help: write CREATE TABLE IF NOT EXISTS users (...)
//
//   3 migrations, 12 checks: 11 passed, 1 error, 0 warnings, 0 infos, 1 blocker
//   verdict: fail

#include "gate/report/writers.hpp"

#include <string_view>

namespace gate::detail {
namespace {

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_red = "\x1b[1;31m";
constexpr std::string_view k_green = "\x1b[1;32m";
constexpr std::string_view k_yellow = "\x1b[1;33m";
constexpr std::string_view k_cyan = "\x1b[1;36m";

class Painter {
public:
    explicit Painter(bool color) : m_color(color) {}

    std::string operator()(std::string_view style, std::string_view text) const {
        if (!m_color) { return std::string(text); }
        return std::string(style) + std::string(text) + std::string(k_reset);
    }

private:
    bool m_color;
};

std::string_view severity_style(core::Severity severity) {
    switch (severity) {
        case core::Severity::error: return k_red;
        case core::Severity::warning: return k_yellow;
        case core::Severity::info: return k_cyan;
    }
    return k_red;
}

void write_finding(const core::Finding& finding, std::ostream& out, const Painter& paint) {
    std::string where = location(finding);
    if (!where.empty()) { out << paint(k_bold, where + ":") << ' '; }
    out << paint(severity_style(finding.severity), core::to_string(finding.severity)) << '[' << finding.rule
        << "]: " << printable(finding.message, true) << '\n';
    if (!finding.help.empty()) {
        out << "  " << paint(k_bold, "help:") << ' ' << printable(finding.help, true) << '\n';
    }
    if (std::string note = trace_note(finding); !note.empty()) { out << "  " << printable(note, true) << '\n'; }
}

}  // namespace

void write_text(const core::Report& report, std::ostream& out, const WriteOptions& options) {
    Painter paint(options.color);
    const std::string* file = nullptr;
    for (const core::Finding* finding : sorted_findings(report)) {
        if (file != nullptr && *file != finding->file) { out << '\n'; }
        file = &finding->file;
        write_finding(*finding, out, paint);
    }
    if (file != nullptr) { out << '\n'; }
    if (std::vector<std::string> skipped = report.not_applied(); !skipped.empty()) {
        out << "not applied because a migration before them failed (" << skipped.size() << "):";
        for (const std::string& f : skipped) { out << ' ' << printable(f); }
        out << "\n\n";
    }
    if (!report.run.server_version.empty()) {
        out << "server: PostgreSQL " << printable(report.run.server_version) << '\n';  // as the server sent it
    }
    if (std::string timeouts = timeouts_line(report); !timeouts.empty()) { out << timeouts << '\n'; }
    const core::RunInfo& run = report.run;
    if (!run.run_id.empty() && !run.target.empty()) {  // a run on a server: the record an auditor keeps
        out << "run " << run.run_id << " at " << run.started_at << ", " << printable(run.target)
            << (run.dry_run ? ", dry run" : "") << ", commit "
            << (run.git_commit.empty() ? "not in git"
                                       : run.git_commit.substr(0, 12) +
                                             (run.git_branch.empty() ? "" : " (" + printable(run.git_branch) + ")"))
            << '\n';
    }
    out << summary_line(report) << '\n';
    bool passed = report.passed();
    out << "verdict: " << paint(passed ? k_green : k_red, passed ? "pass" : "fail") << '\n';
}

}  // namespace gate::detail
