#pragma once
// The real migration sets of ../shared/corpora (CI lays shared/ beside its clone). A test
// that needs them skips on a machine without them, and fails under CI=true, where nothing
// may be skipped.

#include "ci.hpp"

#include <filesystem>

namespace test_support {

/// <source dir>/../shared/corpora; needs SCHEMAGATE_SOURCE_DIR (defined for every test).
inline std::filesystem::path corpora_dir() {
    return std::filesystem::path(SCHEMAGATE_SOURCE_DIR).parent_path() / "shared" / "corpora";
}

}  // namespace test_support

/// Skips the test when ../shared/corpora is missing; fails it under CI=true.
#define REQUIRE_CORPORA()                                                                              \
    if (!std::filesystem::is_directory(test_support::corpora_dir())) {                                 \
        if (test_support::in_ci()) { FAIL() << "no " << test_support::corpora_dir() << " under CI"; }  \
        GTEST_SKIP() << "no " << test_support::corpora_dir() << " (shared/ is not beside this clone)"; \
    }
