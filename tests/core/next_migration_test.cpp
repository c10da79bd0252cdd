#include "core/error.hpp"
#include "core/next_migration.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>
#include <sstream>

namespace fs = std::filesystem;

namespace {

// 2024-05-01 12:00:00 UTC.
const std::chrono::system_clock::time_point k_now = std::chrono::system_clock::from_time_t(1714564800);

core::MigrationSet set_of(const std::string& preset, const std::vector<std::string>& ids,
                          const std::vector<std::string>& retired = {}) {
    core::MigrationSet set;
    set.root = "db";
    set.naming = core::make_naming(preset);
    for (const std::string& id : ids) {
        set.migrations.push_back(core::make_migration("db/" + id, id, "", set.naming));
    }
    set.retired = retired;
    core::sort_migrations(set.migrations);
    return set;
}

std::vector<std::string> files_of(const core::NextMigration& next) {
    std::vector<std::string> out;
    for (const core::NewFile& file : next.files) { out.push_back(file.relative.generic_string()); }
    return out;
}

}  // namespace

TEST(MigrationSlugTest, LowercasesAndJoinsWordsWithOneUnderscore) {
    EXPECT_EQ("add_users_table", core::migration_slug("Add users  table!"));
    EXPECT_EQ("v2_index", core::migration_slug("--v2 / index--"));
    EXPECT_THROW(core::migration_slug(" -- "), core::Error);
}

TEST(NextMigrationTest, DefaultNamingTakesTheNextNumberAtTheSameWidth) {
    core::NextMigration next = core::next_migration(set_of("default", {"0001_a.sql", "0009_b.sql", "0002_c.sql"}),
                                                    "Add users", k_now);
    EXPECT_EQ("0010", next.version);
    EXPECT_EQ(std::vector<std::string>{"0010_add_users.sql"}, files_of(next));
}

TEST(NextMigrationTest, EmptyDefaultSetStartsAtOne) {
    EXPECT_EQ(std::vector<std::string>{"0001_init.sql"},
              files_of(core::next_migration(set_of("default", {}), "init", k_now)));
}

TEST(NextMigrationTest, RetiredVersionsAreNeverReused) {
    core::NextMigration next = core::next_migration(set_of("default", {"0001_a.sql"}, {"db/0002_gone.sql.retired"}),
                                                    "b", k_now);
    EXPECT_EQ("0003_b.sql", next.id);
}

TEST(NextMigrationTest, FilesOutsideTheNamingCountOnlyWithANumericVersion) {
    EXPECT_EQ("0006_x.sql", core::next_migration(set_of("default", {"0001_a.sql", "0005_Bad.sql"}), "x", k_now).id);
    EXPECT_EQ("0002_x.sql",
              core::next_migration(set_of("default", {"0001_a.sql", "collate.win1253.sql"}), "x", k_now).id);
}

TEST(NextMigrationTest, DefaultNamingPastItsFourDigitsIsAnError) {
    EXPECT_THROW(core::next_migration(set_of("default", {"9999_last.sql"}), "more", k_now), core::Error);
}

TEST(NextMigrationTest, TimestampSetTakesNowOrOneSecondAfterTheNewest) {
    EXPECT_EQ("20240501120000_x.sql",
              core::next_migration(set_of("timestamp", {"20230101000000_a.sql"}), "x", k_now).id);
    // A clock behind the newest migration (another branch, a skewed laptop) still sorts after it.
    EXPECT_EQ("20240501120000_x.sql",
              core::next_migration(set_of("timestamp", {"20240501115959_a.sql"}), "x", k_now).id);
    EXPECT_EQ("20240601000000_x.sql",
              core::next_migration(set_of("timestamp", {"20240531235959_a.sql"}), "x", k_now).id);
}

TEST(NextMigrationTest, FlywayIncrementsTheLastComponentWithItsSeparator) {
    EXPECT_EQ("V12__add_users.sql",
              core::next_migration(set_of("flyway", {"V2__a.sql", "V11__b.sql"}), "add users", k_now).id);
    EXPECT_EQ("V1_3__x.sql", core::next_migration(set_of("flyway", {"V1_1__a.sql", "V1_2__b.sql"}), "x", k_now).id);
    EXPECT_EQ("V1__init.sql", core::next_migration(set_of("flyway", {}), "init", k_now).id);
}

TEST(NextMigrationTest, GolangMigrateWritesUpAndDownInTheSetsVersionStyle) {
    core::NextMigration sequence = core::next_migration(
        set_of("golang-migrate", {"000001_a.up.sql", "000002_b.up.sql"}), "c", k_now);
    EXPECT_EQ((std::vector<std::string>{"000003_c.up.sql", "000003_c.down.sql"}), files_of(sequence));
    core::NextMigration unix_time = core::next_migration(set_of("golang-migrate", {"1700000000_a.up.sql"}), "c", k_now);
    EXPECT_EQ("1714564800_c.up.sql", unix_time.id);
    core::NextMigration stamped = core::next_migration(set_of("golang-migrate", {"20230101000000_a.up.sql"}), "c",
                                                       k_now);
    EXPECT_EQ("20240501120000_c.up.sql", stamped.id);
}

TEST(NextMigrationTest, DieselFolderWithUpAndDownInItsDashedStyle) {
    core::NextMigration next = core::next_migration(
        set_of("diesel", {"00000000000000_diesel_initial_setup", "2017-08-20-180453_create_posts"}), "add tags", k_now);
    EXPECT_EQ("2024-05-01-120000_add_tags", next.id);
    EXPECT_EQ((std::vector<std::string>{"2024-05-01-120000_add_tags/up.sql", "2024-05-01-120000_add_tags/down.sql"}),
              files_of(next));
    EXPECT_EQ("20240501120000_x", core::next_migration(set_of("diesel", {"20170820180453_a"}), "x", k_now).id);
}

TEST(NextMigrationTest, PrismaFolderWithMigrationSql) {
    core::NextMigration next = core::next_migration(set_of("prisma", {"20230101000000_init"}), "x", k_now);
    EXPECT_EQ(std::vector<std::string>{"20240501120000_x/migration.sql"}, files_of(next));
}

TEST(NextMigrationTest, CustomNamingMustMatchTheResult) {
    EXPECT_EQ("003_c.sql",
              core::next_migration(set_of(R"(^\d{3}_\w+\.sql$)", {"001_a.sql", "002_b.sql"}), "c", k_now).id);
    EXPECT_THROW(core::next_migration(set_of(R"(^m\d+\.sql$)", {}), "c", k_now), core::Error);
}

TEST(CreateMigrationTest, WritesTheFilesAndNeverOverwrites) {
    fs::path root = fs::temp_directory_path() / ("sg-new-" + std::to_string(::getpid()));
    fs::remove_all(root);
    core::NextMigration next = core::next_migration(set_of("golang-migrate", {"000001_a.up.sql"}), "b", k_now);
    std::vector<fs::path> made = core::create_migration(root, next);
    ASSERT_EQ(2u, made.size());
    EXPECT_TRUE(fs::is_regular_file(root / "000002_b.up.sql"));
    EXPECT_TRUE(fs::is_regular_file(root / "000002_b.down.sql"));
    std::ofstream(root / "000002_b.up.sql") << "SELECT 1;\n";
    EXPECT_THROW(core::create_migration(root, next), core::Error);
    std::ifstream in(root / "000002_b.up.sql");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ("SELECT 1;\n", text.str());
    fs::remove_all(root);
}
