#include "sample_report.hpp"

namespace gate_test {
namespace {

core::Finding finding(core::RuleId rule, core::Severity severity, std::string file, core::Position start,
                      core::Position end, std::string message, std::string help) {
    core::Finding f;
    f.rule = rule;
    f.severity = severity;
    f.file = std::move(file);
    f.start = start;
    f.end = end;
    f.message = std::move(message);
    f.help = std::move(help);
    return f;
}

}  // namespace

core::Report sample_report() {
    using core::Severity;
    core::Report r;
    const std::string required = "migrations/required_schema.yaml";
    r.findings = {
        finding("rls-disabled", Severity::error, required, {9, 10}, {9, 13},
                "row level security is disabled on table posts, expected enabled",
                "run ALTER TABLE posts ENABLE ROW LEVEL SECURITY in a migration, with the policies the table needs"),
        finding("idempotency", Severity::error, "migrations/0002_users.sql", {4, 1}, {4, 38},
                "CREATE TABLE without IF NOT EXISTS cannot be re-run", "write CREATE TABLE IF NOT EXISTS users (...)"),
        finding("migration-failed", Severity::error, "migrations/0003_posts.sql", {7, 3}, {7, 41},
                "relation \"accounts\" does not exist (SQLSTATE 42P01)", ""),
        finding("require-concurrent-index-creation", Severity::warning, "migrations/0002_users.sql", {9, 1}, {9, 45},
                "creating an index without CONCURRENTLY blocks writes",
                "write CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"),
        finding("missing-column", Severity::error, required, {3, 24}, {3, 28},
                "required column phone of table users does not exist",
                "add it in a migration (ALTER TABLE users ADD COLUMN phone ...), or remove it from the required "
                "schema"),
        finding("prefer-bigint-over-int", Severity::info, "migrations/0001_init.sql", {3, 7}, {3, 10},
                "column \"hits\" is int4: values past 2,147,483,647 overflow",
                "use bigint | see <docs/rules/prefer-bigint-over-int.md> & 100% of cases: fine"),
        finding("missing-optional-column", Severity::warning, required, {4, 16}, {4, 28},
                "optional column password_hash of table users does not exist",
                "add it in a migration (ALTER TABLE users ADD COLUMN password_hash ...), or remove it from "
                "'optional'"),
    };
    r.migrations = {
        {"migrations/0001_init.sql", "0001", "sha256:" + std::string(64, 'a'), core::MigrationStatus::applied, 3.25},
        {"migrations/0002_users.sql", "0002", "sha256:" + std::string(64, 'b'), core::MigrationStatus::applied, 12.5},
        {"migrations/0003_posts.sql", "0003", "sha256:" + std::string(64, 'c'), core::MigrationStatus::failed, 1.0},
        {"migrations/0004_later.sql", "0004", "sha256:" + std::string(64, 'd'), core::MigrationStatus::skipped, -1,
         "already applied (in the history table)"},
    };
    r.schema = nlohmann::json::object();
    r.schema["tables"] = nlohmann::json::array({nlohmann::json{{"schema", "public"}, {"name", "users"}}});
    r.checks = 24;
    r.failed_checks = 7;
    r.migration_failed = true;
    r.run.run_id = "5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5";
    r.run.started_at = "2026-12-01T10:58:52Z";
    r.run.duration_ms = 1234.5;
    r.run.command = "schemagate check --database-url postgresql://release:***@db.internal/app";
    r.run.git_commit = "0123456789abcdef0123456789abcdef01234567";
    r.run.git_branch = "main";
    r.run.target = "throwaway database on postgresql://release:***@db.internal/app";
    r.run.server_version = "15.8";
    r.rules = {{.id = "idempotency",
                .summary = "a statement that fails or duplicates data when re-run",
                .description = "CREATE without IF NOT EXISTS, DROP without IF EXISTS and INSERT without ON CONFLICT "
                               "fail or duplicate rows when a migration is applied twice. Guard the statement."},
               {.id = "migration-failed", .stage = "run", .summary = "the migration raised an error when applied"},
               {.id = "missing-column", .stage = "gate", .summary = "a required column is missing"},
               {.id = "missing-optional-column",
                .stage = "gate",
                .default_severity = Severity::warning,
                .summary = "an optional column is missing"},
               {.id = "rls-disabled", .stage = "gate", .summary = "row level security is off"}};
    return r;
}

core::Report odd_report() {
    using core::Severity;
    core::Report r;
    r.findings = {
        finding("depends", Severity::error, "", {0, 0}, {0, 0}, "dependency cycle: a -> b -> a", ""),
        finding("naming", Severity::warning, "migrations/été 01 #1.sql", {1, 0}, {0, 0},
                "file name does not match ^\\d{4}_[a-z0-9_]+\\.sql$", "rename it to 0001_ete.sql"),
        finding("parse-error", Severity::error, "migrations\\0002_bad.sql", {7, 3}, {7, 3},
                "syntax error at or near \"\x01\" \t<tab>", "fix the SQL\r\nthen run again"),
        finding("missing-table", Severity::error, "required_schema.yaml", {2, 3}, {2, 10},
                std::string(500, 'x') + " & <end>", "create it"),
    };
    r.migrations = {
        {"migrations/0001 a.sql", "0001", "sha256:" + std::string(64, 'e'), core::MigrationStatus::pending, -1}};
    r.checks = 4;
    r.failed_checks = 4;
    return r;
}

}  // namespace gate_test
