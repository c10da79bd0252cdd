// The report JSON of ARCHITECTURE.md ("Report JSON"), keys in the contract's order.

#include "gate/report/writers.hpp"

#include <nlohmann/json.hpp>

namespace gate::detail {
namespace {

using Json = nlohmann::ordered_json;

Json summary_json(const core::Report& report) {
    core::Summary s = report.summary();
    return Json{{"migrations", s.migrations}, {"checks", s.checks},     {"passed", s.passed},
                {"errors", s.errors},         {"warnings", s.warnings}, {"infos", s.infos},
                {"blockers", s.blockers}};
}

Json finding_json(const core::Finding& f) {
    return Json{{"rule", f.rule},
                {"severity", core::to_string(f.severity)},
                {"blocking", f.blocking()},
                {"file", f.file},
                {"line", f.start.line},
                {"column", f.start.column},
                {"end_line", f.end.line},
                {"end_column", f.end.column},
                {"message", f.message},
                {"help", f.help}};
}

Json migration_json(const core::MigrationRecord& m) {
    Json json{{"file", m.file}, {"version", m.version}, {"checksum", m.checksum}, {"status", m.status}};
    if (m.duration_ms >= 0) { json["duration_ms"] = m.duration_ms; }
    return json;
}

}  // namespace

void write_json(const core::Report& report, std::ostream& out) {
    Json json;
    json["tool"] = Json{{"name", "schemagate"}, {"version", SCHEMAGATE_VERSION}};
    json["verdict"] = verdict(report);
    json["summary"] = summary_json(report);
    json["findings"] = Json::array();
    for (const core::Finding* finding : sorted_findings(report)) { json["findings"].push_back(finding_json(*finding)); }
    json["migrations"] = Json::array();
    for (const core::MigrationRecord& migration : report.migrations) {
        json["migrations"].push_back(migration_json(migration));
    }
    json["schema"] = Json::parse(report.schema.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out << json.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace gate::detail
