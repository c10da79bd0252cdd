#pragma once
// The rule catalog: every rule of every stage (lint, run, gate), described once, in
// core/rule_catalog.cpp. `schemagate rules`, the report writers (SARIF rules, JUnit
// stages, help links), the config's `rules:` severities and suppression comments all read
// it. A lint rule's check is linter/rules/<id>.cpp; its doc docs/rules/<id>.md.

#include "core/finding.hpp"
#include "core/rule_ids.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct RuleSetting;

/// What a rule is.
struct RuleInfo {
    std::string id;              ///< kebab-case, e.g. "missing-column" (core::rule_id)
    std::string stage = "lint";  ///< "lint" (linter, git history) | "run" (runner) | "gate"
    Severity default_severity = Severity::error;
    bool on_by_default = true;  ///< false: runs only when `rules:` gives it a severity
    std::string summary;        ///< one line, lowercase, no final period
    std::string description;    ///< a paragraph: the problem and what to do instead
    std::string bad;            ///< lint rules: SQL the rule reports (docs/rules/<id>.md shows it)
    std::string good;           ///< lint rules: what to write instead
    /// Former ids — a renamed rule's old id, or squawk's former id for the same check — still
    /// accepted in the config, `schemagate rules ID` and suppression comments; findings carry `id`.
    std::vector<std::string> aliases = {};
    std::string help_uri = {};  ///< the rule's doc page online (SARIF helpUri); "" when not configured
};

/// Every rule, sorted by id. A lint rule's description is its summary and its bad and
/// good SQL. Lives for the whole program.
const std::vector<RuleInfo>& rule_catalog();

/// The rule with this id or alias, or nullptr.
const RuleInfo* find_rule_info(std::string_view id_or_alias);

/// The rule with this id; throws std::logic_error for an id not in the catalog (a bug).
const RuleInfo& rule_info(std::string_view id);

/// The severity a rule runs with under the config's `rules:` settings (keyed by id or
/// alias): the setting when there is one, else the default; nullopt when it is "off", or
/// when the rule is off by default and not set.
std::optional<Severity> configured_severity(const RuleInfo& rule, const std::map<std::string, RuleSetting>& settings);

/// The setting of `rule` in `settings`, by its id or one of its aliases; nullptr when none.
const RuleSetting* setting_of(const RuleInfo& rule, const std::map<std::string, RuleSetting>& settings);

struct Config;
struct Report;

/// Applies `rules:` settings to the findings of the run and gate stages (the linter and the
/// history check apply theirs while they run): a set severity replaces the finding's, "off"
/// drops the finding; findings of rules without a setting are left as they are.
void apply_severities(Report& report, const std::map<std::string, RuleSetting>& settings);

/// Throws core::Error "file:line:column: unknown rule 'x': did you mean 'y'?" for a key of
/// the config's `rules:` that is neither an id nor an alias of the catalog.
void validate_rule_settings(const Config& config);

}  // namespace core
