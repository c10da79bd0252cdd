// diff_schemas on snapshots built by hand: no server.
#include "gate/production.hpp"

#include "sample_snapshot.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

runner::Column column(std::string name, std::string type, bool nullable = true) {
    runner::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    return c;
}

// public.users (id bigint NOT NULL, email text) with index users_email_idx.
runner::SchemaSnapshot users_schema() {
    runner::Table users;
    users.schema = "public";
    users.name = "users";
    users.kind = "table";
    users.columns = {column("id", "bigint", false), column("email", "text")};
    runner::Index index;
    index.name = "users_email_idx";
    index.columns = {"email"};
    index.definition = "CREATE INDEX users_email_idx ON public.users USING btree (email)";
    users.indexes = {index};
    runner::SchemaSnapshot s;
    s.schemas = {"public"};
    s.tables = {users};
    return s;
}

runner::Table& users_of(runner::SchemaSnapshot& s) { return s.tables.front(); }

std::vector<std::string> messages(const std::vector<gate::SchemaDifference>& differences) {
    std::vector<std::string> out;
    for (const gate::SchemaDifference& d : differences) { out.push_back(d.object + ": " + d.message); }
    return out;
}

using Lines = std::vector<std::string>;

std::vector<std::string> diff(const runner::SchemaSnapshot& expected, const runner::SchemaSnapshot& actual) {
    return messages(gate::diff_schemas(expected, actual, "the migrations", "production"));
}

TEST(DiffSchemas, SameSchemaHasNoDifference) {
    EXPECT_EQ(diff(users_schema(), users_schema()), Lines{});
    EXPECT_EQ(diff(gate_test::sample_snapshot(), gate_test::sample_snapshot()), Lines{});
}

TEST(DiffSchemas, ColumnAddedOnTheActualSide) {
    runner::SchemaSnapshot actual = users_schema();
    runner::Column nickname = column("nickname", "text", false);
    nickname.default_expr = "''::text";
    users_of(actual).columns.push_back(nickname);
    EXPECT_EQ(diff(users_schema(), actual),
              Lines{"column public.users.nickname: column public.users.nickname is in production but not in the "
                    "migrations (text NOT NULL DEFAULT ''::text)"});
}

TEST(DiffSchemas, ColumnMissingOnTheActualSide) {
    runner::SchemaSnapshot actual = users_schema();
    users_of(actual).columns.pop_back();
    EXPECT_EQ(diff(users_schema(), actual), Lines{"column public.users.email: column public.users.email is in the "
                                                  "migrations but missing in production"});
}

TEST(DiffSchemas, ColumnTypeChanged) {
    runner::SchemaSnapshot actual = users_schema();
    users_of(actual).columns.back().type = "character varying(255)";
    EXPECT_EQ(diff(users_schema(), actual),
              Lines{"column public.users.email: column public.users.email differs: production has character "
                    "varying(255), the migrations text"});
}

TEST(DiffSchemas, IndexMissingAndInvalid) {
    runner::SchemaSnapshot missing = users_schema();
    users_of(missing).indexes.clear();
    EXPECT_EQ(diff(users_schema(), missing), Lines{"index public.users_email_idx: index public.users_email_idx is in "
                                                   "the migrations but missing in production"});
    runner::SchemaSnapshot invalid = users_schema();
    users_of(invalid).indexes.front().valid = false;
    EXPECT_EQ(diff(users_schema(), invalid),
              Lines{"index public.users_email_idx: index public.users_email_idx differs: production has CREATE INDEX "
                    "users_email_idx ON public.users USING btree (email) (invalid), the migrations CREATE INDEX "
                    "users_email_idx ON public.users USING btree (email)"});
}

TEST(DiffSchemas, MissingTableFoldsItsColumnsAndIndexes) {
    runner::SchemaSnapshot empty;
    empty.schemas = {"public"};
    EXPECT_EQ(diff(users_schema(), empty),
              Lines{"table public.users: table public.users is in the migrations but missing in production"});
    EXPECT_EQ(diff(empty, users_schema()),
              Lines{"table public.users: table public.users is in production but not in the migrations (table)"});
}

TEST(DiffSchemas, MessagesNameTheSidesGiven) {
    runner::SchemaSnapshot other = users_schema();
    users_of(other).columns.back().nullable = false;
    users_of(other).rls_enabled = true;
    EXPECT_EQ(messages(gate::diff_schemas(other, users_schema(), "--compare-url", "--database-url")),
              (Lines{"column public.users.email: column public.users.email differs: --database-url has text, "
                     "--compare-url text NOT NULL",
                     "row level security on table public.users: row level security on table public.users differs: "
                     "--database-url has disabled, --compare-url enabled"}));
}

TEST(DiffSchemas, ObjectsOutsideTables) {
    runner::SchemaSnapshot expected = users_schema();
    expected.enums["public.mood"] = {"sad", "happy"};
    expected.extensions["pgcrypto"] = "1.3";
    expected.schemas.push_back("audit");
    runner::SchemaSnapshot actual = users_schema();
    actual.enums["public.mood"] = {"sad", "ok", "happy"};
    actual.extensions["pgcrypto"] = "1.3";
    actual.sequences = {"public.orders_id_seq"};
    EXPECT_EQ(diff(expected, actual),
              (Lines{"enum type public.mood: enum type public.mood differs: production has (sad, ok, happy), the "
                     "migrations (sad, happy)",
                     "schema audit: schema audit is in the migrations but missing in production",
                     "sequence public.orders_id_seq: sequence public.orders_id_seq is in production but not in the "
                     "migrations"}));
}

}  // namespace
