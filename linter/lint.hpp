#pragma once
// The linter's entry point: every rule over a migration set, files in parallel.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace linter {

struct LintOptions {
    /// Rule id -> configured severity ("error" | "warning" | "info" | "off").
    std::map<std::string, core::RuleSetting> rules;
    /// Literal text -> replacement, applied to each file before parsing (positions are
    /// then those of the substituted text).
    std::vector<std::pair<std::string, std::string>> placeholders;
    int jobs = 0;  ///< worker threads; 0: one per core
};

/// Lints `set`: findings sorted in report order, one "linted" record per migration,
/// checks = files x enabled rules. Never throws for problems in migrations.
core::Report lint(const core::MigrationSet& set, const LintOptions& options);

/// Throws core::Error (file:line:column, nearest known rule) for a rule id in the config
/// that no rule has.
void validate_rule_settings(const core::Config& config);

/// core::RuleInfo for every lint rule (for SARIF and `schemagate rules`).
std::vector<core::RuleInfo> rule_infos();

}  // namespace linter
