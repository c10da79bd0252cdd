#include "core/error.hpp"
#include "core/migration.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {

using test_support::TempDir;

std::vector<std::string> ids(const core::MigrationSet& set) {
    std::vector<std::string> out;
    for (const auto& m : set.migrations) { out.push_back(m.id); }
    return out;
}

}  // namespace

TEST(DiscoverTest, FlatLayoutSortsByNumericVersion) {
    TempDir dir;
    dir.write("0010_ten.sql", "SELECT 10;");
    dir.write("0002_two.sql", "SELECT 2;");
    dir.write("0001_one.sql", "SELECT 1;");
    dir.write("notes.txt", "not a migration");
    dir.write("0003_old.sql.retired", "SELECT 3;");
    core::MigrationSet set = core::discover({dir.path()}, {});
    EXPECT_EQ((std::vector<std::string>{"0001_one.sql", "0002_two.sql", "0010_ten.sql"}), ids(set));
    EXPECT_EQ("default", set.naming.preset);
    EXPECT_EQ("0010", set.migrations[2].version);
    EXPECT_EQ("ten", set.migrations[2].name);
    EXPECT_EQ(1u, set.retired.size());
    EXPECT_EQ("sha256:", set.migrations[0].checksum.substr(0, 7));
}

TEST(DiscoverTest, PrismaFolderLayoutIsDetected) {
    TempDir dir;
    dir.write("20230404095503_initial/migration.sql", "CREATE TABLE a (id int);");
    dir.write("20230411134605_second/migration.sql", "CREATE TABLE b (id int);");
    dir.write("migration_lock.toml", "provider = \"postgresql\"");
    core::MigrationSet set = core::discover({dir.path()}, {});
    EXPECT_EQ("prisma", set.naming.preset);
    ASSERT_EQ(2u, set.migrations.size());
    EXPECT_EQ("20230404095503_initial", set.migrations[0].id);
    EXPECT_EQ("20230404095503", set.migrations[0].version);
    EXPECT_EQ("migration.sql", set.migrations[0].path.filename());
    EXPECT_TRUE(set.migrations[0].naming_ok);
}

TEST(DiscoverTest, DieselFolderLayoutUsesUpSql) {
    TempDir dir;
    dir.write("2023-01-02-000000_users/up.sql", "SELECT 1;");
    dir.write("2023-01-02-000000_users/down.sql", "SELECT 2;");
    core::MigrationSet set = core::discover({dir.path()}, {});
    EXPECT_EQ("diesel", set.naming.preset);
    ASSERT_EQ(1u, set.migrations.size());
    EXPECT_EQ("up.sql", set.migrations[0].path.filename());
}

TEST(DiscoverTest, GolangMigrateIgnoresDownFiles) {
    TempDir dir;
    dir.write("0002_b.up.sql", "SELECT 2;");
    dir.write("0002_b.down.sql", "SELECT -2;");
    dir.write("0001_a.up.sql", "SELECT 1;");
    dir.write("SETUP.sql", "CREATE TABLE schema_migrations (version bigint);");
    core::MigrationSet set = core::discover({dir.path()}, {});
    EXPECT_EQ("golang-migrate", set.naming.preset);
    EXPECT_EQ((std::vector<std::string>{"0001_a.up.sql", "0002_b.up.sql"}), ids(set));
}

TEST(DiscoverTest, FlywayVersionsCompareComponentWise) {
    TempDir dir;
    dir.write("V1_10__later.sql", "SELECT 1;");
    dir.write("V1_2__earlier.sql", "SELECT 1;");
    core::MigrationSet set = core::discover({dir.path()}, {});
    EXPECT_EQ("flyway", set.naming.preset);
    EXPECT_EQ((std::vector<std::string>{"V1_2__earlier.sql", "V1_10__later.sql"}), ids(set));
    EXPECT_EQ("1.2", set.migrations[0].version);
}

TEST(DiscoverTest, OrderFileDefinesTheOrder) {
    TempDir dir;
    dir.write("b/second.sql", "SELECT 2;");
    dir.write("a/first.sql", "SELECT 1;");
    dir.write("ORDER.txt", "# comment\nb/second.sql\n\na/first.sql  # trailing\n");
    core::MigrationSet set = core::discover({dir.path()}, {"", dir.path() / "ORDER.txt"});
    EXPECT_EQ((std::vector<std::string>{"b/second.sql", "a/first.sql"}), ids(set));
}

TEST(DiscoverTest, NamingViolationIsRecordedNotFatal) {
    TempDir dir;
    dir.write("0001_ok.sql", "SELECT 1;");
    dir.write("2_Bad-Name.sql", "SELECT 2;");
    core::MigrationSet set = core::discover({dir.path()}, {"default", ""});
    ASSERT_EQ(2u, set.migrations.size());
    EXPECT_EQ("0001_ok.sql", set.migrations[0].id);
    EXPECT_TRUE(set.migrations[0].naming_ok);
    EXPECT_EQ("2_Bad-Name.sql", set.migrations[1].id);
    EXPECT_FALSE(set.migrations[1].naming_ok);
}

TEST(DiscoverTest, MissingPathIsAToolError) {
    EXPECT_THROW(core::discover({"/nonexistent/schemagate"}, {}), core::Error);
}

TEST(CompareVersionsTest, ComparesNumerically) {
    EXPECT_LT(core::compare_versions("2", "10"), 0);
    EXPECT_EQ(0, core::compare_versions("0002", "2"));
    EXPECT_LT(core::compare_versions("1.2", "1.10"), 0);
    EXPECT_GT(core::compare_versions("20230101000000", "0003"), 0);
    EXPECT_EQ(0, core::compare_versions("1.0.2", "1.00.02"));  // runs of zeros are zero
    EXPECT_LT(core::compare_versions("1.0", "1.0.1"), 0);
    EXPECT_LT(core::compare_versions("2017-08-31-230457", "2017-09-01-000000"), 0);
}

TEST(SortMigrationsTest, SortsByVersionThenIdKeepingEqualOnesInOrder) {
    auto migration = [](std::string version, std::string id, std::string file) {
        core::Migration m;
        m.version = std::move(version);
        m.id = std::move(id);
        m.file = std::move(file);
        return m;
    };
    std::vector<core::Migration> migrations = {migration("10", "b", "first"), migration("2", "x", "two"),
                                               migration("10", "a", "ten-a"), migration("10", "b", "second")};
    core::sort_migrations(migrations);
    std::vector<std::string> files;
    for (const core::Migration& m : migrations) { files.push_back(m.file); }
    EXPECT_EQ((std::vector<std::string>{"two", "ten-a", "first", "second"}), files);

    // Several cycles of the permutation: 7 6 5 4 3 2 1 and 2 1 4 3 ...
    for (std::vector<int> versions : {std::vector<int>{7, 6, 5, 4, 3, 2, 1}, std::vector<int>{2, 1, 4, 3, 6, 5, 7}}) {
        std::vector<core::Migration> set;
        for (int v : versions) { set.push_back(migration(std::to_string(v), "m", "file" + std::to_string(v))); }
        core::sort_migrations(set);
        for (std::size_t i = 0; i < set.size(); ++i) { EXPECT_EQ("file" + std::to_string(i + 1), set[i].file); }
    }
}

TEST(DirectivesTest, ReadsTheLeadingCommentBlockOnly) {
    core::Directives d = core::parse_directives(
        "-- Add invoices\n-- DEPENDS: 0001_core.sql\n\n-- schemagate:no-transaction\n"
        "CREATE INDEX CONCURRENTLY x ON t (a);\n-- DEPENDS: 0002_late.sql\n");
    ASSERT_EQ(1u, d.depends.size());
    EXPECT_EQ(2, d.depends[0].line);
    EXPECT_EQ("0001_core.sql", d.depends[0].value);
    EXPECT_TRUE(d.no_transaction);
    EXPECT_EQ(4, d.no_transaction_line);
}

TEST(DirectivesTest, DependsWithoutColonIsKeptAsMalformed) {
    core::Directives d = core::parse_directives(
        "-- DEPENDS 0001_core.sql\n-- depends on nothing in particular\nSELECT 1;");
    ASSERT_EQ(1u, d.depends.size());
    EXPECT_FALSE(d.depends[0].has_colon);
}

namespace {

TEST(DiscoverTest, SetupFilesAreNoMigrationsAndNoTransactionFilesAreMarked) {
    TempDir dir;
    dir.write("0000_setup.sql", "CREATE ROLE app;");
    dir.write("0001_a.sql", "SELECT 1;");
    dir.write("0002_index.sql", "CREATE INDEX CONCURRENTLY i ON t (c);");
    core::DiscoverOptions options;
    options.setup = {dir.path() / "0000_setup.sql"};
    options.no_transaction = {dir.path() / "0002_index.sql"};
    core::MigrationSet set = core::discover({dir.path()}, options);
    ASSERT_EQ(2u, set.migrations.size());
    EXPECT_EQ("0001", set.migrations[0].version);
    EXPECT_FALSE(set.migrations[0].directives.no_transaction);
    EXPECT_EQ("0002", set.migrations[1].version);
    EXPECT_TRUE(set.migrations[1].directives.no_transaction);
}

}  // namespace
