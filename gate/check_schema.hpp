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
/// is_gate_rule(). Severities are the rules' defaults (missing-optional-column is a
/// warning, the others errors); the caller applies configured severities.
core::Report check_schema(const RequiredSchema& required, const runner::SchemaSnapshot& snapshot);

/// True for the rules of the required schema (missing-table, column-type-mismatch, ...:
/// the catalog's gate rules that check_schema reports).
bool is_gate_rule(std::string_view rule);

}  // namespace gate
