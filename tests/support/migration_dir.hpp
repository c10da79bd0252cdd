#pragma once
// A temporary directory of migration files for one test, removed afterwards.

#include "core/migration.hpp"

#include <filesystem>
#include <string>

namespace runner_test {

class MigrationDir {
public:
    MigrationDir();
    ~MigrationDir();
    MigrationDir(const MigrationDir&) = delete;
    MigrationDir& operator=(const MigrationDir&) = delete;

    /// Writes `file` (e.g. "0001_init.sql") with `text`.
    void write(const std::string& file, const std::string& text);
    const std::filesystem::path& path() const { return m_path; }
    core::MigrationSet discover() const;

private:
    std::filesystem::path m_path;
};

}  // namespace runner_test
