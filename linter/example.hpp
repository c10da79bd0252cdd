#pragma once
// Rule examples and fixtures that span several migrations. A line `-- file: NAME`
// starts a new file (NAME is relative to the set's directory and may hold a '/' for
// folder layouts, e.g. `-- file: 20240101000000_init/migration.sql`). Text without
// such a line is one file.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace linter {

struct ExampleFile {
    std::string name;  ///< relative path inside the set
    std::string text;  ///< the file's bytes (without its `-- file:` line)
};

/// The default name of an example or fixture that has no `-- file:` line.
inline constexpr std::string_view k_example_file = "0001_example.sql";

/// Splits `text` at `-- file: NAME` lines. Text before the first such line (or all
/// of it, when there is none) is a file named `k_example_file` unless it is blank.
std::vector<ExampleFile> split_files(std::string_view text);

/// Writes `files` below `dir` (creating folders). Throws core::Error when it cannot.
void write_files(const std::filesystem::path& dir, const std::vector<ExampleFile>& files);

}  // namespace linter
