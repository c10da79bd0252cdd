#pragma once
// The run's audit record (core::RunInfo): started in real_main, stamped on each report
// by emit(). The commands that run migrations fill target, server_version and dry_run.

#include "core/report.hpp"

namespace cli {

/// Starts the record: a new run id, the start time, the command line (passwords
/// redacted: call after core::remember_secrets). Call once, before parsing.
void start_audit(int argc, char** argv);

/// The run id start_audit() drew ("" before it): `migrate` writes it into schemagate_history.
const std::string& audit_run_id();

/// Fills report.run's id, start, duration so far, command and the git commit and branch
/// of the repository holding the current directory (empty when none); keeps target,
/// server_version and dry_run as the command set them.
void stamp_audit(core::Report& report);

}  // namespace cli
