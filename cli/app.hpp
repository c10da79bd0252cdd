#pragma once
// The schemagate command line: a thin CLI11 front end. Each command fills an options
// struct and calls one module entry point; real_main holds the only catch.
//
// Two binaries share it (cli/CMakeLists.txt): `schemagate`, the front end a developer meets
// at every commit, runs lint, rules, hook and history without loading libpq, libpqxx or
// libarchive; it hands every other command (and --help) to `schemagate-db`, installed
// beside it, which has all of them.

#include <initializer_list>

namespace CLI {
class App;
}

namespace cli {

/// Exit codes (ARCHITECTURE.md): 0 passed, 1 failed (blocking findings, a migration
/// failed, or the gate failed), 2 the tool could not do its job.
constexpr int k_exit_pass = 0;
constexpr int k_exit_fail = 1;
constexpr int k_exit_error = 2;

/// Adds one subcommand to the app; its callback sets the exit code (cli/commands.hpp).
using AddCommand = void (*)(CLI::App& app, int& exit_code);

/// Parses argv with these subcommands, runs the one named and returns its exit code. With
/// `elsewhere`, argv whose first argument is neither --version nor one of these subcommands
/// goes to it instead (the front end hands it to schemagate-db).
int real_main(int argc, char** argv, std::initializer_list<AddCommand> commands,
              int (*elsewhere)(char** argv) = nullptr);

/// Replaces the process with `schemagate-db` from the directory of this executable, with
/// the same arguments. Returns only on failure: prints one line and returns k_exit_error.
int exec_full_cli(char** argv);

}  // namespace cli
