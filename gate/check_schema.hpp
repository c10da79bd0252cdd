#pragma once
// The gate: a required schema compared with the schema the migrations produced.

#include "core/report.hpp"
#include "gate/required_schema.hpp"
#include "runner/snapshot.hpp"

#include <string_view>
#include <vector>

namespace gate {

/// Checks every expectation of `required` against `snapshot`. Each finding names the
/// object and the expectation; its file/line/column point at the expectation in the
/// required-schema file (required.file). report.checks counts the expectations checked,
/// report.failed_checks those that failed; expectations under a missing table (its
/// columns, keys, indexes, RLS) are not checked. Findings are in report order; rules:
/// see rule_infos(). Severities are the rules' defaults (missing-optional-column is a
/// warning, the others errors); the caller applies configured severities.
core::Report check_schema(const RequiredSchema& required, const runner::SchemaSnapshot& snapshot);

/// Every gate rule, sorted by id: id, one-line summary, description, default severity.
const std::vector<core::RuleInfo>& rule_infos();

/// True when `rule` is one of rule_infos()' ids.
bool is_gate_rule(std::string_view rule);

}  // namespace gate
