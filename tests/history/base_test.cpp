// Base ref resolution: defaults, detached HEAD, worktrees, subdirectories, no commits,
// no repository, shallow clones.
#include "core/error.hpp"
#include "history_fixture.hpp"

namespace fs = std::filesystem;
using history_test::check;
using history_test::GitRepo;
using history_test::HistoryTest;
using history_test::summary;

namespace {

// Runs `body` and returns the core::Error it throws ("" when it does not).
template <class Body>
std::string error_of(Body body) {
    try {
        body();
    } catch (const core::Error& e) { return e.what(); }
    return "";
}

class CwdGuard {
public:
    explicit CwdGuard(const fs::path& dir) : m_saved(fs::current_path()) { fs::current_path(dir); }
    ~CwdGuard() { fs::current_path(m_saved); }

private:
    fs::path m_saved;
};

}  // namespace

TEST(HistoryBaseTest, NoCommitsYetMeansNothingIsApplied) {
    GitRepo repo;
    repo.write("migrations/0001_users.sql", history_test::k_users);
    repo.git("add -A");
    CwdGuard cwd(repo.path());
    history::HistoryResult result = check("migrations");
    EXPECT_EQ(std::vector<std::string>{}, summary(result.report));
    EXPECT_TRUE(result.git);
    EXPECT_EQ("", result.base_ref);
    EXPECT_NE(std::string::npos, result.note.find("no commits yet")) << result.note;
    EXPECT_EQ(std::vector<std::string>{},
              summary(check("migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST(HistoryBaseTest, OutsideGitThereAreNoFindingsAndANote) {
    GitRepo dir(false);
    dir.write("migrations/0001_users.sql", history_test::k_users);
    CwdGuard cwd(dir.path());
    history::HistoryResult result = check("migrations");
    EXPECT_FALSE(result.git);
    EXPECT_EQ(std::vector<std::string>{}, summary(result.report));
    EXPECT_NE(std::string::npos, result.note.find("not in a git work tree")) << result.note;
    EXPECT_NE("", error_of([] { history::staged_set("migrations", {}); }));
}

TEST(HistoryBaseTest, NoCandidateBaseRefIsANote) {
    GitRepo repo;
    repo.write("migrations/0001_users.sql", history_test::k_users);
    repo.commit("first");
    repo.git("branch -m trunk");
    repo.write("migrations/0001_users.sql", "-- edited\n");
    CwdGuard cwd(repo.path());
    history::HistoryResult result = check("migrations");
    EXPECT_EQ(std::vector<std::string>{}, summary(result.report));
    EXPECT_NE(std::string::npos, result.note.find("pass --base REF")) << result.note;
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:1"},
              summary(check("migrations", {.base = "trunk", .staged = false, .rules = {}}).report));
}

TEST_F(HistoryTest, WorksFromASubdirectory) {
    repo.write("src/app/main.c", "int main(void) { return 0; }\n");
    repo.write("migrations/0001_users.sql", "-- edited\n");
    CwdGuard cwd(repo.path() / "src/app");
    history::HistoryResult result = check("../../migrations");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration ../../migrations/0001_users.sql:1"},
              summary(result.report));
    EXPECT_EQ(std::vector<std::string>{"immutable-migration ../../migrations/0001_users.sql:1"},
              summary(check("../../migrations", {.base = "", .staged = false, .rules = {}}).report));
    repo.git("add -A");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration ../../migrations/0001_users.sql:1"},
              summary(check("../../migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, WorksWithADetachedHead) {
    repo.git("checkout -q --detach");
    repo.write("migrations/0002_orders.sql", "-- edited\n");
    history::HistoryResult result = check("migrations");
    EXPECT_EQ("main", result.base_ref);
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0002_orders.sql:1"}, summary(result.report));
}

TEST_F(HistoryTest, WorksInALinkedWorktree) {
    GitRepo elsewhere(false);
    fs::path worktree = elsewhere.path() / "wt";
    repo.git("worktree add -q -b other " + worktree.string());
    history_test::run(worktree, "printf -- '-- edited\\n' > migrations/0002_orders.sql && git add -A");
    CwdGuard cwd(worktree);
    history::HistoryResult result = check("migrations");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0002_orders.sql:1"}, summary(result.report));
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0002_orders.sql:1"},
              summary(check("migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, CloneUsesOriginHead) {
    repo.git("checkout -q main");  // the remote's HEAD: the clone's origin/HEAD
    GitRepo elsewhere(false);
    history_test::run(elsewhere.path(), "git clone -q -b main file://" + repo.path().string() + " clone");
    fs::path clone = elsewhere.path() / "clone";
    history_test::run(clone, "git checkout -q -b topic && printf 'SELECT 1;\\n' > migrations/0001_early.sql");
    CwdGuard cwd(clone);
    history::HistoryResult result = check("migrations");
    EXPECT_EQ("origin/main", result.base_ref);  // origin/HEAD, named as the branch it points at
    EXPECT_EQ(std::vector<std::string>{"out-of-order migrations/0001_early.sql:1"}, summary(result.report));
}

TEST_F(HistoryTest, ShallowCloneWithoutTheBaseIsAnErrorThatSaysWhatToFetch) {
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.commit("payments");
    repo.write("app.txt", "more\n");
    repo.commit("more work");
    GitRepo elsewhere(false);
    history_test::run(elsewhere.path(),
                      "git clone -q --depth 1 --branch feature file://" + repo.path().string() + " clone");
    fs::path clone = elsewhere.path() / "clone";
    CwdGuard cwd(clone);
    std::string error = error_of([] { check("migrations"); });
    EXPECT_NE(std::string::npos, error.find("shallow clone")) << error;
    EXPECT_NE(std::string::npos, error.find("fetch-depth: 0")) << error;
    EXPECT_NE(std::string::npos, error.find("git fetch origin main --depth=1")) << error;
    EXPECT_NE("", error_of([] { check("migrations", {.base = "", .staged = true, .rules = {}}); }));
    EXPECT_NE("", error_of([] { history::history_audit("migrations", {}); }));

    // Fetching the base branch's tip is enough for an explicit base.
    history_test::run(clone, "git fetch -q origin main:refs/remotes/origin/main --depth=1");
    history::HistoryResult result = check("migrations", {.base = "origin/main", .staged = false, .rules = {}});
    EXPECT_EQ(std::vector<std::string>{}, summary(result.report));
    history_test::run(clone, "printf -- '-- edited\\n' > migrations/0002_orders.sql");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0002_orders.sql:1"},
              summary(check("migrations", {.base = "origin/main", .staged = false, .rules = {}}).report));
    // The default (a merge-base) still needs the history, and says so.
    error = error_of([] { check("migrations"); });
    EXPECT_NE(std::string::npos, error.find("git fetch --unshallow")) << error;
}

TEST_F(HistoryTest, ShallowPullRequestMergeCheckoutWorksOnceTheBaseTipIsFetched) {
    // actions/checkout on a pull request: a depth-1 fetch of the merge ref, detached.
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.write("migrations/0001_users.sql", "-- edited\n");
    repo.commit("feature work");
    repo.git("checkout -q --detach main");
    repo.git("merge -q --no-ff -m 'Merge feature into main' feature");
    repo.git("update-ref refs/pull/1/merge HEAD");
    repo.git("checkout -q main");
    GitRepo ci(false);
    history_test::run(ci.path(), "git init -q . && git remote add origin file://" + repo.path().string() +
                                     " && git fetch -q --depth=1 origin +refs/pull/1/merge:refs/remotes/pull/1/merge" +
                                     " && git checkout -q --detach pull/1/merge");
    CwdGuard cwd(ci.path());
    std::string error = error_of([] { check("migrations"); });
    EXPECT_NE(std::string::npos, error.find("fetch-depth: 0")) << error;
    history_test::run(ci.path(), "git fetch -q --depth=1 origin main");
    history::HistoryResult result = check("migrations");
    EXPECT_EQ("origin/main", result.base_ref);
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:1"}, summary(result.report));
}
