#include "core/file.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace fs = std::filesystem;

namespace {

class FileTest : public testing::Test {
protected:
    FileTest() {
        std::string pattern = (fs::temp_directory_path() / "sg-file-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
    }
    ~FileTest() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(FileTest, WrittenBytesReadBackExactlyPastOneBuffer) {
    std::string bytes(200'000, 'x');
    bytes[7] = '\0';
    bytes[100'000] = '\xe9';  // not UTF-8, not text: read as it is
    ASSERT_TRUE(core::write_file_atomically(m_dir / "sub" / "a.sql", bytes));
    EXPECT_EQ(bytes, core::read_file(m_dir / "sub" / "a.sql"));
}

TEST_F(FileTest, MissingFileAndDirectoryAreNullopt) {
    EXPECT_FALSE(core::read_file(m_dir / "missing.sql"));
    EXPECT_FALSE(core::read_file(m_dir));
    ASSERT_TRUE(core::write_file_atomically(m_dir / "empty.sql", ""));
    EXPECT_EQ(std::string(), core::read_file(m_dir / "empty.sql"));
}

}  // namespace
