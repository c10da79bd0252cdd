// parse-error: the file is not valid PostgreSQL, or not text. The lint driver emits it
// (a file that does not parse is never handed to other rules); this holds its metadata
// and its verdict: syntax newer than the linked parser is a warning the server judges.
#include "linter/lint.hpp"
#include "linter/parse.hpp"
#include "linter/rule.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

namespace linter {
namespace {

class ParseError final : public Rule {
public:
    core::RuleId id() const override { return core::rule_id::parse_error; }
};

std::string parser_name() {
    return "the linter's parser knows PostgreSQL " + std::string(parser_pg_version()) + " syntax";
}

}  // namespace

std::unique_ptr<Rule> make_parse_error() { return std::make_unique<ParseError>(); }

core::Finding parse_error_finding(const ParseFailure& failure, core::Severity severity, int postgres_version) {
    core::Finding finding;
    finding.rule = core::rule_id::parse_error;
    finding.severity = severity;
    finding.start = finding.end = failure.at;
    finding.message = failure.message;
    if (!failure.syntax) {
        finding.help = "fix the file so that it is UTF-8 text that PostgreSQL can parse";
    } else if (postgres_version > parser_pg_major()) {
        if (severity == core::Severity::error) { finding.severity = core::Severity::warning; }
        std::string target = "PostgreSQL " + std::to_string(postgres_version);
        finding.message += " (" + parser_name() + "; postgres.version is " + std::to_string(postgres_version) + ": " +
                           target + " judges this file)";
        finding.help = "nothing to change if " + target + " accepts it: `schemagate check` applies it to that server";
    } else {
        finding.help = "fix the SQL so that PostgreSQL " + std::string(parser_pg_version()) +
                       " can parse it (if production runs a newer major, set postgres.version)";
    }
    return finding;
}

void judge_parse_errors_by_server(core::Report& report, const std::string& server_version, int postgres_version) {
    int server_major = std::atoi(server_version.c_str());
    if (server_version.empty() || postgres_version > parser_pg_major()) { return; }  // judged when linted
    std::map<std::string, core::MigrationStatus, std::less<>> status;
    for (const core::MigrationRecord& record : report.migrations) {
        if (record.status == core::MigrationStatus::applied || !status.count(record.file)) {
            status[record.file] = record.status;
        }
    }
    std::string server = "PostgreSQL " + server_version;
    for (core::Finding& finding : report.findings) {
        if (finding.rule != core::rule_id::parse_error) { continue; }
        auto it = status.find(finding.file);
        bool applied = it != status.end() && it->second == core::MigrationStatus::applied;
        if (!applied && server_major <= parser_pg_major()) { continue; }
        if (finding.severity == core::Severity::error) { finding.severity = core::Severity::warning; }
        if (applied) {
            finding.message += " (" + parser_name() + "; the server, " + server + ", applied this file)";
            finding.help = "nothing to change: the server accepted it (the lint rules did not look at this file)";
        } else {
            finding.message += " (" + parser_name() + "; the server is " + server + " and judges this file)";
            finding.help = "nothing to change if " + server + " applies it";
        }
    }
}

}  // namespace linter
