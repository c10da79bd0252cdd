// The four history rules on a working tree and on the index.
#include "core/checksum.hpp"
#include "core/error.hpp"
#include "history_fixture.hpp"

#include <unistd.h>

using history_test::check;
using history_test::HistoryTest;
using history_test::k_items;
using history_test::k_orders;
using history_test::k_users;
using history_test::summary;

TEST_F(HistoryTest, CleanBranchWithNewLastMigrationIsSilent) {
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.commit("add payments");
    history::HistoryResult result = check("migrations");
    EXPECT_EQ(std::vector<std::string>{}, summary(result.report));
    EXPECT_EQ("main", result.base_ref);
    EXPECT_EQ(40u, result.base_commit.size());
    EXPECT_TRUE(result.git);
    EXPECT_EQ("", result.note);
}

TEST_F(HistoryTest, EditOfAppliedFileReportsFirstChangedLine) {
    repo.write("migrations/0001_users.sql",
               "CREATE TABLE IF NOT EXISTS users (\n    id bigint PRIMARY KEY,\n    email text\n);\n");
    history::HistoryResult result = check("migrations");
    ASSERT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:3"}, summary(result.report));
    const core::Finding& f = result.report.findings[0];
    EXPECT_EQ(core::Severity::error, f.severity);
    EXPECT_EQ(14, f.end.column);  // "    email text"
    EXPECT_NE(std::string::npos, f.message.find("exists on main")) << f.message;
    EXPECT_NE(std::string::npos,
              f.help.find("git checkout " + result.base_commit.substr(0, 7) + " -- migrations/0001_users.sql"))
        << f.help;
    EXPECT_FALSE(result.report.passed());
}

TEST_F(HistoryTest, WhitespaceOnlyEditIsStillAModification) {
    repo.write("migrations/0002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (\n    id bigint PRIMARY KEY \n);\n");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0002_orders.sql:2"},
              summary(check("migrations").report));
}

TEST_F(HistoryTest, TruncatedFileReportsItsLastLine) {
    repo.write("migrations/0001_users.sql", "CREATE TABLE IF NOT EXISTS users (\n    id bigint PRIMARY KEY,\n");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:2"},
              summary(check("migrations").report));
}

TEST_F(HistoryTest, StagedEditIsReportedFromTheIndex) {
    repo.write("migrations/0003_items.sql", "CREATE TABLE IF NOT EXISTS items (\n    id integer PRIMARY KEY\n);\n");
    repo.git("add migrations/0003_items.sql");
    repo.write("migrations/0003_items.sql", k_items);  // the work tree is back to the applied bytes
    EXPECT_EQ(std::vector<std::string>{}, summary(check("migrations").report));
    history::HistoryResult staged = check("migrations", {.base = "", .staged = true, .rules = {}});
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0003_items.sql:2"}, summary(staged.report));
}

TEST_F(HistoryTest, UnstagedEditIsNotInTheStagedView) {
    repo.write("migrations/0003_items.sql", "-- edited but not staged\n");
    EXPECT_EQ(std::vector<std::string>{},
              summary(check("migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, StagedSetHoldsTheIndexBytes) {
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.git("add migrations/0004_payments.sql");
    repo.write("migrations/0004_payments.sql", "not what is committed");
    repo.write("migrations/0005_untracked.sql", "SELECT 1;\n");
    core::MigrationSet set = history::staged_set("migrations", {});
    ASSERT_EQ(4u, set.migrations.size());
    EXPECT_EQ("migrations/0004_payments.sql", set.migrations[3].file);
    EXPECT_EQ("0004", set.migrations[3].version);
    EXPECT_EQ("CREATE TABLE IF NOT EXISTS payments (id bigint);\n", set.migrations[3].text);
    EXPECT_EQ("default", set.naming.preset);
}

TEST_F(HistoryTest, StagedSetWithoutTextsUsesTheIndexAndReadsTheStagedBlob) {
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.git("add migrations/0004_payments.sql");
    repo.write("migrations/0004_payments.sql", "not what is committed");
    core::MigrationSet kept = history::staged_set("migrations", {});
    std::filesystem::path index_file = std::filesystem::temp_directory_path() /
                                       ("sg-staged-index-" + std::to_string(getpid()));
    for (int run = 0; run < 2; ++run) {  // the second run takes checksums from the index
        core::ChecksumIndex index(index_file, "test");
        core::DiscoverOptions options;
        options.keep_text = false;
        options.index = &index;
        core::MigrationSet lean = history::staged_set("migrations", options);
        index.save();
        ASSERT_EQ(kept.migrations.size(), lean.migrations.size());
        history::StagedReader reader("migrations");
        for (std::size_t i = 0; i < kept.migrations.size(); ++i) {
            EXPECT_EQ("", lean.migrations[i].text);
            EXPECT_EQ(kept.migrations[i].checksum, lean.migrations[i].checksum);
            EXPECT_EQ(kept.migrations[i].text, reader.read(lean.migrations[i]));
        }
        history::HistoryResult staged = history::check_history(lean, {.base = "", .staged = true, .rules = {}});
        EXPECT_EQ(std::vector<std::string>{}, summary(staged.report));
    }
    std::filesystem::remove(index_file);
}

TEST_F(HistoryTest, DeletionIsReported) {
    repo.remove("migrations/0002_orders.sql");
    ASSERT_EQ(std::vector<std::string>{"deleted-migration migrations/0002_orders.sql:1"},
              summary(check("migrations").report));
    repo.git("add -A");
    EXPECT_EQ(std::vector<std::string>{"deleted-migration migrations/0002_orders.sql:1"},
              summary(check("migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, RenameSaysWhereTo) {
    repo.git("mv migrations/0002_orders.sql migrations/0002_create_orders.sql");
    history::HistoryResult result = check("migrations");
    ASSERT_EQ(std::vector<std::string>{"deleted-migration migrations/0002_orders.sql:1"}, summary(result.report));
    EXPECT_NE(std::string::npos, result.report.findings[0].message.find("renamed to migrations/0002_create_orders.sql"))
        << result.report.findings[0].message;
}

TEST_F(HistoryTest, RenameToRetiredIsAWarning) {
    repo.git("mv migrations/0003_items.sql migrations/0003_items.sql.retired");
    history::HistoryResult result = check("migrations");
    ASSERT_EQ(std::vector<std::string>{"retired-migration migrations/0003_items.sql.retired:1"},
              summary(result.report));
    EXPECT_EQ(core::Severity::warning, result.report.findings[0].severity);
    EXPECT_NE(std::string::npos, result.report.findings[0].message.find("no database"))
        << result.report.findings[0].message;
    EXPECT_TRUE(result.report.passed());
    EXPECT_EQ(std::vector<std::string>{"retired-migration migrations/0003_items.sql.retired:1"},
              summary(check("migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, NewFileBelowNewestAppliedVersionIsOutOfOrder) {
    repo.write("migrations/0002_addresses.sql", "CREATE TABLE IF NOT EXISTS addresses (id bigint);\n");
    repo.write("migrations/0003_tags.sql", "CREATE TABLE IF NOT EXISTS tags (id bigint);\n");
    history::HistoryResult result = check("migrations");
    EXPECT_EQ((std::vector<std::string>{"out-of-order migrations/0002_addresses.sql:1",
                                        "out-of-order migrations/0003_tags.sql:1"}),
              summary(result.report));
    EXPECT_NE(std::string::npos, result.report.findings[0].message.find("sorts at or before 0003"));
}

TEST_F(HistoryTest, SeverityFromConfigAndOff) {
    repo.remove("migrations/0002_orders.sql");
    repo.write("migrations/0001_users.sql", "-- changed\n");
    history::HistoryOptions options;
    options.rules["immutable-migration"] = {"warning", 1, 1};
    options.rules["deleted-migration"] = {"off", 2, 1};
    history::HistoryResult result = check("migrations", options);
    ASSERT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:1"}, summary(result.report));
    EXPECT_EQ(core::Severity::warning, result.report.findings[0].severity);
}

TEST_F(HistoryTest, ExplicitFilesAreCheckedButAbsenceIsNotADeletion) {
    repo.write("migrations/0001_users.sql", "-- changed\n");
    core::MigrationSet set = core::discover({"migrations/0001_users.sql"}, {});
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:1"},
              summary(history::check_history(set, {}).report));
}

TEST_F(HistoryTest, ExplicitBaseIgnoresWhatTheBaseGainedAfterTheFork) {
    repo.git("checkout -q main");
    repo.write("migrations/0004_payments.sql", "CREATE TABLE IF NOT EXISTS payments (id bigint);\n");
    repo.commit("main moves on");
    repo.git("checkout -q feature");
    repo.write("migrations/0004_refunds.sql", "CREATE TABLE IF NOT EXISTS refunds (id bigint);\n");
    history::HistoryResult result = check("migrations", {.base = "main", .staged = false, .rules = {}});
    // 0004_payments is not in this branch: not a deletion; 0004_refunds collides with it.
    EXPECT_EQ(std::vector<std::string>{"out-of-order migrations/0004_refunds.sql:1"}, summary(result.report));
    // The default base is the merge-base: 0004_refunds is simply new there.
    EXPECT_EQ(std::vector<std::string>{}, summary(check("migrations").report));
}

TEST_F(HistoryTest, ExplicitBaseThatDoesNotExistIsAnError) {
    try {
        check("migrations", {.base = "origin/nope", .staged = false, .rules = {}});
        FAIL() << "expected core::Error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string::npos, std::string(e.what()).find("base ref 'origin/nope' does not exist")) << e.what();
    }
}

TEST_F(HistoryTest, PrismaFolderLayout) {
    repo.write("prisma/migrations/20230101000000_init/migration.sql", k_users);
    repo.write("prisma/migrations/20230102000000_orders/migration.sql", k_orders);
    repo.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    repo.commit("prisma");
    repo.git("branch -f main HEAD");
    repo.write("prisma/migrations/20230101000000_init/migration.sql", "-- edited\n");
    repo.write("prisma/migrations/20221231000000_early/migration.sql", "SELECT 1;\n");
    EXPECT_EQ((std::vector<std::string>{"out-of-order prisma/migrations/20221231000000_early/migration.sql:1",
                                        "immutable-migration prisma/migrations/20230101000000_init/migration.sql:1"}),
              summary(check("prisma/migrations").report));
    repo.git("add -A");
    EXPECT_EQ((std::vector<std::string>{"out-of-order prisma/migrations/20221231000000_early/migration.sql:1",
                                        "immutable-migration prisma/migrations/20230101000000_init/migration.sql:1"}),
              summary(check("prisma/migrations", {.base = "", .staged = true, .rules = {}}).report));
}

TEST_F(HistoryTest, GitIndexFileIsHonouredInStagedMode) {
    // git points hooks at a temporary index during `git commit -a`.
    repo.write("migrations/0001_users.sql", "-- edited\n");
    repo.git("add migrations/0001_users.sql");
    std::filesystem::copy_file(repo.path() / ".git/index", repo.path() / ".git/next-index");
    repo.git("reset -q migrations/0001_users.sql");
    history::HistoryOptions staged{.base = "", .staged = true, .rules = {}};
    EXPECT_EQ(std::vector<std::string>{}, summary(check("migrations", staged).report));
    setenv("GIT_INDEX_FILE", ".git/next-index", 1);
    history::HistoryResult result = check("migrations", staged);
    unsetenv("GIT_INDEX_FILE");
    EXPECT_EQ(std::vector<std::string>{"immutable-migration migrations/0001_users.sql:1"}, summary(result.report));
}
