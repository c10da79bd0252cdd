// The folder cache of folder layouts (linter/history/folder_cache.hpp): kept between runs,
// holding one listing's folders, never trusted when damaged, and a listing with it is the
// listing without it.
#include "git_repo.hpp"
#include "linter/history/folder_cache.hpp"
#include "linter/history/tree.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using history::FolderCache;
using history_test::GitRepo;

namespace {

git_oid oid(char fill) {
    git_oid id{};
    std::fill(std::begin(id.id), std::end(id.id), static_cast<unsigned char>(fill));
    return id;
}

// "id blob-hex" of each listed migration.
std::vector<std::string> listing(const fs::path& work_tree) {
    git_repository* repo = nullptr;
    EXPECT_EQ(0, git_repository_open(&repo, work_tree.c_str()));
    git_object* tree = nullptr;
    EXPECT_EQ(0, git_revparse_single(&tree, repo, "HEAD:migrations"));
    std::vector<std::string> out;
    for (const history::TreeMigration& m :
         history::list_migrations(repo, reinterpret_cast<git_tree*>(tree), "migrations", core::make_naming("diesel"))) {
        out.push_back(m.repo_path + " " + git_oid_tostr_s(&m.oid));
    }
    git_object_free(tree);
    git_repository_free(repo);
    return out;
}

}  // namespace

TEST(FolderCacheTest, KeptBetweenRunsPrunedToOneListingAndEmptyWhenDamaged) {
    GitRepo dir(false);
    {
        FolderCache cache(dir.path(), "up.sql");
        EXPECT_FALSE(cache.find(oid('t')));
        cache.add(oid('t'), oid('b'));
        cache.add(oid('u'), std::nullopt);  // a folder without up.sql
        cache.save();
    }
    FolderCache again(dir.path(), "up.sql");
    ASSERT_TRUE(again.find(oid('t')) && again.find(oid('t')).value());
    git_oid found = *again.find(oid('t')).value();
    git_oid expected = oid('b');
    EXPECT_TRUE(git_oid_equal(&found, &expected));
    ASSERT_TRUE(again.find(oid('u')));
    EXPECT_FALSE(again.find(oid('u')).value());
    EXPECT_FALSE(again.find(oid('v')));
    EXPECT_FALSE(FolderCache(dir.path(), "another key").find(oid('t')));  // one file per key
    {
        FolderCache pruned(dir.path(), "up.sql");
        EXPECT_TRUE(pruned.find(oid('t')));
        pruned.save();  // 'u' was not used by this listing: dropped
    }
    FolderCache after(dir.path(), "up.sql");
    EXPECT_TRUE(after.find(oid('t')));
    EXPECT_FALSE(after.find(oid('u')));

    for (const fs::directory_entry& file : fs::directory_iterator(dir.path())) {
        fs::resize_file(file.path(), fs::file_size(file.path()) - 1);
    }
    EXPECT_FALSE(FolderCache(dir.path(), "up.sql").find(oid('t')));
}

TEST(FolderCacheTest, ListingWithTheCacheIsTheListingWithout) {
    GitRepo repo;
    GitRepo cache_home(false);
    repo.write("migrations/2024-01-01-000001_users/up.sql", "CREATE TABLE users (id int);\n");
    repo.write("migrations/2024-01-01-000002_orders/up.sql", "CREATE TABLE orders (id int);\n");
    repo.write("migrations/2024-01-01-000003_notes/down.sql", "DROP TABLE notes;\n");
    repo.commit("folders");
    git_libgit2_init();
    const char* home = std::getenv("HOME");
    std::string saved_home = home != nullptr ? home : "";
    ASSERT_EQ(0, unsetenv("XDG_CACHE_HOME"));
    ASSERT_EQ(0, unsetenv("HOME"));  // no cache at all
    std::vector<std::string> uncached = listing(repo.path());
    ASSERT_EQ(2u, uncached.size());

    ASSERT_EQ(0, setenv("XDG_CACHE_HOME", cache_home.path().c_str(), 1));
    EXPECT_EQ(uncached, listing(repo.path()));  // fills the cache
    EXPECT_TRUE(fs::exists(cache_home.path() / "schemagate/lint/folders"));
    // From the cache: with a folder's tree object gone, only the cache can still list it.
    std::string tree = repo.git("rev-parse HEAD:migrations/2024-01-01-000001_users");
    fs::remove(repo.path() / ".git/objects" / tree.substr(0, 2) / tree.substr(2, 38));
    EXPECT_EQ(uncached, listing(repo.path()));
    ASSERT_EQ(0, unsetenv("XDG_CACHE_HOME"));
    EXPECT_ANY_THROW(listing(repo.path()));
    ASSERT_EQ(0, setenv("XDG_CACHE_HOME", cache_home.path().c_str(), 1));

    repo.write("migrations/2024-01-01-000002_orders/up.sql", "CREATE TABLE orders (id bigint);\n");
    repo.write("migrations/2024-01-01-000003_notes/up.sql", "CREATE TABLE notes (id int);\n");
    repo.commit("edit a folder, complete another");
    ASSERT_EQ(0, unsetenv("XDG_CACHE_HOME"));  // no cache again
    std::vector<std::string> edited = listing(repo.path());
    ASSERT_EQ(3u, edited.size());
    ASSERT_EQ(0, setenv("XDG_CACHE_HOME", cache_home.path().c_str(), 1));
    EXPECT_EQ(edited, listing(repo.path()));
    EXPECT_EQ(edited, listing(repo.path()));
    unsetenv("XDG_CACHE_HOME");
    if (!saved_home.empty()) { setenv("HOME", saved_home.c_str(), 1); }
    git_libgit2_shutdown();
}
