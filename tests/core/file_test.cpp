#include "core/file.hpp"
#include "core/migration.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

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

// Every path of up to four steps from names, ".", "..", empty steps and dot-names, relative and
// absolute: the same string as std::filesystem's (cwd / path).lexically_normal().
TEST(AbsoluteNormalTest, SameAsStdFilesystemForEveryShapeOfPath) {
    const std::vector<std::string> steps = {"a", "b.sql", ".", "..", "", "...", ".b"};
    std::vector<std::string> paths = {""};
    for (int length = 1; length <= 4; ++length) {
        std::vector<std::string> longer;
        for (const std::string& path : paths) {
            for (const std::string& step : steps) { longer.push_back(path.empty() ? step : path + "/" + step); }
        }
        paths.insert(paths.end(), longer.begin(), longer.end());
        std::sort(paths.begin(), paths.end());
        paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    }
    std::size_t plain = 0;
    for (const std::string& relative : paths) {
        for (const std::string& path : {relative, "/" + relative, "./" + relative}) {
            for (const std::string cwd : {"/", "/work/x"}) {
                EXPECT_EQ((fs::path(cwd) / path).lexically_normal().string(), core::absolute_normal(cwd, path))
                    << cwd << " " << path;
            }
            if (std::optional<std::string_view> shown = core::plain_relative_path(path)) {
                EXPECT_EQ(fs::path(path).lexically_normal().string(), *shown) << path;
                ++plain;
            }
            if (std::optional<std::string_view> shown = core::plain_absolute_path(path)) {
                EXPECT_EQ(fs::path(path).lexically_normal().string(), *shown) << path;
                ++plain;
            }
        }
    }
    EXPECT_GT(plain, 100u);  // the fast path is taken, not only the fallback
}

// A path as messages and reports show it: relative to the current directory when below it, as
// std::filesystem's lexically_normal and lexically_relative give it, for every shape of path
// below, beside and above the current directory.
TEST(DisplayPathTest, SameAsStdFilesystemForEveryShapeOfPath) {
    const fs::path cwd = fs::current_path();
    const std::vector<std::string> steps = {"a", "b.sql", ".", "..", ""};
    std::vector<std::string> paths = {""};
    for (int length = 1; length <= 3; ++length) {
        std::vector<std::string> longer;
        for (const std::string& path : paths) {
            for (const std::string& step : steps) { longer.push_back(path.empty() ? step : path + "/" + step); }
        }
        paths.insert(paths.end(), longer.begin(), longer.end());
    }
    for (const std::string& relative : paths) {
        for (const std::string& path : {relative, "/" + relative, cwd.string() + "/" + relative,
                                        cwd.parent_path().string() + "/" + relative, cwd.string() + "x/" + relative}) {
            fs::path shown = fs::path(path).lexically_normal();
            if (shown.is_absolute()) {
                fs::path below = shown.lexically_relative(cwd);
                if (!below.empty() && *below.begin() != "..") { shown = below; }
            }
            EXPECT_EQ(shown.generic_string(), core::display_path(path)) << path;
        }
    }
}
