#pragma once
// The rule catalog as the reports describe it (help links) and the config's severities
// applied to the findings of the stages that run after the linter.

#include "core/config.hpp"
#include "core/report.hpp"

#include <string>
#include <vector>

namespace cli {

/// The catalog (core::rule_catalog), each rule with its help_uri when `docs_url` is set
/// (docs_url + "<id>.md").
std::vector<core::RuleInfo> all_rule_infos(const std::string& docs_url = {});

/// Where the rule pages are published: config `docs_url:`, else the build's
/// SCHEMAGATE_DOCS_URL (CMake cache variable), else "" (no links).
std::string docs_url(const core::Config& config);

}  // namespace cli
