// schemagate rules [RULE]: list every rule, or explain one.
#include "cli/commands.hpp"

#include "core/error.hpp"
#include "gate/check_schema.hpp"
#include "linter/lint.hpp"

#include <iostream>
#include <memory>

namespace cli {
namespace {

std::vector<core::RuleInfo> every_rule() {
    std::vector<core::RuleInfo> rules = linter::rule_infos();
    for (const core::RuleInfo& info : gate::rule_infos()) { rules.push_back(info); }
    return rules;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
    auto rule = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand("rules", "list the rules, or explain one");
    command->add_option("rule", *rule, "rule id to explain");
    command->callback([rule, &exit_code] {
        std::vector<core::RuleInfo> rules = every_rule();
        if (rule->empty()) {
            for (const core::RuleInfo& info : rules) {
                std::cout << info.id << std::string(info.id.size() < 36 ? 36 - info.id.size() : 1, ' ')
                          << core::to_string(info.default_severity) << "  " << info.summary << "\n";
            }
            exit_code = 0;
            return;
        }
        for (const core::RuleInfo& info : rules) {
            if (info.id != *rule) { continue; }
            std::cout << info.id << " (default: " << core::to_string(info.default_severity) << ")\n\n"
                      << info.description << "\n\nMore: docs/rules/" << info.id << ".md\n";
            exit_code = 0;
            return;
        }
        std::vector<std::string> ids;
        for (const core::RuleInfo& info : rules) { ids.push_back(info.id); }
        std::string near = core::nearest(*rule, ids);
        throw core::Error("unknown rule '" + *rule + "'" +
                          (near.empty() ? ": `schemagate rules` lists them" : ": did you mean '" + near + "'?"));
    });
}

}  // namespace cli
