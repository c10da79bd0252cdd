#pragma once
// Helpers of the end-to-end tests: run the built binary, make temp dirs.

#include "corpora.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <string>

namespace e2e {

inline const std::filesystem::path k_source = SCHEMAGATE_SOURCE_DIR;
inline const std::filesystem::path k_corpora = test_support::corpora_dir();

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `schemagate <args>` in `cwd`; args go through the shell as written.
Outcome schemagate(const std::string& args, const std::filesystem::path& cwd = k_source);

/// Runs a shell command line in `cwd`: stdout, stderr and exit code.
Outcome run(const std::string& command_line, const std::filesystem::path& cwd = k_source);

std::string slurp(const std::filesystem::path& path);

/// Lines of `ps` naming a postgres process whose command line contains `needle`.
std::string postgres_processes(const std::string& needle);

using test_support::TempDir;

}  // namespace e2e
