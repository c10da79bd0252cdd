// libFuzzer target: the linter on one migration file's text (every rule, suppressions,
// the parse through libpg_query). A crash, a sanitizer report or a hang is a bug: the
// linter promises findings or a parse-error for any bytes.
#include "core/migration.hpp"
#include "linter/lint.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const core::Naming naming = core::make_naming("default");
    core::MigrationSet set;
    set.root = "migrations";
    set.naming = naming;
    std::string text(reinterpret_cast<const char*>(data), size);
    set.migrations.push_back(
        core::make_migration("migrations/0001_fuzz.sql", "0001_fuzz.sql", std::move(text), naming));
    linter::LintOptions options;
    options.jobs = 1;
    options.use_cache = false;
    linter::lint(set, options);
    return 0;
}
