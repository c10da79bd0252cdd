// Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: the verdict first, the
// summary table, a table of blockers, then warnings and infos folded in <details>. The
// whole stays under k_limit characters (GitHub refuses longer comments): rows that do
// not fit are left out and a note says how many.

#include "gate/report/writers.hpp"

#include "core/lock_mode.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace gate::detail {
namespace {

constexpr std::size_t k_limit = 65000;
constexpr std::size_t k_reserve = 1000;  ///< room kept for the closing tags and the note

/// A code span's text in a table cell: pipes escaped (GitHub reads `\|` inside code in a
/// table as a pipe), line breaks as spaces; nothing else is markup there.
std::string code_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else {
            out += c == '\n' || c == '\r' ? ' ' : c;
        }
    }
    return out;
}

/// Message text for a table cell: `code` kept as code, elsewhere inline markup, HTML and
/// pipes escaped, lines joined by <br>.
std::string cell(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        std::size_t close = c == '`' ? text.find('`', i + 1) : std::string_view::npos;
        if (close != std::string_view::npos && close > i + 1) {
            out += "`" + code_text(text.substr(i + 1, close - i - 1)) + "`";
            i = close;
            continue;
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '|': out += "&#124;"; break;
            case '\n': out += "<br>"; break;
            case '\r': break;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '~':
                out += '\\';
                out += c;
                break;
            default: out += c;
        }
    }
    return out;
}

/// A code span for a table cell.
std::string code(std::string_view text) {
    if (text.empty()) { return ""; }
    std::string escaped = code_text(text);
    bool tick = escaped.find('`') != std::string::npos;
    return tick ? "`` " + escaped + " ``" : "`" + escaped + "`";
}

/// `path` for a URL: bytes outside RFC 3986's unreserved set and '/' percent-encoded.
std::string url_path(std::string_view path) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || std::string_view("-._~/").find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0xF];
        }
    }
    return out;
}

/// The location as code, linked to the file at the line when `link_base` is set and the
/// file is relative (a path in the repository).
std::string location_cell(const core::Finding& f, const std::string& link_base) {
    std::string where = code(location(f));
    if (link_base.empty() || f.file.empty() || f.file.front() == '/' || f.file.starts_with("..")) { return where; }
    std::string url = link_base + url_path(f.file) + (f.start.line > 0 ? "#L" + std::to_string(f.start.line) : "");
    return "[" + where + "](" + url + ")";
}

std::string row(const core::Finding& f, const std::string& link_base) {
    std::string message = cell(printable(f.message, true));
    if (!f.help.empty()) { message += "<br>*help:* " + cell(printable(f.help, true)); }
    if (std::string note = trace_note(f); !note.empty()) { message += "<br>*" + cell(printable(note, true)) + "*"; }
    return "| " + code(f.rule) + " | " + location_cell(f, link_base) + " | " + message + " |\n";
}

constexpr std::string_view k_table_head = "| rule | location | message |\n| --- | --- | --- |\n";

class Writer {
public:
    explicit Writer(std::string& doc) : m_doc(doc) {}

    /// Appends `text` when it fits in the budget (and nothing was left out before: the
    /// output stays a prefix of the full report); counts a left-out row otherwise.
    bool add(std::string_view text, bool is_row = false) {
        if (m_full || m_doc.size() + text.size() + k_reserve > k_limit) {
            m_full = true;
            m_dropped += is_row ? 1 : 0;
            return false;
        }
        m_doc += text;
        return true;
    }
    void force(std::string_view text) { m_doc += text; }
    void drop() { ++m_dropped; }
    int dropped() const { return m_dropped; }

private:
    std::string& m_doc;
    bool m_full = false;
    int m_dropped = 0;
};

void section(Writer& w, const std::vector<const core::Finding*>& findings, core::Severity severity,
             const std::string& title, bool folded, const std::string& link_base) {
    std::vector<const core::Finding*> chosen;
    for (const core::Finding* f : findings) {
        if (f->severity == severity) { chosen.push_back(f); }
    }
    if (chosen.empty()) { return; }
    std::string head = folded
                           ? "<details>\n<summary>" + title + " (" + std::to_string(chosen.size()) + ")</summary>\n\n"
                           : "### " + title + " (" + std::to_string(chosen.size()) + ")\n\n";
    bool opened = w.add(head + std::string(k_table_head));
    for (const core::Finding* f : chosen) {
        if (!opened) {
            w.drop();
        } else {
            w.add(row(*f, link_base), true);
        }
    }
    if (opened) { w.force(folded ? "\n</details>\n\n" : "\n"); }
}

// Per traced migration, the statements that newly locked a pre-existing table: what a
// reviewer weighs (how long will reads or writes wait on production?).
void lock_tables(Writer& w, const core::Report& report) {
    bool headed = false;
    for (const core::MigrationRecord& m : report.migrations) {
        std::string rows;
        for (const core::TracedStatement& s : m.statements) {
            for (const core::TracedLock& l : s.locks) {
                if (!l.table) { continue; }
                bool rewrite = std::find(s.rewrites.begin(), s.rewrites.end(), l.relation) != s.rewrites.end();
                rows += "| " + std::to_string(s.line) + " | " + cell(s.command) + " | " + l.mode + " | " +
                        code(printable(l.relation, true)) + " | " + (rewrite ? "yes" : "no") + " | " +
                        cell(core::lock_mode_blocks(l.mode)) + " |\n";
            }
        }
        if (rows.empty()) { continue; }
        if (!headed) {
            headed = w.add("### Locks on existing tables (lock trace)\n\n");
            if (!headed) { return; }
        }
        w.add(code(printable(m.file, true)) +
              "\n\n| line | statement | lock | table | rewrite | blocks |\n"
              "| ---: | --- | --- | --- | --- | --- |\n" +
              rows + "\n");
    }
}

}  // namespace

void write_markdown(const core::Report& report, std::ostream& out, const WriteOptions& options) {
    core::Summary s = report.summary();
    bool passed = report.passed();
    std::string doc = std::string("## ") + (passed ? "✅" : "❌") + " schemagate: " + verdict(report) + "\n\n";
    if (report.migration_failed) {
        doc += "**A migration failed to apply.**";
        std::vector<std::string> skipped = report.not_applied();
        if (!skipped.empty()) {
            doc += " Not applied because of it: " + std::to_string(skipped.size()) + " migration" +
                   (skipped.size() == 1 ? "" : "s") + ".";
        }
        doc += "\n\n";
    }
    doc +=
        "| migrations | checks | passed | errors | warnings | infos | blockers |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    doc += "| " + std::to_string(s.migrations) + " | " + std::to_string(s.checks) + " | " + std::to_string(s.passed) +
           " | " + std::to_string(s.errors) + " | " + std::to_string(s.warnings) + " | " + std::to_string(s.infos) +
           " | " + std::to_string(s.blockers) + " |\n\n";
    if (std::vector<std::pair<std::string, std::string>> fields = audit_fields(report); !fields.empty()) {
        std::string head = "|", rule = "|", values = "|";
        for (const auto& [name, value] : fields) {
            head += " " + name + " |";
            rule += " --- |";
            values += " " + (value.empty() ? std::string("–") : code(printable(value))) + " |";
        }
        doc += head + "\n" + rule + "\n" + values + "\n\n";
    }
    if (!report.run.server_version.empty()) {
        doc += "Applied on PostgreSQL " + cell(printable(report.run.server_version, true)) + ".\n\n";
    }
    if (s.integrity_only > 0) {
        doc += count(s.linted_in_full, "file") + " linted in full; " + std::to_string(s.integrity_only) +
               " unchanged since " + code(printable(report.scope_base)) + " checked for integrity only.\n\n";
    }
    if (std::string timeouts = timeouts_line(report); !timeouts.empty()) { doc += cell(timeouts) + ".\n\n"; }
    Writer w(doc);
    std::vector<const core::Finding*> findings = sorted_findings(report);
    if (s.blockers == 0) { w.add("No blockers.\n\n"); }
    section(w, findings, core::Severity::error, "Blockers", false, options.link_base);
    lock_tables(w, report);
    section(w, findings, core::Severity::warning, "Warnings", true, options.link_base);
    section(w, findings, core::Severity::info, "Infos", true, options.link_base);
    if (w.dropped() > 0) {
        w.force("> **Note:** report truncated to stay under 65,000 characters: " + count(w.dropped(), "finding") +
                " not shown. Use `--format json` or `--format sarif` for all of them.\n\n");
    }
    while (doc.size() >= 2 && doc.ends_with("\n\n")) { doc.pop_back(); }
    out << doc;
}

}  // namespace gate::detail
