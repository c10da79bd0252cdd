#include "cli/catalog.hpp"

namespace cli {

std::vector<core::RuleInfo> all_rule_infos(const std::string& docs_url) {
    std::vector<core::RuleInfo> rules = core::rule_catalog();
    if (!docs_url.empty()) {
        for (core::RuleInfo& info : rules) { info.help_uri = docs_url + info.id + ".md"; }
    }
    return rules;
}

std::string docs_url(const core::Config& config) {
    std::string url = config.docs_url.empty() ? SCHEMAGATE_DOCS_URL : config.docs_url;
    return url.empty() || url.ends_with('/') ? url : url + '/';
}

}  // namespace cli
