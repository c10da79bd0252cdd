// A directory's listing kept in the lint cache by its tree's id (linter/history/tree.hpp): an
// unchanged directory is listed without reading its tree, a changed one is read again, a damaged
// file is never trusted, and a listing with the cache is the listing without it.
#include "git_repo.hpp"
#include "linter/history/tree.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace fs = std::filesystem;
using history_test::GitRepo;

namespace {

// "repo path blob-hex" of each migration of HEAD:<dir>, listed by the tree's id.
std::vector<std::string> listing(const GitRepo& repo, const std::string& dir, const std::string& preset) {
    git_repository* handle = nullptr;
    EXPECT_EQ(0, git_repository_open(&handle, repo.path().c_str()));
    git_oid tree{};
    EXPECT_EQ(0, git_oid_fromstr(&tree, repo.git("rev-parse HEAD:" + dir).substr(0, GIT_OID_HEXSZ).c_str()));
    std::vector<std::string> out;
    try {
        for (const history::TreeMigration& m : history::list_migrations(handle, tree, dir, core::make_naming(preset))) {
            out.push_back(m.repo_path + " " + git_oid_tostr_s(&m.oid));
        }
    } catch (...) {
        git_repository_free(handle);
        throw;
    }
    git_repository_free(handle);
    return out;
}

void remove_object(const GitRepo& repo, const std::string& rev) {
    std::string id = repo.git("rev-parse " + rev).substr(0, GIT_OID_HEXSZ);
    ASSERT_TRUE(fs::remove(repo.path() / ".git/objects" / id.substr(0, 2) / id.substr(2)));
}

// The lint cache in a temp dir ($XDG_CACHE_HOME), libgit2 set up.
class TreeListingTest : public ::testing::Test {
protected:
    void SetUp() override {
        git_libgit2_init();
        setenv("XDG_CACHE_HOME", m_cache.path().c_str(), 1);
    }
    void TearDown() override {
        unsetenv("XDG_CACHE_HOME");
        git_libgit2_shutdown();
    }
    fs::path listings() const { return m_cache.path() / "schemagate/lint/listings"; }

private:
    GitRepo m_cache{false};
};

}  // namespace

TEST_F(TreeListingTest, AnUnchangedDirectoryIsListedWithoutReadingItsTree) {
    GitRepo repo;
    repo.write("db/migrations/0001_users.sql", "CREATE TABLE users (id int);\n");
    repo.write("db/migrations/0002_orders.sql", "CREATE TABLE orders (id int);\n");
    repo.write("db/migrations/0002_orders.down.sql", "DROP TABLE orders;\n");
    repo.write("db/migrations/README.md", "notes\n");
    repo.commit("two migrations");
    std::vector<std::string> listed = listing(repo, "db/migrations", "default");
    ASSERT_EQ(2u, listed.size());
    EXPECT_EQ("db/migrations/0001_users.sql " + repo.git("rev-parse HEAD:db/migrations/0001_users.sql").substr(0, 40),
              listed[0]);

    // Only the cache can list it now: the directory's tree object is gone.
    remove_object(repo, "HEAD:db/migrations");
    EXPECT_EQ(listed, listing(repo, "db/migrations", "default"));
    EXPECT_ANY_THROW(listing(repo, "db/migrations", "golang-migrate"));  // another naming: its own listing
}

TEST_F(TreeListingTest, AChangedDirectoryOrADamagedFileIsReadFromGit) {
    GitRepo repo;
    repo.write("migrations/0001_users.sql", "CREATE TABLE users (id int);\n");
    repo.commit("one");
    ASSERT_EQ(1u, listing(repo, "migrations", "default").size());
    repo.write("migrations/0002_orders.sql", "CREATE TABLE orders (id int);\n");
    repo.commit("two");
    ASSERT_EQ(2u, listing(repo, "migrations", "default").size());  // another tree: read, and kept

    for (const fs::directory_entry& file : fs::directory_iterator(listings())) {
        fs::resize_file(file.path(), fs::file_size(file.path()) - 1);  // the last id loses its NUL
    }
    std::vector<std::string> listed = listing(repo, "migrations", "default");  // damaged: read from git
    ASSERT_EQ(2u, listed.size());
    EXPECT_EQ("migrations/0002_orders.sql " + repo.git("rev-parse HEAD:migrations/0002_orders.sql").substr(0, 40),
              listed[1]);
    remove_object(repo, "HEAD:migrations");
    EXPECT_EQ(listed, listing(repo, "migrations", "default"));  // and kept again
    unsetenv("XDG_CACHE_HOME");
    const char* home_dir = std::getenv("HOME");
    std::string saved = home_dir != nullptr ? home_dir : "";
    unsetenv("HOME");  // no cache at all: the missing tree is an error
    EXPECT_ANY_THROW(listing(repo, "migrations", "default"));
    if (!saved.empty()) { setenv("HOME", saved.c_str(), 1); }
}
