#include "core/error.hpp"
#include "runner/local_cluster.hpp"
#include "runner/pristine.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
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

uid_t owner_of(const fs::path& path) {
    struct stat st {};
    lstat(path.c_str(), &st);
    return st.st_uid;
}

void write_file(const fs::path& file, const std::string& text, mode_t mode) {
    std::ofstream(file, std::ios::binary) << text;
    chmod(file.c_str(), mode);
}

}  // namespace

TEST(PristineTest, TarRoundTripKeepsTreeModesAndBytes) {
    TempDir work;
    fs::path tree = work.path() / "tree";
    fs::create_directories(tree / "base" / "1");
    chmod(tree.c_str(), 0750);
    write_file(tree / "PG_VERSION", "15\n", 0600);
    write_file(tree / "empty", "", 0640);
    write_file(tree / "base" / "1" / "1259", std::string(200000, 'x') + "end", 0600);
    fs::create_symlink("base/1", tree / "link");
    runner::pack_tree(tree, work.path() / "tree.tar");
    runner::unpack_tree(work.path() / "tree.tar", work.path() / "copy");
    fs::path copy = work.path() / "copy";
    EXPECT_EQ(0750u, mode_of(copy));
    EXPECT_EQ("15\n", slurp(copy / "PG_VERSION"));
    EXPECT_EQ(0600u, mode_of(copy / "PG_VERSION"));
    EXPECT_EQ("", slurp(copy / "empty"));
    EXPECT_EQ(0640u, mode_of(copy / "empty"));
    EXPECT_EQ(std::string(200000, 'x') + "end", slurp(copy / "base" / "1" / "1259"));
    EXPECT_EQ(fs::path("base/1"), fs::read_symlink(copy / "link"));
    EXPECT_THROW(runner::unpack_tree(work.path() / "tree.tar", copy), core::Error);  // `to` exists
}

TEST(PristineTest, UnpackGivesTheTreeToTheOwner) {
    std::optional<runner::User> owner = runner::unprivileged_user();
    if (!owner) { GTEST_SKIP() << "needs root"; }
    TempDir work;
    fs::create_directories(work.path() / "tree" / "base");
    write_file(work.path() / "tree" / "base" / "file", "data", 0600);
    fs::create_symlink("base", work.path() / "tree" / "link");
    runner::pack_tree(work.path() / "tree", work.path() / "tree.tar");
    runner::unpack_tree(work.path() / "tree.tar", work.path() / "copy", owner);
    for (const char* name : {"", "base", "base/file", "link"}) {
        EXPECT_EQ(owner->uid, owner_of(work.path() / "copy" / name)) << name;
    }
}

TEST(PristineTest, TruncatedTarIsAnError) {
    TempDir work;
    fs::create_directories(work.path() / "tree");
    write_file(work.path() / "tree" / "file", std::string(5000, 'y'), 0600);
    runner::pack_tree(work.path() / "tree", work.path() / "tree.tar");
    fs::copy_file(work.path() / "tree.tar", work.path() / "cut.tar");
    fs::resize_file(work.path() / "cut.tar", 3000);  // inside the file's data
    EXPECT_THROW(runner::unpack_tree(work.path() / "cut.tar", work.path() / "copy"), core::Error);
    fs::resize_file(work.path() / "tree.tar", 512 + 5120);  // after "file", before "."
    EXPECT_THROW(runner::unpack_tree(work.path() / "tree.tar", work.path() / "copy2"), core::Error);
    write_file(work.path() / "junk.tar", "not a tar at all", 0644);
    EXPECT_THROW(runner::unpack_tree(work.path() / "junk.tar", work.path() / "copy3"), core::Error);
}

TEST(PristineTest, EntriesOutsideTheTreeAreRefused) {
    TempDir work;
    fs::path outside = work.path() / "outside";
    fs::create_directories(outside);
    fs::create_directories(work.path() / "tree" / "real");
    write_file(outside / "file", "outside", 0644);
    write_file(work.path() / "tree" / "real" / "x", "x", 0644);
    fs::create_symlink(outside, work.path() / "tree" / "link");
    std::string tar = "tar -C '" + (work.path() / "tree").string() + "' -cPf '" + work.path().string();
    ASSERT_EQ(0, std::system((tar + "/absolute.tar' '" + (outside / "file").string() + "'").c_str()));
    ASSERT_EQ(0, std::system((tar + "/dotdot.tar' ../outside/file").c_str()));
    ASSERT_EQ(0, std::system((tar + "/symlink.tar' link real/x --transform='s,^real/,link/,'").c_str()));
    fs::remove(outside / "file");
    for (const char* name : {"absolute", "dotdot", "symlink"}) {
        fs::path copy = work.path() / (std::string("copy-") + name);
        EXPECT_THROW(runner::unpack_tree(work.path() / (std::string(name) + ".tar"), copy), core::Error) << name;
    }
    EXPECT_FALSE(fs::exists(outside / "file"));
    EXPECT_FALSE(fs::exists(outside / "x"));
}

TEST(PristineTest, DamagedCacheEntryIsReplacedByInitdb) {
    TempDir cache;
    setenv("XDG_CACHE_HOME", cache.path().c_str(), 1);
    fs::path entry = runner::pristine_entry(runner::find_bindir({}, 0));
    EXPECT_EQ(".tar", entry.extension());
    fs::create_directories(entry.parent_path());
    write_file(entry, std::string(1024, '\0') + "damaged", 0644);
    {
        runner::LocalCluster cluster;
        EXPECT_FALSE(cluster.cache_hit());
        EXPECT_TRUE(cluster.server_running());
    }
    runner::unpack_tree(entry, cache.path() / "check");  // a complete tar now
    EXPECT_TRUE(fs::exists(cache.path() / "check" / "PG_VERSION"));
    runner::LocalCluster warm;
    EXPECT_TRUE(warm.cache_hit());
}

// Issue 20 item 4 / issue 16 item 5: an entry that unpacks but whose server does not start (16
// bytes of global/pg_control overwritten) is discarded and rebuilt once, with a note.
TEST(PristineTest, CorruptedEntryIsDiscardedAndRebuiltOnceWithANote) {
    TempDir cache;
    setenv("XDG_CACHE_HOME", cache.path().c_str(), 1);
    fs::path entry = runner::pristine_entry(runner::find_bindir({}, 0));
    {
        runner::LocalCluster first;
        EXPECT_FALSE(first.cache_hit());
    }
    ASSERT_TRUE(fs::exists(entry));
    TempDir work;
    runner::unpack_tree(entry, work.path() / "tree");
    {
        std::fstream control(work.path() / "tree" / "global" / "pg_control",
                             std::ios::in | std::ios::out | std::ios::binary);
        control.seekp(0);
        control.write("0123456789abcdef", 16);
    }
    runner::pack_tree(work.path() / "tree", entry);
    testing::internal::CaptureStderr();
    {
        runner::LocalCluster second;
        EXPECT_FALSE(second.cache_hit());
        EXPECT_TRUE(second.server_running());
    }
    std::string note = testing::internal::GetCapturedStderr();
    EXPECT_NE(std::string::npos, note.find("schemagate: note: the cached pristine data directory " + entry.string()))
        << note;
    EXPECT_NE(std::string::npos, note.find("discarded it and ran initdb again")) << note;
    runner::LocalCluster third;  // the rebuilt entry
    EXPECT_TRUE(third.cache_hit());
}

// Issue 16 item 5: at most one entry per binary directory; none unused for 30 days, none of
// binaries that are gone, none of the format before .bindir files.
TEST(PristineTest, SweepKeepsTheCacheBounded) {
    TempDir cache;
    TempDir bins;
    for (const char* dir : {"a/bin", "b/bin"}) {
        fs::create_directories(bins.path() / dir);
        write_file(bins.path() / dir / "postgres", "", 0755);
    }
    auto entry = [&](const std::string& name, const std::string& bindir, int days_unused) {
        fs::path tar = cache.path() / (name + ".tar");
        write_file(tar, "tar", 0644);
        if (!bindir.empty()) {
            write_file(cache.path() / (name + ".bindir"), (bins.path() / bindir).string() + "\n", 0644);
        }
        fs::last_write_time(tar, fs::file_time_type::clock::now() - std::chrono::hours(24 * days_unused));
        return tar;
    };
    fs::path keep = entry("pristine-15-aaa-new", "a/bin", 0);
    fs::path replaced = entry("pristine-14-aaa-old", "a/bin", 0);  // same directory, older binaries
    fs::path recent = entry("pristine-16-bbb-1", "b/bin", 29);
    fs::path stale = entry("pristine-17-bbb-2", "b/bin", 31);
    fs::path vanished = entry("pristine-18-ccc-3", "gone/bin", 0);
    fs::path legacy = entry("pristine-15-0123abcd", "", 0);
    runner::sweep_pristine_cache(cache.path(), keep, std::chrono::hours(24 * 30));
    EXPECT_TRUE(fs::exists(keep));
    EXPECT_TRUE(fs::exists(recent));
    EXPECT_TRUE(fs::exists(fs::path(recent).replace_extension(".bindir")));
    for (const fs::path& gone : {replaced, stale, vanished, legacy}) {
        EXPECT_FALSE(fs::exists(gone)) << gone;
        EXPECT_FALSE(fs::exists(fs::path(gone).replace_extension(".bindir"))) << gone;
    }
}
