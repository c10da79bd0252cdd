#pragma once
// Every rule of every stage (lint, history, run, gate), for `schemagate rules`, SARIF
// rule descriptions, config validation and configured severities.

#include "core/config.hpp"
#include "core/report.hpp"

#include <string>
#include <vector>

namespace cli {

/// Rule infos of all stages, sorted by id.
std::vector<core::RuleInfo> all_rule_infos();

/// Ids of the rules that other stages than the linter report.
std::vector<std::string> non_lint_rule_ids();

/// Applies `rules:` severities from the config to findings of non-lint stages (the
/// linter applies its own): "off" drops the finding.
void apply_severities(core::Report& report, const core::Config& config);

}  // namespace cli
