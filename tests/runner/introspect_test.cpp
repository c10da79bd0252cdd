#include "migration_dir.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"
#include "runner/introspect.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace {

runner::SchemaSnapshot snapshot_after(const std::string& sql) {
    runner_test::MigrationDir dir;
    dir.write("0001_schema.sql", sql);
    std::string db = runner_test::fresh_database();
    pqxx::connection cx(db);
    core::Report report = runner::apply(cx, dir.discover(), {});
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].message;
    pqxx::nontransaction tx(cx);
    return runner::introspect(tx);
}

const char* const k_schema = R"SQL(
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TYPE role AS ENUM ('owner', 'member', 'guest');
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email email NOT NULL UNIQUE,
  role role NOT NULL DEFAULT 'member',
  name varchar(80)
);
CREATE TABLE posts (
  id serial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  slug text GENERATED ALWAYS AS (lower(title)) STORED
);
CREATE INDEX posts_user_id_idx ON posts (user_id);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY posts_owner ON posts FOR SELECT USING (user_id = 1);
CREATE VIEW post_titles AS SELECT id, title FROM posts;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
)SQL";

}  // namespace

TEST(IntrospectTest, ReadsTablesConstraintsIndexesRlsAndTypes) {
    runner::SchemaSnapshot s = snapshot_after(k_schema);
    ASSERT_EQ(2u, s.tables.size());
    EXPECT_EQ("posts", s.tables[0].name);  // sorted
    EXPECT_EQ(nullptr, s.find_table("schemagate_history"));
    const runner::Table* users = s.find_table("public.users");
    ASSERT_NE(nullptr, users);
    ASSERT_EQ(4u, users->columns.size());
    EXPECT_EQ("id", users->columns[0].name);
    EXPECT_EQ("bigint", users->columns[0].type);
    EXPECT_EQ("always", users->columns[0].identity);
    EXPECT_FALSE(users->columns[1].nullable);
    EXPECT_EQ("'member'::role", users->columns[2].default_expr);
    EXPECT_EQ("character varying(80)", users->columns[3].type);
    EXPECT_FALSE(users->rls_enabled);

    const runner::Table* posts = s.find_table("posts");
    ASSERT_NE(nullptr, posts);
    EXPECT_TRUE(posts->rls_enabled);
    EXPECT_EQ("lower(title)", posts->columns[3].generated);
    ASSERT_EQ(2u, posts->constraints.size());
    EXPECT_EQ("posts_pkey", posts->constraints[0].name);
    EXPECT_EQ("primary key", posts->constraints[0].type);
    EXPECT_EQ("foreign key", posts->constraints[1].type);
    EXPECT_EQ("public.users", posts->constraints[1].ref_table);
    EXPECT_EQ(std::vector<std::string>{"user_id"}, posts->constraints[1].columns);
    EXPECT_EQ(std::vector<std::string>{"id"}, posts->constraints[1].ref_columns);
    ASSERT_EQ(2u, posts->indexes.size());
    EXPECT_EQ("posts_pkey", posts->indexes[0].name);
    EXPECT_TRUE(posts->indexes[0].unique);
    EXPECT_EQ("posts_user_id_idx", posts->indexes[1].name);
    EXPECT_EQ(std::vector<std::string>{"user_id"}, posts->indexes[1].columns);
    ASSERT_EQ(1u, posts->policies.size());
    EXPECT_EQ("SELECT", posts->policies[0].command);
    EXPECT_EQ("USING ((user_id = 1))", posts->policies[0].definition);
    ASSERT_EQ(1u, posts->triggers.size());

    EXPECT_EQ((std::vector<std::string>{"owner", "member", "guest"}), s.enums.at("public.role"));
    EXPECT_EQ(1u, s.domains.count("public.email"));
    EXPECT_EQ(1u, s.views.count("public.post_titles"));
    EXPECT_EQ(1u, s.extensions.count("pgcrypto"));
    ASSERT_EQ(1u, s.routines.size());  // pgcrypto's functions belong to the extension
    EXPECT_EQ("touch", s.routines[0].name);
    EXPECT_EQ("plpgsql", s.routines[0].language);
    EXPECT_EQ(std::vector<std::string>{"public.posts_id_seq"},
              s.sequences.size() == 2 ? std::vector<std::string>{s.sequences[0]} : s.sequences);
}

TEST(IntrospectTest, JsonRoundTripIsLossless) {
    runner::SchemaSnapshot s = snapshot_after(k_schema);
    nlohmann::json json = s.to_json();
    EXPECT_EQ(json, runner::SchemaSnapshot::from_json(json).to_json());
    EXPECT_EQ("posts", json["tables"][0]["name"]);
}
