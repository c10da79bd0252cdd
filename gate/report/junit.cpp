// JUnit XML for CI test-report viewers: one <testsuite> per stage (lint, run, gate; a
// stage with nothing to show is left out), one <testcase> per check:
// - each finding is a testcase; a blocking one carries a <failure> with the message, a
//   non-blocking one passes with the finding in <system-out>;
// - each migration without a finding of the stage is a testcase of its own: in "run" when
//   the runner touched it (passing; "pending"/"skipped" ones <skipped/>, "failed" ones
//   failing), in "lint" when it was only linted (status "linted": the lint command). The
//   report does not say which stages ran, so a migration the runner applied is not also
//   claimed to have passed lint; its lint findings still show.

#include "gate/report/writers.hpp"

#include <cstdio>
#include <set>
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
    std::string text;             ///< failure body or system-out
    bool skipped = false;
    double seconds = -1;
};

struct Suite {
    std::string name;
    std::vector<TestCase> cases;
};

std::string finding_text(const core::Finding& f) {
    std::string where = location(f);
    std::string text = (where.empty() ? "" : where + ": ") + std::string(core::to_string(f.severity)) + "[" +
                       f.rule + "]: " + f.message;
    return f.help.empty() ? text : text + "\nhelp: " + f.help;
}

TestCase finding_case(const core::Finding& f) {
    TestCase test;
    std::string where = location(f);
    test.name = where.empty() ? f.rule : where + " " + f.rule;
    test.text = finding_text(f);
    if (f.blocking()) {
        test.failure_message = f.message;
        test.failure_type = f.rule;
    }
    return test;
}

TestCase migration_case(const core::MigrationRecord& m, bool run_stage) {
    TestCase test;
    test.name = m.file;
    if (run_stage) {
        test.skipped = m.status == "pending" || m.status == "skipped";
        if (m.status == "failed") {
            test.failure_message = "migration failed to apply";
            test.failure_type = "migration-failed";
            test.text = m.file + ": migration failed to apply";
        }
        if (m.duration_ms >= 0) { test.seconds = m.duration_ms / 1000.0; }
    }
    return test;
}

Suite stage_suite(const core::Report& report, std::string_view stage) {
    Suite suite{std::string(stage), {}};
    std::set<std::string> files_with_findings;
    for (const core::Finding* f : sorted_findings(report)) {
        if (stage_of(f->rule) != stage) { continue; }
        suite.cases.push_back(finding_case(*f));
        files_with_findings.insert(f->file);
    }
    if (stage == "gate") { return suite; }
    for (const core::MigrationRecord& m : report.migrations) {
        bool linted_only = m.status == "linted";
        if (files_with_findings.count(m.file) != 0 || linted_only != (stage == "lint")) { continue; }
        suite.cases.push_back(migration_case(m, stage == "run"));
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
    if (!test.skipped && test.failure_message.empty() && test.text.empty()) {
        out << "/>\n";
        return;
    }
    out << ">\n";
    if (test.skipped) { out << "      <skipped/>\n"; }
    if (!test.failure_message.empty()) {
        out << "      <failure message=\"" << xml(test.failure_message) << "\" type=\"" << xml(test.failure_type)
            << "\">" << xml(test.text, false) << "</failure>\n";
    } else if (!test.text.empty()) {
        out << "      <system-out>" << xml(test.text, false) << "</system-out>\n";
    }
    out << "    </testcase>\n";
}

void write_suite(const Suite& suite, std::ostream& out) {
    int failures = 0;
    int skipped = 0;
    for (const TestCase& test : suite.cases) {
        failures += test.failure_message.empty() ? 0 : 1;
        skipped += test.skipped ? 1 : 0;
    }
    out << "  <testsuite name=\"" << suite.name << "\" tests=\"" << suite.cases.size() << "\" failures=\""
        << failures << "\" errors=\"0\" skipped=\"" << skipped << "\">\n";
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
    out << "<testsuites name=\"schemagate\" tests=\"" << tests << "\" failures=\"" << failures
        << "\" errors=\"0\">\n";
    for (const Suite& suite : suites) { write_suite(suite, out); }
    out << "</testsuites>\n";
}

}  // namespace gate::detail
