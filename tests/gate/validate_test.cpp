// The SARIF output validates against the SARIF 2.1.0 JSON schema (fixtures/), and the
// JUnit output parses with a real XML parser; both checked by tests/gate/validate_report.py
// with the Python of SCHEMAGATE_PYTHON (python3-jsonschema from Debian).

#include "gate/report/writer.hpp"

#include "sample_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path k_source = SCHEMAGATE_SOURCE_DIR;

struct Outcome {
    int exit_code = -1;
    std::string output;
};

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) { out += c == '\'' ? std::string("'\\''") : std::string(1, c); }
    return out + "'";
}

Outcome run(const std::string& command) {
    Outcome outcome;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) { return outcome; }
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) { outcome.output.append(buffer, n); }
    int status = pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

class ValidateTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("schemagate-gate-validate-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path write(const core::Report& report, gate::Format format, const std::string& name) {
        fs::path file = m_dir / name;
        std::ofstream out(file, std::ios::binary);
        gate::write_report(report, format, out);
        return file;
    }

    Outcome validate(const std::string& kind, const fs::path& file) {
        if (std::string(SCHEMAGATE_PYTHON).ends_with("NOTFOUND")) {
            return {3, "no python3 found at configure time: install the Debian packages python3 python3-jsonschema"};
        }
        std::string command = quoted(SCHEMAGATE_PYTHON) + " " +
                              quoted((k_source / "tests/gate/validate_report.py").string()) + " " + kind + " " +
                              quoted(file.string());
        if (kind == "sarif") { command += " " + quoted((k_source / "fixtures/sarif-schema-2.1.0.json").string()); }
        return run(command);
    }

    fs::path m_dir;
};

TEST_F(ValidateTest, SarifOfEveryReportValidatesAgainstTheSarif210Schema) {
    const std::vector<std::pair<std::string, core::Report>> reports = {
        {"sample", gate_test::sample_report()}, {"odd", gate_test::odd_report()}, {"empty", core::Report{}}};
    for (const auto& [name, report] : reports) {
        Outcome outcome = validate("sarif", write(report, gate::Format::sarif, name + ".sarif"));
        EXPECT_EQ(0, outcome.exit_code) << name << ":\n" << outcome.output;
    }
}

TEST_F(ValidateTest, ValidatorRejectsAnInvalidSarifLog) {
    fs::path file = m_dir / "bad.sarif";
    std::ofstream(file)
        << R"({"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal"}]}]})";
    Outcome outcome = validate("sarif", file);
    EXPECT_EQ(1, outcome.exit_code) << outcome.output;
    EXPECT_NE(std::string::npos, outcome.output.find("'name' is a required property")) << outcome.output;
}

TEST_F(ValidateTest, JunitOfEveryReportParsesAsXmlWithConsistentCounts) {
    const std::vector<std::pair<std::string, core::Report>> reports = {
        {"sample", gate_test::sample_report()}, {"odd", gate_test::odd_report()}, {"empty", core::Report{}}};
    for (const auto& [name, report] : reports) {
        Outcome outcome = validate("junit", write(report, gate::Format::junit, name + ".xml"));
        EXPECT_EQ(0, outcome.exit_code) << name << ":\n" << outcome.output;
    }
}

TEST_F(ValidateTest, ValidatorRejectsBrokenXml) {
    fs::path file = m_dir / "bad.xml";
    std::ofstream(file) << "<testsuites><testsuite name=\"a & b\"></testsuites>";
    Outcome outcome = validate("junit", file);
    EXPECT_NE(0, outcome.exit_code) << outcome.output;
}

}  // namespace
