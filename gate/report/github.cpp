// GitHub Actions workflow commands, one annotation per finding:
//
//   ::error file=migrations/0003_add_users.sql,line=4,endLine=4,col=1,endColumn=38,title=idempotency::message%0Ahelp: ...
//
// error -> ::error, warning -> ::warning, info -> ::notice. Data is escaped as the runner
// expects (% CR LF), property values also ':' and ','. Unknown positions are left out.
// The summary and the verdict follow as plain log lines.

#include "gate/report/writers.hpp"

namespace gate::detail {
namespace {

std::string escape_data(std::string_view raw) {
    std::string text = printable(raw, true);  // no terminal escapes or stray bytes in the log
    std::string out;
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            default: out += c;
        }
    }
    return out;
}

std::string escape_property(std::string_view text) {
    std::string out;
    for (char c : escape_data(text)) {
        switch (c) {
            case ':': out += "%3A"; break;
            case ',': out += "%2C"; break;
            default: out += c;
        }
    }
    return out;
}

std::string_view command(core::Severity severity) {
    switch (severity) {
        case core::Severity::error: return "error";
        case core::Severity::warning: return "warning";
        case core::Severity::info: return "notice";
    }
    return "error";
}

std::string properties(const core::Finding& f) {
    std::string out;
    auto add = [&](std::string_view key, const std::string& value) {
        out += (out.empty() ? "" : ",") + std::string(key) + "=" + escape_property(value);
    };
    if (!f.file.empty()) {
        add("file", f.file);
        if (f.start.line > 0) { add("line", std::to_string(f.start.line)); }
        if (f.end.line > 0) { add("endLine", std::to_string(f.end.line)); }
        if (f.start.line > 0 && f.start.column > 0) { add("col", std::to_string(f.start.column)); }
        if (f.end.line > 0 && f.end.column > 0) { add("endColumn", std::to_string(f.end.column)); }
    }
    add("title", f.rule.str());
    return out;
}

}  // namespace

void write_github(const core::Report& report, std::ostream& out) {
    for (const core::Finding* f : sorted_findings(report)) {
        std::string message = f->help.empty() ? f->message : f->message + "\nhelp: " + f->help;
        out << "::" << command(f->severity) << ' ' << properties(*f) << "::" << escape_data(message) << '\n';
    }
    out << summary_line(report) << '\n';
    out << "verdict: " << verdict(report) << '\n';
}

}  // namespace gate::detail
