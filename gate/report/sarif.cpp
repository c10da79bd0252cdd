// SARIF 2.1.0 (validated against fixtures/sarif-schema-2.1.0.json in tests), as GitHub code
// scanning reads it: one run, tool.driver.rules[] for every rule described or used, one
// result per finding with a repo-relative artifactLocation, a region in characters
// (columnKind unicodeCodePoints; SARIF's endColumn is exclusive, ours inclusive) and a
// partial fingerprint that survives line moves and the durations a run measures.

#include "gate/report/writers.hpp"

#include "core/checksum.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace gate::detail {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_schema_uri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* k_information_uri = "https://github.com/schemagate/schemagate";

std::string level(core::Severity severity) {
    switch (severity) {
        case core::Severity::error: return "error";
        case core::Severity::warning: return "warning";
        case core::Severity::info: return "note";
    }
    return "error";
}

/// Every rule described by the report or the catalog or used by a finding, by id.
std::map<std::string, core::RuleInfo> rules_of(const core::Report& report) {
    std::map<std::string, core::RuleInfo> rules;
    for (const core::RuleInfo& rule : report.rules) { rules.emplace(rule.id, rule); }
    for (const core::Finding& finding : report.findings) {
        std::string id = finding.rule.str();
        if (rules.count(id) != 0) { continue; }
        const core::RuleInfo* known = core::find_rule_info(id);
        rules.emplace(id, known != nullptr
                              ? *known
                              : core::RuleInfo{.id = id, .default_severity = finding.severity, .summary = id});
    }
    return rules;
}

Json rule_json(const core::RuleInfo& rule) {
    std::string summary = rule.summary.empty() ? rule.id : rule.summary;
    std::string description = rule.description.empty() ? summary : rule.description;
    Json out{{"id", rule.id},
             {"shortDescription", {{"text", summary}}},
             {"fullDescription", {{"text", description}}},
             {"help", {{"text", description}}},
             {"defaultConfiguration", {{"level", level(rule.default_severity)}}}};
    if (!rule.help_uri.empty()) { out["helpUri"] = rule.help_uri; }
    return out;
}

/// SARIF's invocation object: the command line, start time and the rest of the audit
/// record as properties. executionSuccessful: the tool did its job (findings or not).
Json invocation_json(const core::Report& report) {
    Json properties = Json::object();
    for (const auto& [name, value] : audit_fields(report)) {
        if (name != "command" && name != "started_at") { properties[name] = value; }
    }
    return Json{{"executionSuccessful", true},
                {"commandLine", report.run.command},
                {"startTimeUtc", report.run.started_at},
                {"properties", properties}};
}

/// A relative URI reference: '/' separators, no leading "./", other bytes percent-encoded.
std::string file_uri(std::string path) {
    std::replace(path.begin(), path.end(), '\\', '/');
    while (path.starts_with("./")) { path = path.substr(2); }
    static const std::string k_safe = "-._~/!$&'()*+,;=@";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || k_safe.find(static_cast<char>(c)) != std::string::npos) {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

Json region_json(const core::Finding& f) {
    Json region = Json::object();
    region["startLine"] = f.start.line;
    if (f.start.column > 0) { region["startColumn"] = f.start.column; }
    if (f.end.line > 0) { region["endLine"] = f.end.line; }
    if (f.end.column > 0) { region["endColumn"] = f.end.column + 1; }
    return region;
}

Json result_json(const core::Finding& f, int rule_index) {
    Json result{{"ruleId", f.rule},
                {"ruleIndex", rule_index},
                {"level", level(f.severity)},
                {"message",
                 {{"text", f.trace == core::Trace::confirmed ? f.message + " (" + trace_note(f) + ")" : f.message}}}};
    if (!f.file.empty()) {
        Json physical{{"artifactLocation", {{"uri", file_uri(f.file)}, {"uriBaseId", "%SRCROOT%"}}}};
        if (f.start.line > 0) { physical["region"] = region_json(f); }
        result["locations"] = Json::array({Json{{"physicalLocation", physical}}});
    }
    std::string hash = core::sha256_checksum(f.rule.str() + "\n" + f.file + "\n" + fingerprint_message(f)).substr(7);
    result["partialFingerprints"] = Json{{"schemagateFindingHash/v1", hash}};
    Json properties{{"blocking", f.blocking()}};
    if (!f.help.empty()) { properties["help"] = f.help; }
    if (f.trace != core::Trace::not_checked) {
        properties["trace"] = core::to_string(f.trace);
        properties["observed"] = f.observed;
    }
    result["properties"] = properties;
    return result;
}

}  // namespace

void write_sarif(const core::Report& report, std::ostream& out) {
    std::map<std::string, core::RuleInfo> rules = rules_of(report);
    Json driver{{"name", "schemagate"},
                {"version", SCHEMAGATE_VERSION},
                {"semanticVersion", SCHEMAGATE_VERSION},
                {"informationUri", k_information_uri},
                {"rules", Json::array()}};
    std::map<std::string, int> index;
    for (const auto& [id, rule] : rules) {
        index[id] = static_cast<int>(driver["rules"].size());
        driver["rules"].push_back(rule_json(rule));
    }
    Json results = Json::array();
    for (const core::Finding* finding : sorted_findings(report)) {
        results.push_back(result_json(*finding, index[finding->rule.str()]));
    }
    Json run{{"tool", {{"driver", driver}}}, {"results", results}, {"columnKind", "unicodeCodePoints"}};
    if (!report.run.run_id.empty()) { run["invocations"] = Json::array({invocation_json(report)}); }
    Json sarif{{"$schema", k_schema_uri}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    out << sarif.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace gate::detail
