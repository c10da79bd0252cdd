// The rule registry: one line a rule, sorted by id.
#include "linter/rule.hpp"

#include <memory>

namespace linter {

std::unique_ptr<Rule> make_duplicate_version();
std::unique_ptr<Rule> make_naming();
std::unique_ptr<Rule> make_parse_error();

const std::vector<const Rule*>& all_rules() {
    static const std::vector<std::unique_ptr<Rule>> owned = [] {
        std::vector<std::unique_ptr<Rule>> rules;
        rules.push_back(make_duplicate_version());
        rules.push_back(make_naming());
        rules.push_back(make_parse_error());
        return rules;
    }();
    static const std::vector<const Rule*> view = [] {
        std::vector<const Rule*> rules;
        for (const auto& rule : owned) { rules.push_back(rule.get()); }
        return rules;
    }();
    return view;
}

}  // namespace linter
