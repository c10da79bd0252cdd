#include "migration_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace runner_test {

MigrationDir::MigrationDir() {
    std::string pattern = (fs::temp_directory_path() / "schemagate-test-XXXXXX").string();
    m_path = mkdtemp(pattern.data());
}

MigrationDir::~MigrationDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void MigrationDir::write(const std::string& file, const std::string& text) {
    fs::create_directories((m_path / file).parent_path());
    std::ofstream(m_path / file, std::ios::binary) << text;
}

core::MigrationSet MigrationDir::discover() const { return core::discover({m_path}, {}); }

}  // namespace runner_test
