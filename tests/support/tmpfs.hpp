#pragma once
// A small tmpfs mounted for one test, to make a real disk full (ENOSPC). Needs root (CI runs
// as root); elsewhere the tests that use it skip, except under CI=true, where they fail.

#include "ci.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace runner_test {

class Tmpfs {
public:
    /// Mounts a tmpfs of `mebibytes` MiB, mode 1777, on a fresh directory under /tmp.
    /// ok() is false (and why() says why) when it cannot.
    explicit Tmpfs(std::size_t mebibytes);
    /// Unmounts it and removes the directory.
    ~Tmpfs();
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool ok() const { return m_mounted; }
    const std::string& why() const { return m_why; }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    bool m_mounted = false;
    std::string m_why;
};

}  // namespace runner_test

/// Declares `name`, a Tmpfs of `mib` MiB; skips the test when it cannot be mounted, and fails it under CI=true.
#define REQUIRE_TMPFS(name, mib)                                                         \
    runner_test::Tmpfs name(mib);                                                        \
    if (!name.ok()) {                                                                    \
        if (test_support::in_ci()) { FAIL() << "cannot mount a tmpfs: " << name.why(); } \
        GTEST_SKIP() << "cannot mount a tmpfs (needs root): " << name.why();             \
    }
