// The report JSON of ARCHITECTURE.md ("Report JSON"), keys in the contract's order.
// Written as it goes, one finding at a time: the bytes are those nlohmann's
// ordered_json::dump(2) gives for the whole tree (the golden files hold them), without
// building that tree (which cost most of a run with 100k findings, in time and memory).

#include "core/json_text.hpp"
#include "gate/report/writers.hpp"
#include "linter/parse.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <string_view>

namespace gate::detail {
namespace {

using Json = nlohmann::ordered_json;

// `"key": ` at `indent` spaces.
void put_key(std::string& out, int indent, std::string_view key) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += '"';
    out += key;
    out += "\": ";
}

void put_string_field(std::string& out, int indent, std::string_view key, std::string_view value, bool last = false) {
    put_key(out, indent, key);
    core::append_json_text(out, value);
    out += last ? "\n" : ",\n";
}

void put_int(std::string& out, long value) {
    std::array<char, 24> digits{};
    out.append(digits.data(), std::to_chars(digits.begin(), digits.end(), value).ptr);
}

void put_int_field(std::string& out, int indent, std::string_view key, long value, bool last = false) {
    put_key(out, indent, key);
    put_int(out, value);
    out += last ? "\n" : ",\n";
}

void put_summary(std::string& out, const core::Report& report) {
    core::Summary s = report.summary();
    out += "  \"summary\": {\n";
    put_int_field(out, 4, "migrations", s.migrations);
    put_int_field(out, 4, "checks", s.checks);
    put_int_field(out, 4, "passed", s.passed);
    put_int_field(out, 4, "errors", s.errors);
    put_int_field(out, 4, "warnings", s.warnings);
    put_int_field(out, 4, "infos", s.infos);
    bool scoped = s.linted_in_full >= 0;
    put_int_field(out, 4, "blockers", s.blockers, !scoped);
    if (scoped) {
        put_int_field(out, 4, "linted_in_full", s.linted_in_full);
        put_int_field(out, 4, "integrity_only", s.integrity_only, true);
    }
    out += "  },\n";
}

// The audit record's fields at the top level (left out when not recorded); unknown
// values are null.
void put_run(std::string& out, const core::RunInfo& run) {
    if (run.run_id.empty()) { return; }
    auto put_or_null = [&](std::string_view key, const std::string& value) {
        put_key(out, 2, key);
        if (value.empty()) {
            out += "null";
        } else {
            core::append_json_text(out, value);
        }
        out += ",\n";
    };
    put_string_field(out, 2, "run_id", run.run_id);
    put_string_field(out, 2, "started_at", run.started_at);
    put_key(out, 2, "duration_ms");
    out += Json(run.duration_ms).dump() + ",\n";
    put_string_field(out, 2, "command", run.command);
    put_or_null("git_commit", run.git_commit);
    put_or_null("git_branch", run.git_branch);
    put_or_null("target", run.target);  // server_version: after the verdict, present when a server ran
    put_key(out, 2, "dry_run");
    out += run.dry_run ? "true,\n" : "false,\n";
}

// The keys written as one literal between values, not put_key's pieces: documenso's warm
// report (1,575 findings), write_json 7.0 -> 4.8 M instructions (callgrind).
void put_finding(std::string& out, const core::Finding& f) {
    out += "    {\n      \"rule\": ";
    core::append_json_text(out, f.rule);
    out += ",\n      \"severity\": \"";
    out += core::to_string(f.severity);
    out += f.blocking() ? "\",\n      \"blocking\": true,\n      \"file\": "
                        : "\",\n      \"blocking\": false,\n      \"file\": ";
    core::append_json_text(out, f.file);
    out += ",\n      \"line\": ";
    put_int(out, f.start.line);
    out += ",\n      \"column\": ";
    put_int(out, f.start.column);
    out += ",\n      \"end_line\": ";
    put_int(out, f.end.line);
    out += ",\n      \"end_column\": ";
    put_int(out, f.end.column);
    out += ",\n      \"message\": ";
    core::append_json_text(out, f.message);
    out += ",\n      \"help\": ";
    core::append_json_text(out, f.help);
    if (f.trace != core::Trace::not_checked) {
        out += ",\n      \"trace\": \"";
        out += core::to_string(f.trace);
        out += "\",\n      \"observed\": ";
        core::append_json_text(out, f.observed);
    }
    out += "\n    }";
}

// `json` dumped as dump(2) would at `indent` spaces (continuation lines indented).
void put_nested(std::string& out, int indent, const Json& json) {
    std::string text = json.dump(2, ' ', false, Json::error_handler_t::replace);
    for (char c : text) {
        out += c;
        if (c == '\n') { out.append(static_cast<std::size_t>(indent), ' '); }
    }
}

Json statements_json(const std::vector<core::TracedStatement>& statements) {
    Json array = Json::array();
    for (const core::TracedStatement& s : statements) {
        Json locks = Json::array();
        for (const core::TracedLock& l : s.locks) { locks.push_back(Json{{"relation", l.relation}, {"mode", l.mode}}); }
        Json statement{
            {"line", s.line},         {"end_line", s.end_line}, {"command", s.command},        {"locks", locks},
            {"rewrites", s.rewrites}, {"scans", s.scans},       {"duration_ms", s.duration_ms}};
        if (s.outside_transaction) { statement["outside_transaction"] = true; }
        array.push_back(std::move(statement));
    }
    return array;
}

void put_migration(std::string& out, const core::MigrationRecord& m) {
    bool timed = m.duration_ms >= 0;
    out += "    {\n";
    put_string_field(out, 6, "file", m.file);
    put_string_field(out, 6, "version", m.version);
    put_string_field(out, 6, "checksum", m.checksum);
    bool reasoned = !m.reason.empty();
    put_string_field(out, 6, "status", core::to_string(m.status), !timed && !reasoned && !m.traced);
    if (reasoned) { put_string_field(out, 6, "reason", m.reason, !timed && !m.traced); }
    if (timed) {
        put_key(out, 6, "duration_ms");
        out += Json(m.duration_ms).dump();
        out += m.traced ? ",\n" : "\n";
    }
    if (m.traced) {
        put_key(out, 6, "statements");
        put_nested(out, 6, statements_json(m.statements));
        out += '\n';
    }
    out += "    }";
}

// Writes `buffer` once it is large, so that memory stays flat however long the report.
void flush_if_large(std::string& buffer, std::ostream& out) {
    if (buffer.size() >= (1U << 16)) {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
    }
}

// `"name": [ ... ]` with one item a line group, as dump(2) writes arrays (`[]` when empty).
template <class Items, class Put>
void put_array(std::string& buffer, std::ostream& out, std::string_view name, const Items& items, Put put) {
    put_key(buffer, 2, name);
    if (items.empty()) {
        buffer += "[],\n";
        return;
    }
    buffer += "[\n";
    bool first = true;
    for (const auto& item : items) {
        if (!first) { buffer += ",\n"; }
        first = false;
        put(buffer, item);
        flush_if_large(buffer, out);
    }
    buffer += "\n  ],\n";
}

// The snapshot at two spaces of indent (strings never hold a raw newline once dumped).
void put_schema(std::string& out, const nlohmann::json& schema) {
    std::string text = schema.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    put_key(out, 2, "schema");
    for (char c : text) {
        out += c;
        if (c == '\n') { out += "  "; }
    }
    out += '\n';
}

}  // namespace

void write_json(const core::Report& report, std::ostream& out) {
    std::string buffer = "{\n  \"tool\": {\n";
    put_string_field(buffer, 4, "name", "schemagate");
    put_string_field(buffer, 4, "version", SCHEMAGATE_VERSION);
    put_string_field(buffer, 4, "parser", "libpg_query, PostgreSQL " + std::string(linter::parser_pg_version()), true);
    buffer += "  },\n";
    put_run(buffer, report.run);
    put_string_field(buffer, 2, "verdict", verdict(report));
    if (!report.run.server_version.empty()) {
        put_string_field(buffer, 2, "server_version", report.run.server_version);
    }
    put_summary(buffer, report);
    put_array(buffer, out, "findings", sorted_findings(report),
              [](std::string& b, const core::Finding* f) { put_finding(b, *f); });
    put_array(buffer, out, "migrations", report.migrations, put_migration);
    if (report.lock_timeout_ms >= 0 || report.statement_timeout_ms >= 0) {
        buffer += "  \"timeouts\": {\n";
        put_int_field(buffer, 4, "lock_timeout_ms", report.lock_timeout_ms);
        put_int_field(buffer, 4, "statement_timeout_ms", report.statement_timeout_ms, true);
        buffer += "  },\n";
    }
    put_schema(buffer, report.schema);
    buffer += "}\n";
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace gate::detail
