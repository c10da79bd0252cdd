#pragma once
// A temporary directory for one test: made empty, removed with everything in it.

#include <filesystem>
#include <string>

namespace test_support {

class TempDir {
public:
    /// mkdtemp under the system temp dir ("sg-test-XXXXXX"); throws std::runtime_error when it fails.
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    /// Writes `text` to `relative` (directories created), byte for byte.
    void write(const std::string& relative, const std::string& text) const;

private:
    std::filesystem::path m_path;
};

}  // namespace test_support
