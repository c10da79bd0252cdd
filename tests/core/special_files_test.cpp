// Only regular files are read: FIFOs, devices, directories and dangling links named like
// migrations are skipped with a warning naming them, never opened; symbolic link loops
// are skipped with a warning and the rest is discovered.
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/migration.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {

class SpecialFilesTest : public ::testing::Test {
protected:
    SpecialFilesTest() {
        std::string pattern = (fs::temp_directory_path() / "sg-special-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
        m_options.warn = [this](const std::string& message) { m_warnings.push_back(message); };
    }
    ~SpecialFilesTest() override { fs::remove_all(m_dir); }

    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((m_dir / relative).parent_path());
        std::ofstream(m_dir / relative, std::ios::binary) << text;
    }
    void fifo(const std::string& relative) const {
        fs::create_directories((m_dir / relative).parent_path());
        ASSERT_EQ(0, ::mkfifo((m_dir / relative).c_str(), 0600));
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const core::Migration& m : m_set.migrations) { out.push_back(m.id); }
        return out;
    }
    // The one warning, which must name `relative` and say `what`.
    void expect_warning(const std::string& relative, const std::string& what) const {
        ASSERT_EQ(1u, m_warnings.size());
        EXPECT_NE(std::string::npos, m_warnings[0].find(relative)) << m_warnings[0];
        EXPECT_NE(std::string::npos, m_warnings[0].find(what + " is not a migration file")) << m_warnings[0];
    }

    fs::path m_dir;
    core::DiscoverOptions m_options;
    std::vector<std::string> m_warnings;
    core::MigrationSet m_set;
};

TEST_F(SpecialFilesTest, FifoInFlatLayoutIsNamedAndNotOpened) {
    write("0001_one.sql", "SELECT 1;");
    fifo("0002_fifo.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql"}), ids());
    expect_warning("0002_fifo.sql", "a FIFO");
}

TEST_F(SpecialFilesTest, FifoInFolderLayoutIsNamedAndNotOpened) {
    write("20230404095503_initial/migration.sql", "CREATE TABLE a (id int);");
    fifo("20230411134605_second/migration.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ("prisma", m_set.naming.preset);
    EXPECT_EQ((std::vector<std::string>{"20230404095503_initial"}), ids());
    expect_warning("20230411134605_second/migration.sql", "a FIFO");
}

TEST_F(SpecialFilesTest, FifoWithoutKeptTextIsNotOpened) {
    write("0001_one.sql", "SELECT 1;");
    fifo("0002_fifo.sql");
    m_options.keep_text = false;
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql"}), ids());
}

TEST_F(SpecialFilesTest, FifoGivenByPathIsNamedForWhatItIs) {
    fifo("0002_fifo.sql");
    try {
        core::discover({m_dir / "0002_fifo.sql"}, m_options);
        FAIL() << "no error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("0002_fifo.sql: a FIFO is not a migration file"))
            << e.what();
    }
}

TEST_F(SpecialFilesTest, SymlinkToDevZeroIsNotRead) {
    write("0001_one.sql", "SELECT 1;");
    fs::create_symlink("/dev/zero", m_dir / "0002_zero.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql"}), ids());
    expect_warning("0002_zero.sql", "a character device");
    EXPECT_FALSE(core::read_regular_file(m_dir / "0002_zero.sql"));
}

TEST_F(SpecialFilesTest, SymlinkLoopIsSkippedAndTheRestDiscovered) {
    write("0001_one.sql", "SELECT 1;");
    write("0003_three.sql", "SELECT 3;");
    fs::create_symlink("0002_loop.sql", m_dir / "0002_loop.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql", "0003_three.sql"}), ids());
    expect_warning("0002_loop.sql", "a symbolic link loop");
}

TEST_F(SpecialFilesTest, SymlinkLoopWithAnyNameIsSkipped) {
    write("0001_one.sql", "SELECT 1;");
    fs::create_symlink("a", m_dir / "b");
    fs::create_symlink("b", m_dir / "a");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql"}), ids());
    EXPECT_EQ(2u, m_warnings.size());
}

TEST_F(SpecialFilesTest, SymlinkLoopInFolderLayoutIsSkipped) {
    write("20230404095503_initial/migration.sql", "CREATE TABLE a (id int);");
    fs::create_directories(m_dir / "20230411134605_second");
    fs::create_symlink("migration.sql", m_dir / "20230411134605_second" / "migration.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"20230404095503_initial"}), ids());
    expect_warning("20230411134605_second/migration.sql", "a symbolic link loop");
}

TEST_F(SpecialFilesTest, DanglingLinkAndDirectoryNamedLikeMigrationsAreNamed) {
    write("0001_one.sql", "SELECT 1;");
    fs::create_symlink("nowhere.sql", m_dir / "0002_dangling.sql");
    fs::create_directories(m_dir / "0003_dir.sql");
    m_set = core::discover({m_dir}, m_options);
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql"}), ids());
    ASSERT_EQ(2u, m_warnings.size());
    EXPECT_NE(std::string::npos, m_warnings[0].find("0002_dangling.sql: skipped: a dangling symbolic link"))
        << m_warnings[0];
    EXPECT_NE(std::string::npos, m_warnings[1].find("0003_dir.sql: skipped: a directory")) << m_warnings[1];
}

TEST_F(SpecialFilesTest, ReadRegularFileRefusesAFifoWithoutBlocking) {
    fifo("pipe.sql");
    EXPECT_FALSE(core::read_regular_file(m_dir / "pipe.sql"));
    write("plain.sql", "SELECT 1;");
    EXPECT_EQ(std::string("SELECT 1;"), core::read_regular_file(m_dir / "plain.sql"));
}

TEST_F(SpecialFilesTest, FileKindsAreDescribed) {
    fifo("pipe");
    EXPECT_EQ(core::FileKind::fifo, core::file_kind(m_dir / "pipe"));
    EXPECT_EQ(core::FileKind::missing, core::file_kind(m_dir / "none"));
    EXPECT_EQ(core::FileKind::character_device, core::file_kind("/dev/null"));
    EXPECT_EQ("a FIFO", core::describe(core::FileKind::fifo));
}

}  // namespace
