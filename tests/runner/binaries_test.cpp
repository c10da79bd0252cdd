// Where the binaries of a major are found, which version a directory holds, and whether the
// server's user can run them (issue 16, items 3 and 4). Server-free: fake bin directories whose
// `postgres --version` is a shell script.
#include "core/error.hpp"
#include "runner/binaries.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <string>

namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "binaries-test-XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// An environment variable set (or unset) for one test, restored afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) { m_old = old; }
        value ? setenv(name, value, 1) : unsetenv(name);
    }
    ~ScopedEnv() { m_old ? setenv(m_name, m_old->c_str(), 1) : unsetenv(m_name); }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

void script(const fs::path& file, const std::string& body) {
    std::ofstream(file) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
}

fs::path fake_bindir(const fs::path& dir, const std::string& version) {
    fs::create_directories(dir);
    script(dir / "initdb", "exit 0");
    script(dir / "postgres", "echo 'postgres (PostgreSQL) " + version + "'");
    return fs::canonical(dir);
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& e) { return e.what(); }
    return "";
}

}  // namespace

TEST(BinariesTest, VersionComesFromPostgresVersion) {
    TempDir dir;
    EXPECT_EQ("18.4", runner::binaries_version(fake_bindir(dir.path() / "bin", "18.4")).value_or("none"));
    EXPECT_EQ(18, runner::major_of_version("18.4"));
    EXPECT_EQ("17.4", runner::version_text(170004));
    EXPECT_EQ("9.6.24", runner::version_text(90624));
}

TEST(BinariesTest, ADirectoryOfAnotherMajorIsRefusedNamingBoth) {
    TempDir dir;
    fs::path bindir = fake_bindir(dir.path() / "bin", "18.4");
    std::string message = error_of([&] { runner::find_bindir(bindir, 16); });
    EXPECT_NE(std::string::npos, message.find("postgres.version is 16")) << message;
    EXPECT_NE(std::string::npos, message.find("PostgreSQL 18.4")) << message;
    EXPECT_NE(std::string::npos, message.find(bindir.string())) << message;
    EXPECT_EQ(std::string::npos, message.find('\n')) << message;
    ScopedEnv env("SCHEMAGATE_PG_BINDIR", bindir.c_str());
    message = error_of([&] { runner::find_bindir({}, 16); });
    EXPECT_NE(std::string::npos, message.find("SCHEMAGATE_PG_BINDIR")) << message;
    EXPECT_EQ(bindir, runner::find_bindir({}, 18));
    EXPECT_EQ(bindir, runner::find_bindir({}, 0));
}

TEST(BinariesTest, TheUserDirectoryHoldsInstalledMajors) {
    TempDir data;
    ScopedEnv no_bindir("SCHEMAGATE_PG_BINDIR", nullptr);
    ScopedEnv xdg("XDG_DATA_HOME", data.path().c_str());
    EXPECT_EQ(data.path() / "schemagate" / "postgresql", runner::user_postgres_root());
    // install-postgres.sh as root: the per-user directory links to one outside /root.
    fs::path store = fake_bindir(data.path() / "opt" / "42" / "bin", "42.1").parent_path();
    fs::create_directories(runner::user_postgres_root());
    fs::create_directory_symlink(store, runner::user_postgres_root() / "42");
    EXPECT_EQ(store / "bin", runner::find_bindir({}, 42));  // resolved: the server user never walks the link
    std::string message = error_of([&] { runner::find_bindir({}, 41); });
    EXPECT_NE(std::string::npos, message.find("install-postgres.sh 41")) << message;
    EXPECT_NE(std::string::npos, message.find((runner::user_postgres_root() / "41" / "bin").string())) << message;
}

TEST(BinariesTest, ThePrivateDirectoryAboveABinaryIsNamed) {
    TempDir dir;
    fs::path bindir = fake_bindir(dir.path() / "private" / "bin", "18.4");
    runner::User nobody{"nobody", 65534, 65534};
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    EXPECT_EQ("", runner::why_user_cannot_run(bindir / "postgres", nobody));
    fs::permissions(dir.path() / "private", fs::perms::owner_all);
    std::string why = runner::why_user_cannot_run(bindir / "postgres", nobody);
    EXPECT_NE(std::string::npos, why.find((dir.path() / "private").string() + " is mode 0700")) << why;
    std::string message = error_of([&] { runner::check_runnable_by(bindir, nobody); });
    EXPECT_NE(std::string::npos, message.find("runs as user nobody")) << message;
    EXPECT_NE(std::string::npos, message.find((bindir / "initdb").string())) << message;
    EXPECT_EQ(std::string::npos, message.find('\n')) << message;
}
