#include "core/down_part.hpp"
#include "core/migration.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {

using test_support::TempDir;

std::string file_name(const core::DownPart& down) { return down.path.filename().string(); }

std::string blank(std::string text) {
    for (char& c : text) {
        if (c != '\n') { c = ' '; }
    }
    return text;
}

}  // namespace

TEST(DownPartTest, DieselDownSqlBesideUpSqlIsExpected) {
    TempDir dir;
    dir.write("2024-01-01-000000_users/up.sql", "CREATE TABLE users (id int);\n");
    dir.write("2024-01-01-000000_users/down.sql", "DROP TABLE users;\n");
    dir.write("2024-01-02-000000_posts/up.sql", "CREATE TABLE posts (id int);\n");
    core::MigrationSet set = core::discover({dir.path()}, {});
    ASSERT_EQ(2u, set.migrations.size());
    ASSERT_TRUE(set.migrations[0].down);
    EXPECT_EQ("down.sql", file_name(*set.migrations[0].down));
    EXPECT_EQ("DROP TABLE users;\n", set.migrations[0].down->text);
    EXPECT_FALSE(set.migrations[0].down->empty);
    EXPECT_TRUE(set.migrations[0].down_expected);
    EXPECT_FALSE(set.migrations[1].down);
    EXPECT_TRUE(set.migrations[1].down_expected);
}

TEST(DownPartTest, GolangMigrateDownFileIsPairedAndNeverAMigration) {
    TempDir dir;
    dir.write("0001_users.up.sql", "CREATE TABLE users (id int);\n");
    dir.write("0001_users.down.sql", "-- generated\n");
    core::MigrationSet set = core::discover({dir.path()}, {});
    ASSERT_EQ(1u, set.migrations.size());
    ASSERT_TRUE(set.migrations[0].down);
    EXPECT_EQ("0001_users.down.sql", file_name(*set.migrations[0].down));
    EXPECT_TRUE(set.migrations[0].down->empty);  // comments only
}

TEST(DownPartTest, DbmateSectionsSplitOneFileKeepingLines) {
    TempDir dir;
    std::string up = "-- migrate:up\nCREATE TABLE users (id int);\n\n";
    std::string down = "-- migrate:down\nDROP TABLE users;\n";
    dir.write("20240101000000_users.sql", up + down);
    core::MigrationSet set = core::discover({dir.path()}, {});
    ASSERT_EQ(1u, set.migrations.size());
    const core::Migration& m = set.migrations[0];
    ASSERT_TRUE(m.down);
    EXPECT_EQ(m.path, m.down->path);
    EXPECT_TRUE(m.down_expected);
    EXPECT_EQ(blank(up) + down, m.down->text);
    EXPECT_EQ(up + blank(down), core::up_text(m));
    EXPECT_EQ(up + down, m.text);  // the checksum is the file's
}

TEST(DownPartTest, DbmateFileWithAnEmptyDownSection) {
    TempDir dir;
    dir.write("20240101000000_users.sql", "--migrate:up\nCREATE TABLE users (id int);\n--  migrate:down\n\n");
    core::MigrationSet set = core::discover({dir.path()}, {});
    ASSERT_EQ(1u, set.migrations.size());
    ASSERT_TRUE(set.migrations[0].down);
    EXPECT_TRUE(set.migrations[0].down->empty);
}

TEST(DownPartTest, FlywayUndoFileIsPairedByVersionAndNeverAMigration) {
    TempDir dir;
    dir.write("V1_1__users.sql", "CREATE TABLE users (id int);\n");
    dir.write("U1_1__users.sql", "DROP TABLE users;\n");
    dir.write("V2__posts.sql", "CREATE TABLE posts (id int);\n");
    core::DiscoverOptions options;
    options.naming = "flyway";
    core::MigrationSet set = core::discover({dir.path()}, options);
    ASSERT_EQ(2u, set.migrations.size());
    ASSERT_TRUE(set.migrations[0].down);
    EXPECT_EQ("U1_1__users.sql", file_name(*set.migrations[0].down));
    EXPECT_FALSE(set.migrations[0].down_expected);  // undo is optional in Flyway
    EXPECT_FALSE(set.migrations[1].down);
}

TEST(DownPartTest, ConfiguredPatternNamesDownFilesAndTakesThemOutOfTheSet) {
    TempDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n");
    dir.write("0001_users_rollback.sql", "DROP TABLE users;\n");
    dir.write("0002_posts.sql", "CREATE TABLE posts (id int);\n");
    core::DiscoverOptions options;
    options.down_pattern = "{version}_{name}_rollback.sql";
    core::MigrationSet set = core::discover({dir.path()}, options);
    ASSERT_EQ(2u, set.migrations.size());
    EXPECT_EQ("0001_users.sql", set.migrations[0].id);
    ASSERT_TRUE(set.migrations[0].down);
    EXPECT_EQ("0001_users_rollback.sql", file_name(*set.migrations[0].down));
    EXPECT_EQ("0002_posts.sql", set.migrations[1].id);
    EXPECT_FALSE(set.migrations[1].down);
    EXPECT_TRUE(set.migrations[1].down_expected);
}

// Without a `-- migrate:up` marker a file is no dbmate file: applied whole.
TEST(DownPartTest, PlainFlatFilesHaveNoDownPart) {
    TempDir dir;
    dir.write("0001_users.sql", "CREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
    core::MigrationSet set = core::discover({dir.path()}, {});
    ASSERT_EQ(1u, set.migrations.size());
    EXPECT_FALSE(set.migrations[0].down);
    EXPECT_FALSE(set.migrations[0].down_expected);
}

TEST(DownPartTest, HasStatementSkipsCommentsAndBlanks) {
    EXPECT_FALSE(core::has_statement(""));
    EXPECT_FALSE(core::has_statement("-- This file should undo anything in `up.sql`\n\n"));
    EXPECT_FALSE(core::has_statement("/* a /* nested */ comment */ ;\n"));
    EXPECT_TRUE(core::has_statement("-- x\nDROP TABLE t;"));
}
