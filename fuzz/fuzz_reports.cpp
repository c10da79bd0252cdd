// libFuzzer target: every report writer (text, JSON, SARIF, JUnit, Markdown, GitHub,
// GitLab) on a report built from fuzzed findings (rule ids from the catalog's), file names,
// messages, lock traces and audit fields. Besides crashes and sanitizer reports it checks what the writers
// promise for any content: JSON, SARIF and GitLab parse as JSON; JUnit holds only bytes XML
// allows (valid UTF-8, no control characters but tab and line breaks); text (no colour),
// Markdown and GitHub annotations hold no ESC byte (no terminal escape injection).
#include "core/report.hpp"
#include "gate/report/writer.hpp"

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace {

std::string text(FuzzedDataProvider& in) { return in.ConsumeRandomLengthString(200); }

// Rule ids come from the code (the rule catalog), never from input: fuzzing them would only
// find that writers trust their own ids.
std::string rule_id(FuzzedDataProvider& in) {
    const std::vector<core::RuleInfo>& catalog = core::rule_catalog();
    std::size_t i = in.ConsumeIntegralInRange<std::size_t>(0, catalog.size());
    return i == catalog.size() ? std::string() : catalog[i].id;
}

core::Severity severity(FuzzedDataProvider& in) {
    return in.PickValueInArray({core::Severity::info, core::Severity::warning, core::Severity::error});
}

core::Finding finding(FuzzedDataProvider& in) {
    core::Finding f;
    f.rule = core::known_rule_id(rule_id(in)).value_or(core::RuleId());
    f.severity = severity(in);
    f.file = text(in);
    f.start = {in.ConsumeIntegralInRange(-1, 1 << 20), in.ConsumeIntegralInRange(-1, 1 << 20)};
    f.end = {in.ConsumeIntegralInRange(-1, 1 << 20), in.ConsumeIntegralInRange(-1, 1 << 20)};
    f.message = text(in);
    f.help = text(in);
    if (in.ConsumeBool()) {
        f.trace = in.PickValueInArray({core::Trace::confirmed, core::Trace::not_observed});
        f.observed = text(in);
    }
    return f;
}

core::MigrationRecord record(FuzzedDataProvider& in) {
    core::MigrationRecord r;
    r.file = text(in);
    r.version = text(in);
    r.checksum = text(in);
    r.status = static_cast<core::MigrationStatus>(in.ConsumeIntegralInRange(0, 7));
    r.duration_ms = in.ConsumeFloatingPoint<double>();
    r.reason = text(in);
    r.traced = in.ConsumeBool();
    for (int i = in.ConsumeIntegralInRange(0, 3); r.traced && i > 0; --i) {
        core::TracedStatement s;
        s.line = in.ConsumeIntegral<int>();
        s.end_line = in.ConsumeIntegral<int>();
        s.command = text(in);
        s.locks.push_back({text(in), text(in), in.ConsumeBool()});
        s.rewrites.push_back(text(in));
        s.scans.push_back(text(in));
        s.duration_ms = in.ConsumeFloatingPoint<double>();
        r.statements.push_back(std::move(s));
    }
    return r;
}

core::Report report(FuzzedDataProvider& in) {
    core::Report r;
    for (int i = in.ConsumeIntegralInRange(0, 12); i > 0; --i) { r.findings.push_back(finding(in)); }
    for (int i = in.ConsumeIntegralInRange(0, 6); i > 0; --i) { r.migrations.push_back(record(in)); }
    for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) {
        core::RuleInfo& rule = r.rules.emplace_back();
        rule.id = rule_id(in);
        rule.summary = text(in);
        rule.description = text(in);
        rule.default_severity = severity(in);
        rule.stage = in.PickValueInArray<std::string>({"lint", "run", "gate"});
        rule.help_uri = text(in);
    }
    // Counts, as the runner and the linter make them: never negative (an arbitrary int made
    // Summary's checks - failed_checks overflow, a state no run can reach).
    r.checks = in.ConsumeIntegralInRange(0, 1 << 24);
    r.failed_checks = in.ConsumeIntegralInRange(0, 1 << 24);
    r.migration_failed = in.ConsumeBool();
    r.linted_in_full = in.ConsumeIntegralInRange(-1, 1000);
    r.integrity_only = in.ConsumeIntegralInRange(0, 1000);
    r.scope_base = text(in);
    if (in.ConsumeBool()) {
        r.run = {text(in), text(in),        in.ConsumeFloatingPoint<double>(), text(in), text(in), text(in), text(in),
                 text(in), in.ConsumeBool()};
    }
    r.lock_timeout_ms = in.ConsumeIntegralInRange(-1, 1 << 20);
    r.statement_timeout_ms = in.ConsumeIntegralInRange(-1, 1 << 20);
    if (in.ConsumeBool()) { r.schema = nlohmann::json::object({{text(in), text(in)}}); }
    return r;
}

[[noreturn]] void broken(const char* format, const std::string& what, const std::string& output) {
    std::fprintf(stderr, "%s writer: %s\n--- output ---\n%s\n", format, what.c_str(), output.c_str());
    std::abort();
}

// Structure only (lead byte, continuation bytes); overlong forms are not looked for.
bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t more = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
        if (more == 4 || i + more >= s.size() + (more == 0 ? 1 : 0)) { return false; }
        for (std::size_t k = 1; k <= more; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) { return false; }
        }
        i += more + 1;
    }
    return true;
}

void check(gate::Format format, const std::string& out) {
    std::string name(gate::to_string(format));
    if (out.empty() || out.back() != '\n') { broken(name.c_str(), "does not end with a newline", out); }
    switch (format) {
        case gate::Format::json:
        case gate::Format::sarif:
        case gate::Format::gitlab:
            if (!nlohmann::json::accept(out)) { broken(name.c_str(), "not JSON", out); }
            break;
        case gate::Format::junit:
            if (!valid_utf8(out)) { broken(name.c_str(), "not UTF-8: not well-formed XML", out); }
            for (unsigned char c : out) {
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    broken(name.c_str(), "a control character XML forbids", out);
                }
            }
            break;
        case gate::Format::text:
        case gate::Format::markdown:
        case gate::Format::github:
            if (out.find('\x1b') != std::string::npos) {
                broken(name.c_str(), "a raw ESC (terminal escape injection)", out);
            }
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    core::Report r = report(in);
    for (gate::Format format : {gate::Format::text, gate::Format::json, gate::Format::sarif, gate::Format::junit,
                                gate::Format::markdown, gate::Format::github, gate::Format::gitlab}) {
        std::ostringstream out;
        gate::write_report(r, format, out);
        check(format, out.str());
    }
    return 0;
}
