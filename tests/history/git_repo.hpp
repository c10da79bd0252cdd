#pragma once
// A real git repository in a temp dir for the history tests, driven by the git CLI.

#include <filesystem>
#include <string>

namespace history_test {

/// Runs `command` with /bin/sh in `dir`; returns stdout. Throws std::runtime_error with
/// the output when it exits non-zero.
std::string run(const std::filesystem::path& dir, const std::string& command);

class GitRepo {
public:
    /// `git init -b main` in a fresh temp dir (removed by the destructor), or, with
    /// `init` false, an empty temp dir.
    explicit GitRepo(bool init = true);
    ~GitRepo();
    GitRepo(const GitRepo&) = delete;
    GitRepo& operator=(const GitRepo&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    void write(const std::string& relative, const std::string& text) const;
    void remove(const std::string& relative) const;
    /// `git <args>` in the repository; stdout.
    std::string git(const std::string& args) const;
    /// Stages everything and commits.
    void commit(const std::string& message) const;

private:
    std::filesystem::path m_path;
};

}  // namespace history_test
