#pragma once
// Reports built by hand for the writer tests.

#include "core/report.hpp"

namespace gate_test {

/// One report with findings of every stage (lint, run, gate) and severity, in no
/// particular order, text that needs escaping in every format (| < & % , : quotes), four
/// migrations (applied, failed, skipped), a small schema and one described rule. The
/// golden files in fixtures/reports/ are this report in each format.
core::Report sample_report();

/// Corner cases for the validators: a finding without file or position, a file name with
/// spaces, a backslash and non-ASCII letters, control characters, a long message.
core::Report odd_report();

}  // namespace gate_test
