#include "core/error.hpp"
#include "runner/local_cluster.hpp"
#include "runner/pristine.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "pristine-test-XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

mode_t mode_of(const fs::path& path) {
    struct stat st {};
    lstat(path.c_str(), &st);
    return st.st_mode & 07777;
}

void write_file(const fs::path& file, const std::string& text, mode_t mode) {
    std::ofstream(file, std::ios::binary) << text;
    chmod(file.c_str(), mode);
}

}  // namespace

TEST(PristineTest, PackRoundTripKeepsTreeModesAndBytes) {
    TempDir work;
    fs::path tree = work.path() / "tree";
    fs::create_directories(tree / "base" / "1");
    chmod(tree.c_str(), 0700);
    write_file(tree / "PG_VERSION", "15\n", 0600);
    write_file(tree / "empty", "", 0640);
    write_file(tree / "base" / "1" / "1259", std::string(20000, 'x') + "end", 0600);
    fs::create_symlink("base/1", tree / "link");
    runner::pack_tree(tree, work.path() / "tree.pack");
    runner::unpack_tree(work.path() / "tree.pack", work.path() / "copy");
    fs::path copy = work.path() / "copy";
    EXPECT_EQ(0700u, mode_of(copy));
    EXPECT_EQ("15\n", slurp(copy / "PG_VERSION"));
    EXPECT_EQ(0600u, mode_of(copy / "PG_VERSION"));
    EXPECT_EQ("", slurp(copy / "empty"));
    EXPECT_EQ(0640u, mode_of(copy / "empty"));
    EXPECT_EQ(std::string(20000, 'x') + "end", slurp(copy / "base" / "1" / "1259"));
    EXPECT_EQ(fs::path("base/1"), fs::read_symlink(copy / "link"));
}

TEST(PristineTest, TruncatedPackIsAnError) {
    TempDir work;
    fs::create_directories(work.path() / "tree");
    write_file(work.path() / "tree" / "file", std::string(5000, 'y'), 0600);
    runner::pack_tree(work.path() / "tree", work.path() / "tree.pack");
    fs::resize_file(work.path() / "tree.pack", fs::file_size(work.path() / "tree.pack") - 1);
    EXPECT_THROW(runner::unpack_tree(work.path() / "tree.pack", work.path() / "copy"), core::Error);
    write_file(work.path() / "junk.pack", "not a pack at all", 0644);
    EXPECT_THROW(runner::unpack_tree(work.path() / "junk.pack", work.path() / "copy2"), core::Error);
}

TEST(PristineTest, DamagedCacheEntryIsReplacedByInitdb) {
    TempDir cache;
    setenv("XDG_CACHE_HOME", cache.path().c_str(), 1);
    fs::path entry = runner::pristine_entry(runner::find_bindir({}, 0));
    fs::create_directories(entry.parent_path());
    write_file(entry, "schemagate-pack 1 damaged", 0644);
    {
        runner::LocalCluster cluster;
        EXPECT_FALSE(cluster.cache_hit());
        EXPECT_TRUE(cluster.server_running());
    }
    runner::unpack_tree(entry, cache.path() / "check");  // a complete pack now
    EXPECT_TRUE(fs::exists(cache.path() / "check" / "PG_VERSION"));
    runner::LocalCluster warm;
    EXPECT_TRUE(warm.cache_hit());
}
