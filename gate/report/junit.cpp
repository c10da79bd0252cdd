// JUnit XML for CI test-report viewers: one <testsuite> per stage (lint, run, gate; the
// stage of a finding is its rule's, from the catalog in report.rules; a stage with nothing
// to show is left out), one <testcase> per (migration, check) with a name that does not
// change when lines move:
// - "<file>": the migration's own check in the stage — linted (lint, whenever the report
//   linted), applied (run: the time it took; failing with the server's error when it
//   failed; skipped with the reason when not applied);
// - "<file> <rule>": a rule's findings on that file (set-wide ones: "<rule>"), failing when
//   one blocks (line:column in the message and the body), passing with the findings in
//   <system-out> otherwise.

#include "gate/report/writers.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace gate::detail {
namespace {

/// Text for an XML attribute (or element content): markup escaped, line breaks kept as
/// character references in attributes, control characters XML 1.0 forbids replaced.
std::string xml(std::string_view raw, bool attribute = true) {
    std::string clean = printable(raw, true);  // bytes that are not UTF-8 would make the XML ill-formed
    std::string_view text = clean;
    std::string out;
    for (char c : text) {
        if (c == '\n' && !attribute) {
            out += c;
            continue;
        }
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#10;"; break;
            case '\r': out += "&#13;"; break;
            case '\t': out += "&#9;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\xEF\xBF\xBD";  // U+FFFD
                } else {
                    out += c;
                }
        }
    }
    return out;
}

struct TestCase {
    std::string name;
    std::string failure_message;  ///< set: failing
    std::string failure_type;
    std::string text;     ///< failure body or system-out
    std::string skipped;  ///< set: skipped, with this reason
    double seconds = -1;
};

struct Suite {
    std::string name;
    std::vector<TestCase> cases;
};

std::string finding_text(const core::Finding& f) {
    std::string where = location(f);
    std::string text = (where.empty() ? "" : where + ": ") + std::string(core::to_string(f.severity)) + "[" +
                       f.rule.str() + "]: " + f.message;
    return f.help.empty() ? text : text + "\nhelp: " + f.help;
}

/// Adds one finding to the testcase of its (file, rule): the first blocking one gives the
/// failure's message; every finding, with its line:column, goes into the body.
void add_finding(TestCase& test, const core::Finding& f) {
    if (!test.text.empty()) { test.text += "\n"; }
    test.text += finding_text(f);
    if (f.blocking() && test.failure_message.empty()) {
        std::string where = location(f);
        test.failure_message = (where.empty() ? "" : where + ": ") + f.message;
        test.failure_type = f.rule;
    }
}

std::string skip_reason(const core::MigrationRecord& m, const core::Report& report) {
    if (!m.reason.empty()) { return m.reason; }
    if (m.status == core::MigrationStatus::pending) {
        return report.migration_failed ? "not applied: an earlier migration failed" : "pending: not applied";
    }
    return "not applied";
}

/// The testcase of a migration's own check in a stage: "was linted" or "applied".
TestCase migration_case(const core::MigrationRecord& m, const core::Report& report, bool run_stage) {
    TestCase test;
    test.name = m.file;
    if (!run_stage) { return test; }
    if (m.status == core::MigrationStatus::pending || m.status == core::MigrationStatus::skipped) {
        test.skipped = skip_reason(m, report);
    }
    if (m.status == core::MigrationStatus::failed) {
        test.failure_message = "migration failed to apply";
        test.failure_type = core::rule_id::migration_failed;
    }
    if (m.duration_ms >= 0) { test.seconds = m.duration_ms / 1000.0; }
    return test;
}

/// Whether the report covers the stage for its migrations: lint when something was linted,
/// run when the runner recorded an outcome.
bool stage_covers_migrations(const core::Report& report, std::string_view stage) {
    if (stage == "gate") { return false; }
    for (const core::MigrationRecord& m : report.migrations) {
        bool linted = m.status == core::MigrationStatus::linted;
        if (stage == "lint" ? linted || report.linted_in_full >= 0 : !linted) { return true; }
    }
    return false;
}

/// One testcase per migration the stage covers (its findings of migration-failed folded
/// in), then one per (file, rule) of the stage's other findings, in report order.
Suite stage_suite(const core::Report& report, std::string_view stage) {
    Suite suite{std::string(stage), {}};
    std::map<std::string, std::size_t> by_file;
    if (stage_covers_migrations(report, stage)) {
        for (const core::MigrationRecord& m : report.migrations) {
            by_file.emplace(m.file, suite.cases.size());
            suite.cases.push_back(migration_case(m, report, stage == "run"));
        }
    }
    std::map<std::pair<std::string, std::string>, std::size_t> by_check;
    for (const core::Finding* f : sorted_findings(report)) {
        if (stage_of(report, f->rule) != stage) { continue; }
        auto own = by_file.find(f->file);
        if (f->rule == core::rule_id::migration_failed && own != by_file.end()) {
            TestCase& test = suite.cases[own->second];
            add_finding(test, *f);
            test.failure_message = location(*f) + ": " + f->message;  // the server's words
            continue;
        }
        auto [at, added] = by_check.emplace(std::pair{f->file, f->rule.str()}, suite.cases.size());
        if (added) { suite.cases.push_back({f->file.empty() ? f->rule.str() : f->file + " " + f->rule.str()}); }
        add_finding(suite.cases[at->second], *f);
    }
    return suite;
}

void write_case(const TestCase& test, std::string_view stage, std::ostream& out) {
    out << "    <testcase classname=\"schemagate." << stage << "\" name=\"" << xml(test.name) << '"';
    if (test.seconds >= 0) {
        char time[32];
        std::snprintf(time, sizeof time, "%.3f", test.seconds);
        out << " time=\"" << time << '"';
    }
    if (test.skipped.empty() && test.failure_message.empty() && test.text.empty()) {
        out << "/>\n";
        return;
    }
    out << ">\n";
    if (!test.skipped.empty()) { out << "      <skipped message=\"" << xml(test.skipped) << "\"/>\n"; }
    if (!test.failure_message.empty()) {
        out << "      <failure message=\"" << xml(test.failure_message) << "\" type=\"" << xml(test.failure_type)
            << "\">" << xml(test.text, false) << "</failure>\n";
    } else if (!test.text.empty()) {
        out << "      <system-out>" << xml(test.text, false) << "</system-out>\n";
    }
    out << "    </testcase>\n";
}

void write_properties(const core::Report& report, std::ostream& out) {
    std::vector<std::pair<std::string, std::string>> fields = audit_fields(report);
    if (fields.empty()) { return; }
    out << "    <properties>\n";
    for (const auto& [name, value] : fields) {
        out << "      <property name=\"" << name << "\" value=\"" << xml(value) << "\"/>\n";
    }
    out << "    </properties>\n";
}

void write_suite(const Suite& suite, const core::Report& report, std::ostream& out) {
    int failures = 0;
    int skipped = 0;
    for (const TestCase& test : suite.cases) {
        failures += test.failure_message.empty() ? 0 : 1;
        skipped += test.skipped.empty() ? 0 : 1;
    }
    out << "  <testsuite name=\"" << suite.name << "\" tests=\"" << suite.cases.size() << "\" failures=\"" << failures
        << "\" errors=\"0\" skipped=\"" << skipped << "\">\n";
    write_properties(report, out);
    for (const TestCase& test : suite.cases) { write_case(test, suite.name, out); }
    out << "  </testsuite>\n";
}

}  // namespace

void write_junit(const core::Report& report, std::ostream& out) {
    std::vector<Suite> suites;
    std::size_t tests = 0;
    int failures = 0;
    for (std::string_view stage : {"lint", "run", "gate"}) {
        Suite suite = stage_suite(report, stage);
        if (suite.cases.empty()) { continue; }
        tests += suite.cases.size();
        for (const TestCase& test : suite.cases) { failures += test.failure_message.empty() ? 0 : 1; }
        suites.push_back(std::move(suite));
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites name=\"schemagate\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"0\">\n";
    for (const Suite& suite : suites) { write_suite(suite, report, out); }
    out << "</testsuites>\n";
}

}  // namespace gate::detail
