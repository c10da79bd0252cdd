#include "core/checksum.hpp"
#include "core/migration.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace fs = std::filesystem;

namespace {

class IndexTest : public testing::Test {
protected:
    IndexTest() {
        std::string pattern = (fs::temp_directory_path() / "sg-index-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
    }
    ~IndexTest() override { fs::remove_all(m_dir); }

    // A file identity last changed an hour ago (old enough to be remembered).
    static struct stat old_stat(long size, long inode) {
        struct stat info {};
        info.st_size = size;
        info.st_ino = static_cast<ino_t>(inode);
        info.st_mtim.tv_sec = time(nullptr) - 3600;
        info.st_ctim.tv_sec = time(nullptr) - 3600;
        return info;
    }

    static core::FileDigest digest() {
        core::FileDigest d;
        d.checksum = "sha256:" + std::string(64, 'a');
        d.directives.no_transaction = true;
        d.directives.no_transaction_line = 3;
        d.directives.depends.push_back({2, "0001 a b.sql\twith a tab", false});
        return d;
    }

    fs::path m_dir;
};

TEST_F(IndexTest, RemembersADigestAcrossRunsWhileTheFileIsUnchanged) {
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        index.put("/m/0001_a.sql", old_stat(10, 7), digest());
        index.save();
    }
    core::ChecksumIndex index(m_dir / "index", "build 1");
    std::optional<core::FileDigest> found = index.find("/m/0001_a.sql", old_stat(10, 7));
    ASSERT_TRUE(found);
    EXPECT_EQ(digest().checksum, found->checksum);
    EXPECT_TRUE(found->directives.no_transaction);
    EXPECT_EQ(3, found->directives.no_transaction_line);
    ASSERT_EQ(1u, found->directives.depends.size());
    EXPECT_EQ("0001 a b.sql\twith a tab", found->directives.depends[0].value);
    EXPECT_FALSE(found->directives.depends[0].has_colon);
    EXPECT_FALSE(index.find("/m/0001_a.sql", old_stat(11, 7)));  // size changed
}

TEST_F(IndexTest, TheFileIsTheJsonThatNlohmannDumpsForIt) {
    core::FileDigest tricky = digest();
    tricky.directives.depends.push_back({5, "0002 \"q\" \\ caf\xc3\xa9\x01.sql", true});
    {
        core::ChecksumIndex index(m_dir / "index", "build \"1\"");
        index.put("/m/0001_a.sql", old_stat(10, 7), tricky);
        index.put("/m/0002_\tb.sql", old_stat(20, 8), digest());
        index.put_content("git-blob 1234", core::FileDigest{"sha256:" + std::string(64, 'b'), {}});
        index.save();
    }
    std::ifstream in(m_dir / "index", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlohmann::json parsed = nlohmann::json::parse(bytes);
    EXPECT_EQ(parsed.dump(), bytes);  // keys sorted, compact: what nlohmann wrote before
    EXPECT_EQ(3u, parsed["entries"].size());
    EXPECT_EQ(tricky.directives.depends[1].value, parsed["entries"]["/m/0001_a.sql"]["depends"][1]["value"]);
    core::ChecksumIndex index(m_dir / "index", "build \"1\"");
    std::optional<core::FileDigest> found = index.find("/m/0001_a.sql", old_stat(10, 7));
    ASSERT_TRUE(found);
    ASSERT_EQ(2u, found->directives.depends.size());
    EXPECT_EQ(tricky.directives.depends[1].value, found->directives.depends[1].value);
    EXPECT_TRUE(found->directives.depends[1].has_colon);
    EXPECT_EQ(5, found->directives.depends[1].line);
    EXPECT_TRUE(index.find("/m/0002_\tb.sql", old_stat(20, 8)));
    EXPECT_TRUE(index.find_content("git-blob 1234"));
}

TEST_F(IndexTest, AnotherBuildOrACorruptIndexIsEmpty) {
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        index.put("/m/0001_a.sql", old_stat(10, 7), digest());
        index.save();
    }
    EXPECT_FALSE(core::ChecksumIndex(m_dir / "index", "build 2").find("/m/0001_a.sql", old_stat(10, 7)));
    std::ofstream(m_dir / "index", std::ios::app) << "garbage";
    EXPECT_FALSE(core::ChecksumIndex(m_dir / "index", "build 1").find("/m/0001_a.sql", old_stat(10, 7)));
}

TEST_F(IndexTest, ATruncatedIndexIsEmptyAndIsRewritten) {
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        index.put("/m/0001_a.sql", old_stat(10, 7), digest());
        index.put("/m/0002_b.sql", old_stat(20, 8), digest());
        index.save();
    }
    fs::resize_file(m_dir / "index", fs::file_size(m_dir / "index") / 2);
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        EXPECT_FALSE(index.find("/m/0001_a.sql", old_stat(10, 7)));
        EXPECT_FALSE(index.find("/m/0002_b.sql", old_stat(20, 8)));
        index.put("/m/0001_a.sql", old_stat(10, 7), digest());
        index.save();
    }
    EXPECT_TRUE(core::ChecksumIndex(m_dir / "index", "build 1").find("/m/0001_a.sql", old_stat(10, 7)));
}

TEST_F(IndexTest, AnIndexOfTheWrongShapeIsEmpty) {
    std::ofstream(m_dir / "index") << R"({"format": "schemagate-checksum-index 2", "build": "build 1", "entries": )"
                                      R"({"/m/0001_a.sql": {"identity": 7}}})";
    EXPECT_FALSE(core::ChecksumIndex(m_dir / "index", "build 1").find("/m/0001_a.sql", old_stat(10, 7)));
}

TEST_F(IndexTest, KeepsContentKeysAndDropsEntriesNotLookedUp) {
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        index.put_content("git-blob 1234", digest());
        index.put("/m/0001_a.sql", old_stat(10, 7), digest());
        index.save();
    }
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        EXPECT_FALSE(index.find_content("/m/0001_a.sql"));  // a path is not a content key
        std::optional<core::FileDigest> found = index.find_content("git-blob 1234");
        ASSERT_TRUE(found);
        EXPECT_EQ(digest().checksum, found->checksum);
        index.save();
    }
    core::ChecksumIndex index(m_dir / "index", "build 1");
    EXPECT_TRUE(index.find_content("git-blob 1234"));
    EXPECT_FALSE(index.find("/m/0001_a.sql", old_stat(10, 7)));
}

TEST_F(IndexTest, APathThatIsNotUtf8IsNotRememberedButTheOthersAre) {
    {
        core::ChecksumIndex index(m_dir / "index", "build 1");
        index.put("/m/0001_\xff.sql", old_stat(10, 7), digest());
        index.put("/m/0002_b.sql", old_stat(20, 8), digest());
        index.save();
    }
    core::ChecksumIndex index(m_dir / "index", "build 1");
    EXPECT_FALSE(index.find("/m/0001_\xff.sql", old_stat(10, 7)));
    EXPECT_TRUE(index.find("/m/0002_b.sql", old_stat(20, 8)));
}

TEST_F(IndexTest, RecentlyChangedFilesAreNotRemembered) {
    struct stat now = old_stat(10, 7);
    now.st_mtim.tv_sec = time(nullptr);
    core::ChecksumIndex index(m_dir / "index", "build 1");
    index.put("/m/0001_a.sql", now, digest());
    EXPECT_FALSE(index.find("/m/0001_a.sql", now));
}

TEST_F(IndexTest, DiscoveryWithoutTextsGivesTheSameChecksumsAndDirectives) {
    fs::create_directories(m_dir / "m");
    std::ofstream(m_dir / "m" / "0001_a.sql")
        << "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n";
    std::ofstream(m_dir / "m" / "0002_b.sql") << "-- DEPENDS: 0001_a.sql\nSELECT 1;\n";
    core::MigrationSet kept = core::discover({m_dir / "m"}, {});
    core::ChecksumIndex index(m_dir / "index", "build 1");
    core::DiscoverOptions options;
    options.keep_text = false;
    options.index = &index;
    core::MigrationSet lean = core::discover({m_dir / "m"}, options);
    ASSERT_EQ(2u, lean.migrations.size());
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_TRUE(lean.migrations[i].text.empty());
        EXPECT_FALSE(kept.migrations[i].text.empty());
        EXPECT_EQ(kept.migrations[i].checksum, lean.migrations[i].checksum);
        EXPECT_EQ(kept.migrations[i].directives.no_transaction, lean.migrations[i].directives.no_transaction);
        EXPECT_EQ(kept.migrations[i].directives.depends.size(), lean.migrations[i].directives.depends.size());
    }
}

// keep_read_bytes keeps the texts discovery had to read, up to a budget; past it a file's
// bytes are dropped as before (its checksum stays). A few files load on one thread, in order.
TEST_F(IndexTest, DiscoveryKeepsTheTextsItReadUpToItsBudget) {
    fs::create_directories(m_dir / "m");
    for (const char* name : {"0001_a.sql", "0002_b.sql", "0003_c.sql"}) {
        std::ofstream(m_dir / "m" / name) << "SELECT 1;\n";  // 10 bytes
    }
    core::DiscoverOptions options;
    options.keep_text = false;
    options.keep_read_bytes = 25;
    core::MigrationSet set = core::discover({m_dir / "m"}, options);
    ASSERT_EQ(3u, set.migrations.size());
    EXPECT_EQ("SELECT 1;\n", set.migrations[0].text);
    EXPECT_EQ("SELECT 1;\n", set.migrations[1].text);
    EXPECT_EQ("", set.migrations[2].text);
    EXPECT_EQ(core::sha256_checksum("SELECT 1;\n"), set.migrations[2].checksum);
    options.keep_read_bytes = 0;
    EXPECT_EQ("", core::discover({m_dir / "m"}, options).migrations[0].text);
}
}  // namespace
