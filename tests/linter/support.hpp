#pragma once
// Helpers for the linter's tests: temp directories and linting migration sets built
// from `-- file:`-split SQL (linter/example.hpp) with real discovery.

#include "core/report.hpp"
#include "linter/example.hpp"
#include "linter/lint.hpp"

#include "temp_dir.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

/// A fresh directory under the system temp dir, removed on destruction.

/// Default options with the cache off.
linter::LintOptions no_cache();

/// no_cache() with the rule `id` on at its default severity (for opt-in rules), and
/// PostgreSQL `major` as the target (0: the default).
linter::LintOptions with_rule(std::string_view id, int major = 0);

/// Writes `files` to a temp dir, discovers it as a migration set and lints it
/// (no cache unless `options` says otherwise). Finding files are the names in `files`.
core::Report lint_files(const std::vector<linter::ExampleFile>& files, linter::LintOptions options = no_cache());

/// lint_files(split_files(sql)).
core::Report lint_sql(std::string_view sql, linter::LintOptions options = no_cache());

/// The findings of `rule` in `report`.
std::vector<core::Finding> findings_of(const core::Report& report, std::string_view rule);

/// SCHEMAGATE_SOURCE_DIR / relative.
std::filesystem::path source_path(std::string_view relative);

}  // namespace test_support
