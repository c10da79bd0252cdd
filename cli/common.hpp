#pragma once
// What every command shares: --format/--output pairs, --config, the migrations
// directory, and turning a report into output and an exit code.

#include "core/config.hpp"
#include "core/migration.hpp"
#include "core/report.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cli {

struct CommonOptions {
    std::vector<std::string> formats;  ///< --format, repeatable
    std::vector<std::string> outputs;  ///< --output, repeatable; pairs with the --format before it
    std::string config;                ///< --config
    CLI::Option* format_option = nullptr;
    CLI::Option* output_option = nullptr;
    const CLI::App* command = nullptr;  ///< for the order of --format and --output
};

/// Adds --format, --output and --config to a command.
void add_common_options(CLI::App& command, CommonOptions& options);

/// The project config: --config, else schemagate.yaml found walking up from the cwd,
/// else defaults. Rule names are validated. Throws core::Error (exit 2).
core::Config load_project_config(const CommonOptions& options);

/// The migration paths: the command's arguments, else config `migrations:`, else ./migrations.
std::vector<std::filesystem::path> migration_paths(const std::vector<std::string>& args, const core::Config& config);

/// The required schema file: --require, else config `require:`, else
/// required_schema.yaml beside the migrations; empty when there is none.
std::filesystem::path required_schema_path(const std::string& flag, const core::Config& config,
                                           const std::vector<std::filesystem::path>& paths);

/// Writes the report in every requested format (text to stdout when none), and
/// returns the exit code: 0 when it passed, 1 otherwise. Stamps the audit record
/// (cli/audit.hpp) on it first.
int emit(core::Report report, const CommonOptions& options);

}  // namespace cli
