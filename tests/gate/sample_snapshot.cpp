#include "sample_snapshot.hpp"

namespace gate_test {
namespace {

runner::Column column(std::string name, std::string type, bool nullable, std::string default_expr = "") {
    runner::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    c.default_expr = std::move(default_expr);
    return c;
}

runner::Constraint constraint(std::string name, std::string type, std::vector<std::string> columns,
                              std::string ref_table = "", std::vector<std::string> ref_columns = {}) {
    runner::Constraint c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.columns = std::move(columns);
    c.ref_table = std::move(ref_table);
    c.ref_columns = std::move(ref_columns);
    return c;
}

runner::Index index(std::string name, std::vector<std::string> columns, bool unique, bool valid = true) {
    runner::Index i;
    i.name = std::move(name);
    i.columns = std::move(columns);
    i.unique = unique;
    i.valid = valid;
    return i;
}

runner::Table table(std::string schema, std::string name) {
    runner::Table t;
    t.schema = std::move(schema);
    t.name = std::move(name);
    t.kind = "table";
    return t;
}

runner::Table orgs() {
    runner::Table t = table("public", "orgs");
    t.columns = {column("id", "bigint", false), column("name", "text", false), column("slug", "text", false)};
    t.constraints = {constraint("orgs_pkey", "primary key", {"id"}), constraint("orgs_slug_key", "unique", {"slug"})};
    t.indexes = {index("orgs_pkey", {"id"}, true), index("orgs_slug_key", {"slug"}, true)};
    return t;
}

runner::Table users() {
    runner::Table t = table("public", "users");
    t.rls_enabled = true;
    t.columns = {column("id", "uuid", false, "gen_random_uuid()"), column("email", "character varying(255)", false),
                 column("org_id", "bigint", true), column("created_at", "timestamp with time zone", false, "now()"),
                 column("status", "post_status", true, "'draft'::post_status")};
    t.constraints = {constraint("users_pkey", "primary key", {"id"}),
                     constraint("users_org_id_fkey", "foreign key", {"org_id"}, "public.orgs", {"id"})};
    t.indexes = {index("users_pkey", {"id"}, true), index("users_email_key", {"email"}, true)};
    return t;
}

runner::Table posts() {
    runner::Table t = table("public", "posts");
    runner::Column id = column("id", "bigint", false);
    id.identity = "always";
    t.columns = {id, column("author_id", "uuid", true), column("title", "text", true),
                 column("created_at", "timestamp(3) without time zone", true, "CURRENT_TIMESTAMP")};
    t.constraints = {constraint("posts_pkey", "primary key", {"id"}),
                     constraint("posts_author_id_fkey", "foreign key", {"author_id"}, "public.users", {"id"})};
    t.indexes = {index("posts_pkey", {"id"}, true),
                 index("posts_author_created_idx", {"author_id", "created_at"}, false),
                 index("posts_title_idx", {"title"}, false, false)};
    return t;
}

runner::Table sessions() {
    runner::Table t = table("auth", "Session");
    t.columns = {column("id", "text", false), column("userId", "uuid", false)};
    t.constraints = {constraint("Session_pkey", "primary key", {"id"})};
    t.indexes = {index("Session_pkey", {"id"}, true), index("Session_userId_idx", {"\"userId\""}, false)};
    return t;
}

runner::Table audit_log() {
    runner::Table t = table("public", "audit_log");
    t.columns = {column("id", "bigint", false), column("payload", "jsonb", true)};
    return t;
}

}  // namespace

runner::SchemaSnapshot sample_snapshot() {
    runner::SchemaSnapshot snapshot;
    snapshot.schemas = {"auth", "public"};
    snapshot.tables = {sessions(), audit_log(), orgs(), posts(), users()};
    snapshot.views["public.active_users"] = "SELECT users.id FROM users";
    snapshot.enums["auth.factor_type"] = {"totp", "webauthn"};
    snapshot.enums["public.post_status"] = {"draft", "published", "archived"};
    snapshot.extensions = {{"pgcrypto", "1.3"}, {"plpgsql", "1.0"}};
    return snapshot;
}

}  // namespace gate_test
