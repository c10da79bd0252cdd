#pragma once
// The schemagate command line: a thin CLI11 front end. Each command fills an options
// struct and calls one module entry point; this file holds the only catch.

namespace cli {

/// Exit codes (ARCHITECTURE.md): 0 passed, 1 failed (blocking findings, a migration
/// failed, or the gate failed), 2 the tool could not do its job.
constexpr int k_exit_pass = 0;
constexpr int k_exit_fail = 1;
constexpr int k_exit_error = 2;

int real_main(int argc, char** argv);

}  // namespace cli
