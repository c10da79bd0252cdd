#include "temp_dir.hpp"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace test_support {

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sg-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) { throw std::runtime_error("mkdtemp " + pattern + " failed"); }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void TempDir::write(const std::string& relative, const std::string& text) const {
    fs::create_directories((m_path / relative).parent_path());
    std::ofstream(m_path / relative, std::ios::binary) << text;
}

}  // namespace test_support
