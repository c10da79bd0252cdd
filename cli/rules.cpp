// schemagate rules [RULE] [--format text|json|markdown]: the rule catalog, or one rule's
// doc page (embedded at build time, cli/rule_docs.hpp).
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "cli/common.hpp"
#include "cli/rule_docs.hpp"
#include "core/error.hpp"
#include "linter/explain.hpp"
#include "linter/rule.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

namespace cli {
namespace {

const core::RuleInfo& find_info(const std::vector<core::RuleInfo>& rules, const std::string& id) {
    auto found = std::find_if(rules.begin(), rules.end(), [&](const core::RuleInfo& r) { return r.id == id; });
    if (found != rules.end()) { return *found; }
    std::vector<std::string> ids;
    for (const core::RuleInfo& info : rules) { ids.push_back(info.id); }
    std::string near = core::nearest(id, ids);
    throw core::Error("unknown rule '" + id + "'" +
                      (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
}

/// The doc page; a rule without one is described from the catalog.
std::string explain(const core::RuleInfo& info) {
    std::string_view page = rule_doc(info.id);
    if (!page.empty()) { return std::string(page); }
    if (linter::find_rule(info.id) != nullptr) { return linter::explain_rule(info.id); }
    return info.id + " (default: " + std::string(core::to_string(info.default_severity)) + ", stage: " + info.stage +
           ")\n\n" + info.summary + "\n\n" + info.description + "\n";
}

std::string as_text(const std::vector<core::RuleInfo>& rules) {
    std::size_t width = 0;
    for (const core::RuleInfo& info : rules) { width = std::max(width, info.id.size()); }
    std::string out;
    for (const core::RuleInfo& info : rules) {
        std::string severity(info.on_by_default ? core::to_string(info.default_severity) : "off");
        out += info.id + std::string(width + 2 - info.id.size(), ' ') + severity +
               std::string(9 - severity.size(), ' ') + info.stage + std::string(6 - info.stage.size(), ' ') +
               info.summary + "\n";
    }
    return out + "\n`schemagate rules ID` shows a rule's page.\n";
}

std::string as_json(const std::vector<core::RuleInfo>& rules) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const core::RuleInfo& info : rules) {
        list.push_back({{"id", info.id},
                        {"stage", info.stage},
                        {"default_severity", core::to_string(info.default_severity)},
                        {"on_by_default", info.on_by_default},
                        {"summary", info.summary},
                        {"description", info.description},
                        {"doc", std::string(rule_doc(info.id))},
                        {"help_uri", info.help_uri}});
    }
    return list.dump(2) + "\n";
}

std::string as_markdown(const std::vector<core::RuleInfo>& rules) {
    std::string out = "| rule | stage | default | summary |\n| --- | --- | --- | --- |\n";
    for (const core::RuleInfo& info : rules) {
        std::string id = "`" + info.id + "`";
        if (!info.help_uri.empty()) { id = "[" + id + "](" + info.help_uri + ")"; }
        std::string summary = info.summary;
        std::replace(summary.begin(), summary.end(), '|', '/');
        std::string severity(info.on_by_default ? core::to_string(info.default_severity) : "off");
        out += "| " + id + " | " + info.stage + " | " + severity + " | " + summary + " |\n";
    }
    return out;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
    struct State {
        std::string rule;
        std::string format = "text";
        std::string config;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("rules", "list the rules, or show one rule's page");
    command->add_option("rule", state->rule, "rule id to show");
    command->add_option("--format", state->format, "text, json or markdown")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    command->add_option("--config", state->config, "schemagate.yaml to use instead of the one found walking up");
    command->callback([state, &exit_code] {
        CommonOptions common;
        common.config = state->config;
        std::vector<core::RuleInfo> rules = all_rule_infos(docs_url(load_project_config(common)));
        if (!state->rule.empty()) {
            const core::RuleInfo& info = find_info(rules, state->rule);
            std::vector<core::RuleInfo> one{info};
            std::cout << (state->format == "json"       ? as_json(one)
                          : state->format == "markdown" ? std::string(rule_doc(info.id))
                                                        : explain(info));
        } else {
            std::cout << (state->format == "json"       ? as_json(rules)
                          : state->format == "markdown" ? as_markdown(rules)
                                                        : as_text(rules));
        }
        exit_code = 0;
    });
}

}  // namespace cli
