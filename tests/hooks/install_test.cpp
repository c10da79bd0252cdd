// hooks::install / uninstall in real repositories made with the git CLI.
#include "core/error.hpp"
#include "hooks/install.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

class Repo : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "sg-hook-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
        git("init -q");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    void git(const std::string& args) const {
        std::string command = "git -C '" + m_dir.string() + "' " + args + " >/dev/null 2>&1";
        ASSERT_EQ(0, std::system(command.c_str())) << command;
    }
    static std::string read(const fs::path& file) {
        std::ifstream in(file);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
    static void write(const fs::path& file, const std::string& text) {
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        fs::permissions(file, fs::perms::owner_all);
    }

    fs::path m_dir;
};

}  // namespace

TEST_F(Repo, InstallWritesAnExecutableHookWithTheBinaryPath) {
    hooks::HookResult result = hooks::install(m_dir, "/opt/it's here/schemagate");
    fs::path hook = m_dir / ".git/hooks/pre-commit";
    EXPECT_EQ(hook, result.hook);
    EXPECT_NE(fs::perms::none, fs::status(hook).permissions() & fs::perms::owner_exec);
    std::string script = read(hook);
    EXPECT_NE(std::string::npos, script.find("SCHEMAGATE_BIN='/opt/it'\\''s here/schemagate'")) << script;
    EXPECT_EQ(std::string::npos, script.find("@SCHEMAGATE_BIN@"));
}

TEST_F(Repo, InstallFromASubdirectoryFindsTheRepository) {
    fs::create_directories(m_dir / "db/migrations");
    EXPECT_EQ(m_dir / ".git/hooks/pre-commit", hooks::install(m_dir / "db/migrations", "/usr/bin/schemagate").hook);
}

TEST_F(Repo, ExistingHookIsChainedAndRestoredOnUninstall) {
    write(m_dir / ".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
    hooks::install(m_dir, "/usr/bin/schemagate");
    EXPECT_EQ("#!/bin/sh\necho mine\n", read(m_dir / ".git/hooks/pre-commit.schemagate-chained"));
    hooks::install(m_dir, "/usr/bin/schemagate");  // re-install updates ours, keeps theirs
    EXPECT_EQ("#!/bin/sh\necho mine\n", read(m_dir / ".git/hooks/pre-commit.schemagate-chained"));
    hooks::uninstall(m_dir);
    EXPECT_EQ("#!/bin/sh\necho mine\n", read(m_dir / ".git/hooks/pre-commit"));
    EXPECT_FALSE(fs::exists(m_dir / ".git/hooks/pre-commit.schemagate-chained"));
}

TEST_F(Repo, UninstallNeverTouchesAForeignHook) {
    write(m_dir / ".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
    EXPECT_THROW(hooks::uninstall(m_dir), core::Error);
    EXPECT_EQ("#!/bin/sh\necho mine\n", read(m_dir / ".git/hooks/pre-commit"));
}

TEST_F(Repo, CoreHooksPathIsRespected) {
    git("config core.hooksPath .githooks");
    EXPECT_EQ(m_dir / ".githooks/pre-commit", hooks::install(m_dir, "/usr/bin/schemagate").hook);
    EXPECT_TRUE(fs::exists(m_dir / ".githooks/pre-commit"));
}

TEST_F(Repo, WorktreeSharesTheMainRepositoryHooks) {
    git("-c user.email=t@example.com -c user.name=t commit -q --allow-empty -m init");
    git("worktree add -q ../" + m_dir.filename().string() + "-wt");
    fs::path worktree = m_dir.parent_path() / (m_dir.filename().string() + "-wt");
    EXPECT_EQ(m_dir / ".git/hooks/pre-commit", hooks::install(worktree, "/usr/bin/schemagate").hook);
    fs::remove_all(worktree);
}

TEST(HookInstallTest, OutsideARepositoryIsAToolError) {
    EXPECT_THROW(hooks::install("/", "/usr/bin/schemagate"), core::Error);
}
