#pragma once
// Every rule of every stage (lint, history, run, gate), for `schemagate rules`, SARIF
// rule descriptions, config validation and configured severities.

#include "core/config.hpp"
#include "core/report.hpp"

#include <string>
#include <vector>

namespace cli {

/// Rule infos of all stages, sorted by id, each with its stage ("lint", "run", "gate") and,
/// when `docs_url` is set, its help_uri (docs_url + "<id>.md").
std::vector<core::RuleInfo> all_rule_infos(const std::string& docs_url = {});

/// Where the rule pages are published: config `docs_url:`, else the build's
/// SCHEMAGATE_DOCS_URL (CMake cache variable), else "" (no links).
std::string docs_url(const core::Config& config);

/// Ids of the rules that other stages than the linter report.
std::vector<std::string> non_lint_rule_ids();

/// Applies `rules:` severities from the config to findings of non-lint stages (the
/// linter applies its own): "off" drops the finding.
void apply_severities(core::Report& report, const core::Config& config);

}  // namespace cli
