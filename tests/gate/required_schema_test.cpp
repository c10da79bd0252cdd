#include "gate/required_schema.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

/// The message of the core::Error that parsing `yaml` throws, or "" when it parses.
std::string parse_error(const std::string& yaml) {
    try {
        gate::parse_required_schema(yaml, "schema.yaml");
    } catch (const core::Error& e) { return e.what(); }
    return "";
}

TEST(RequiredSchemaTest, ReadsEveryKindOfExpectationWithItsPosition) {
    gate::RequiredSchema schema = gate::parse_required_schema(
        "tables:\n"
        "  auth.users:\n"
        "    required: [id, email]\n"
        "    optional: password_hash\n"
        "    columns:\n"
        "      email: {type: varchar(255), nullable: false, default: null}\n"
        "      created_at: timestamptz\n"
        "    rls: true\n"
        "    primary_key: [id]\n"
        "    unique: [email, [org_id, slug]]\n"
        "    foreign_keys:\n"
        "      - {columns: [org_id], references: public.orgs(id)}\n"
        "    indexes: [users_email_key, {columns: [org_id, created_at], unique: true}]\n"
        "extensions: [pgcrypto]\n"
        "enums: {status: [draft, published]}\n"
        "forbidden: [legacy, users.password, {table: auth.tokens}]\n",
        "schema.yaml");
    ASSERT_EQ(1u, schema.tables.size());
    const gate::TableSpec& t = schema.tables[0];
    EXPECT_EQ((gate::QualifiedName{"auth", "users"}), t.table);
    EXPECT_EQ("auth.users", t.table.display());
    EXPECT_EQ((core::Position{2, 3}), t.start);
    EXPECT_EQ((core::Position{2, 12}), t.end);
    ASSERT_EQ(2u, t.required.size());
    EXPECT_EQ("email", t.required[1].value);
    EXPECT_EQ((core::Position{3, 20}), t.required[1].start);
    EXPECT_EQ((core::Position{3, 24}), t.required[1].end);
    ASSERT_EQ(1u, t.optional.size());
    EXPECT_EQ("password_hash", t.optional[0].value);
    ASSERT_EQ(2u, t.columns.size());
    EXPECT_EQ("character varying(255)", t.columns[0].type->value);
    EXPECT_EQ((core::Position{6, 21}), t.columns[0].type->start);
    EXPECT_FALSE(t.columns[0].nullable->value);
    EXPECT_EQ("", t.columns[0].default_expr->value);
    EXPECT_EQ("timestamp with time zone", t.columns[1].type->value);
    EXPECT_TRUE(t.rls->value);
    EXPECT_EQ((core::Position{8, 10}), t.rls->start);
    EXPECT_EQ((std::vector<std::string>{"id"}), t.primary_key->value);
    ASSERT_EQ(2u, t.unique.size());
    EXPECT_EQ((std::vector<std::string>{"email"}), t.unique[0].value);
    EXPECT_EQ((std::vector<std::string>{"org_id", "slug"}), t.unique[1].value);
    ASSERT_EQ(1u, t.foreign_keys.size());
    EXPECT_EQ((std::vector<std::string>{"org_id"}), t.foreign_keys[0].columns);
    EXPECT_EQ((gate::QualifiedName{"public", "orgs"}), t.foreign_keys[0].ref_table);
    EXPECT_EQ((std::vector<std::string>{"id"}), t.foreign_keys[0].ref_columns);
    EXPECT_EQ((core::Position{12, 9}), t.foreign_keys[0].start);
    ASSERT_EQ(2u, t.indexes.size());
    EXPECT_EQ("users_email_key", t.indexes[0].name);
    EXPECT_EQ((std::vector<std::string>{"org_id", "created_at"}), t.indexes[1].columns);
    EXPECT_TRUE(t.indexes[1].unique);
    ASSERT_EQ(1u, schema.extensions.size());
    EXPECT_EQ("pgcrypto", schema.extensions[0].value);
    ASSERT_EQ(1u, schema.enums.size());
    EXPECT_EQ((gate::QualifiedName{"public", "status"}), schema.enums[0].type);
    EXPECT_EQ((std::vector<std::string>{"draft", "published"}), schema.enums[0].values);
    ASSERT_EQ(3u, schema.forbidden.size());
    EXPECT_EQ("legacy", schema.forbidden[0].table.name);
    EXPECT_EQ("", schema.forbidden[0].column);
    EXPECT_EQ("users", schema.forbidden[1].table.name);
    EXPECT_EQ("password", schema.forbidden[1].column);
    EXPECT_EQ((gate::QualifiedName{"auth", "tokens"}), schema.forbidden[2].table);
}

TEST(RequiredSchemaTest, ReadsDataChecksWithoutRunningThem) {
    gate::RequiredSchema schema = gate::parse_required_schema(
        "checks:\n"
        "  - name: no_orphan_posts\n"
        "    sql: SELECT p.id FROM posts p LEFT JOIN users u ON u.id = p.author_id WHERE u.id IS NULL\n"
        "    description: every post has an author\n"
        "  - name: few_pending_invites\n"
        "    sql: SELECT count(*) FROM invites WHERE expires_at < now()\n"
        "    severity: warning\n"
        "  - {name: strict_warning, sql: SELECT 1, severity: warning, blocking: true}\n",
        "schema.yaml");
    ASSERT_EQ(3u, schema.checks.size());
    EXPECT_EQ("no_orphan_posts", schema.checks[0].name);
    EXPECT_EQ("SELECT p.id FROM posts p LEFT JOIN users u ON u.id = p.author_id WHERE u.id IS NULL",
              schema.checks[0].sql);
    EXPECT_EQ("every post has an author", schema.checks[0].description);
    EXPECT_EQ(core::Severity::error, schema.checks[0].severity);
    EXPECT_TRUE(schema.checks[0].blocking);
    EXPECT_EQ((core::Position{2, 5}), schema.checks[0].start);
    EXPECT_EQ(core::Severity::warning, schema.checks[1].severity);
    EXPECT_FALSE(schema.checks[1].blocking);
    EXPECT_TRUE(schema.checks[2].blocking);
}

TEST(RequiredSchemaTest, EmptyFileRequiresNothing) {
    gate::RequiredSchema schema = gate::parse_required_schema("# nothing yet\n", "schema.yaml");
    EXPECT_TRUE(schema.tables.empty());
    EXPECT_TRUE(schema.extensions.empty());
    EXPECT_EQ("schema.yaml", schema.file);
}

TEST(RequiredSchemaTest, UnknownKeyPointsAtItAndSuggestsTheNearest) {
    EXPECT_EQ("schema.yaml:3:5: unknown key 'requird' in table users: did you mean 'required'?",
              parse_error("tables:\n  users:\n    requird: [id]\n"));
    EXPECT_EQ("schema.yaml:1:1: unknown key 'tabels' in the required schema: did you mean 'tables'?",
              parse_error("tabels:\n  users:\n"));
    EXPECT_EQ("schema.yaml:3:23: unknown key 'nulable' in column email of table users: did you mean 'nullable'?",
              parse_error("tables:\n  users:\n    columns: {email: {nulable: false}}\n"));
    EXPECT_EQ(
        "schema.yaml:2:27: unknown key 'referencs' in a foreign key of table users: did you mean "
        "'references'?",
        parse_error("tables:\n  users: {foreign_keys: [{referencs: orgs(id), columns: [org_id]}]}\n"));
    EXPECT_EQ("schema.yaml:2:5: unknown key 'sqll' in a check: did you mean 'sql'?",
              parse_error("checks:\n  - sqll: SELECT 1\n    name: x\n"));
}

TEST(RequiredSchemaTest, UnknownKeyFarFromAnyListsTheKnownOnes) {
    EXPECT_EQ(
        "schema.yaml:1:1: unknown key 'zzzzzzzz' in the required schema: expected one of tables, extensions, "
        "enums, forbidden, checks",
        parse_error("zzzzzzzz: 1\n"));
}

TEST(RequiredSchemaTest, WrongShapesAreLocatedErrors) {
    EXPECT_EQ("schema.yaml:3:10: 'rls' of table users must be true or false",
              parse_error("tables:\n  users:\n    rls: maybe\n"));
    EXPECT_EQ("schema.yaml:2:10: table users must be a mapping", parse_error("tables:\n  users: [id]\n"));
    EXPECT_EQ("schema.yaml:3:16: 'required' of table users must be a list of names",
              parse_error("tables:\n  users:\n    required: [{id: 1}]\n"));
    EXPECT_EQ("schema.yaml:2:58: foreign key reference 'orgs(id' must be written as table(column, ...)",
              parse_error("tables:\n  users: {foreign_keys: [{columns: [org_id], references: orgs(id}]}\n"));
    EXPECT_EQ(
        "schema.yaml:2:5: forbidden object 'a.b.c.d' must be table, table.column or schema.table.column (or "
        "{table: schema.table})",
        parse_error("forbidden:\n  - a.b.c.d\n"));
    EXPECT_EQ("schema.yaml:2:11: enum status must list its values, e.g. [draft, published]",
              parse_error("enums:\n  status: draft\n"));
    EXPECT_EQ("schema.yaml:4:15: severity 'fatal' of check 'x' must be error, warning or info",
              parse_error("checks:\n  - name: x\n    sql: SELECT 1\n    severity: fatal\n"));
    EXPECT_EQ("schema.yaml:2:5: check 'x' needs 'sql': a SELECT returning offending rows",
              parse_error("checks:\n  - name: x\n"));
}

TEST(RequiredSchemaTest, TableListedTwiceIsAnError) {
    EXPECT_EQ("schema.yaml:3:3: table users is listed twice (also at line 2): merge the two entries",
              parse_error("tables:\n  users:\n  public.users:\n"));
}

TEST(RequiredSchemaTest, YamlSyntaxErrorHasLineAndColumn) {
    std::string message = parse_error("tables:\n  users: [id,\n");
    EXPECT_EQ(0u, message.find("schema.yaml:3:1: ")) << message;
    EXPECT_NE(std::string::npos, message.find("fix the YAML syntax")) << message;
}

TEST(RequiredSchemaTest, LoadNamesTheFileInErrors) {
    fs::path file = fs::path(SCHEMAGATE_SOURCE_DIR) / "fixtures/required_schema/errors/unknown-key.yaml";
    try {
        gate::load_required_schema(file);
        FAIL() << "expected core::Error";
    } catch (const core::Error& e) {
        EXPECT_EQ(file.generic_string() + ":3:5: unknown key 'requird' in table users: did you mean 'required'?",
                  std::string(e.what()));
    }
    EXPECT_THROW(gate::load_required_schema("/nonexistent/required_schema.yaml"), core::Error);
}

TEST(QualifiedNameTest, SplitsSchemaAndStripsQuotes) {
    EXPECT_EQ((gate::QualifiedName{"public", "users"}), gate::parse_qualified_name("users"));
    EXPECT_EQ((gate::QualifiedName{"auth", "users"}), gate::parse_qualified_name("auth.users"));
    EXPECT_EQ((gate::QualifiedName{"public", "User"}), gate::parse_qualified_name("\"User\""));
    EXPECT_EQ((gate::QualifiedName{"my.schema", "T"}), gate::parse_qualified_name("\"my.schema\".\"T\""));
    EXPECT_EQ("users", gate::parse_qualified_name("public.users").display());
}

}  // namespace
