// schemagate rules [RULE]: list every rule, or explain one.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/error.hpp"
#include "linter/explain.hpp"
#include "linter/rule.hpp"

#include <iostream>
#include <memory>

namespace cli {
namespace {

std::string explain(const std::string& id) {
    if (linter::find_rule(id) != nullptr) { return linter::explain_rule(id); }
    std::vector<std::string> ids;
    for (const core::RuleInfo& info : all_rule_infos()) {
        if (info.id == id) {
            return info.id + " (default: " + std::string(core::to_string(info.default_severity)) + ")\n\n" +
                   info.summary + "\n\n" + info.description + "\n\nMore: docs/rules/" + info.id + ".md\n";
        }
        ids.push_back(info.id);
    }
    std::string near = core::nearest(id, ids);
    throw core::Error("unknown rule '" + id + "'" +
                      (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
    auto rule = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand("rules", "list the rules, or explain one");
    command->add_option("rule", *rule, "rule id to explain");
    command->callback([rule, &exit_code] {
        if (!rule->empty()) {
            std::cout << explain(*rule);
        } else {
            for (const core::RuleInfo& info : all_rule_infos()) {
                std::string pad(info.id.size() < 36 ? 36 - info.id.size() : 1, ' ');
                std::cout << info.id << pad << core::to_string(info.default_severity) << "  " << info.summary << "\n";
            }
        }
        exit_code = 0;
    });
}

}  // namespace cli
