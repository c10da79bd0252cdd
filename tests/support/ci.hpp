#pragma once
// Whether the tests run in CI, where nothing may be skipped.

#include <cstdlib>
#include <string_view>

namespace test_support {

/// True when the environment has CI=true (as `.ci/run` in CI does).
inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

}  // namespace test_support
