#include "linter/explain.hpp"

#include "core/config.hpp"
#include "core/error.hpp"
#include "linter/rule.hpp"

#include <algorithm>

namespace linter {
namespace {

std::string indent(std::string_view text) {
    std::string out = "    ";
    for (char c : text) {
        out += c;
        if (c == '\n') { out += "    "; }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) { out.pop_back(); }
    return out + "\n";
}

}  // namespace

std::string explain_rule(std::string_view id) {
    const Rule* rule = find_rule(id);
    if (rule == nullptr) {
        std::vector<std::string> ids;
        for (const Rule* known : all_rules()) { ids.emplace_back(known->id()); }
        std::string near = core::nearest(std::string(id), ids);
        throw core::Error("unknown rule '" + std::string(id) + "'" +
                          (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
    }
    const core::RuleInfo& info = rule->info();
    std::string out = info.id + " (default: " +
                      (info.on_by_default ? std::string(core::to_string(info.default_severity))
                                          : "off; enable it with a severity") +
                      ")\n";
    out += info.summary + "\n\nReported:\n" + indent(info.bad) + "\nInstead:\n" + indent(info.good);
    out += "\nOptions:\n    severity: set `rules: {" + info.id +
           ": error|warning|info|off}` in schemagate.yaml\n"
           "    suppress: `-- schemagate:ignore " +
           info.id + " -- reason` on or above the statement, or `-- schemagate:ignore-file " + info.id + "`\n";
    return out;
}

std::string rule_doc_path(std::string_view id) { return "docs/rules/" + std::string(id) + ".md"; }

}  // namespace linter
