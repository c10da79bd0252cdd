#include "support.hpp"

#include "linter/rule.hpp"

#include "core/migration.hpp"

#include <cstdlib>
#include <stdexcept>

namespace fs = std::filesystem;

namespace test_support {

linter::LintOptions no_cache() {
    linter::LintOptions options;
    options.use_cache = false;
    return options;
}

linter::LintOptions with_rule(std::string_view id, int major) {
    linter::LintOptions options = no_cache();
    const linter::Rule* rule = linter::find_rule(id);
    if (rule != nullptr) {
        options.rules[std::string(id)] = {std::string(core::to_string(rule->info().default_severity)), 0, 0};
    }
    options.postgres_version = major;
    return options;
}

core::Report lint_files(const std::vector<linter::ExampleFile>& files, linter::LintOptions options) {
    TempDir dir;
    linter::write_files(dir.path(), files);
    core::MigrationSet set = core::discover({dir.path()}, {});
    core::Report report = linter::lint(set, options);
    std::string marker = dir.path().filename().string() + "/";
    auto strip = [&](std::string& file) {
        std::size_t at = file.find(marker);
        if (at != std::string::npos) { file.erase(0, at + marker.size()); }
    };
    for (core::Finding& finding : report.findings) { strip(finding.file); }
    for (core::MigrationRecord& record : report.migrations) { strip(record.file); }
    return report;
}

core::Report lint_sql(std::string_view sql, linter::LintOptions options) {
    return lint_files(linter::split_files(sql), std::move(options));
}

std::vector<core::Finding> findings_of(const core::Report& report, std::string_view rule) {
    std::vector<core::Finding> out;
    for (const core::Finding& finding : report.findings) {
        if (finding.rule == rule) { out.push_back(finding); }
    }
    return out;
}

fs::path source_path(std::string_view relative) { return fs::path(SCHEMAGATE_SOURCE_DIR) / relative; }

}  // namespace test_support
