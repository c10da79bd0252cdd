// The release manager's commands through the real binary: `migrate` and `gate` against a
// database on an ephemeral cluster that plays production.
#include "pg_environment.hpp"
#include "tool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

void exec(const std::string& url, const std::string& sql) {
    pqxx::connection cx(url);
    pqxx::work tx(cx);
    tx.exec(sql);
    tx.commit();
}

// A project of two migrations with a required schema, and a production database.
struct Release {
    TempDir dir;
    std::string url = runner_test::fresh_database() + " password=s3cret-pw";

    Release() {
        dir.write("migrations/0001_accounts.sql",
                  "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text NOT NULL);\n");
        dir.write("migrations/0002_notes.sql",
                  "CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY,\n"
                  "    account_id bigint NOT NULL REFERENCES accounts (id), body text);\n");
        dir.write("migrations/required_schema.yaml", "tables:\n  accounts: {required: [id, email]}\n");
    }

    Outcome run(const std::string& command, const std::string& extra = "") const {
        return schemagate(command + " --database-url \"" + url + "\" migrations " + extra, dir.path());
    }

    // The gate as the docs recommend it: a role that can only read.
    Outcome gate(const std::string& extra = "") const {
        exec(url,
             "DO $$ BEGIN CREATE ROLE schemagate_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
             "GRANT pg_read_all_data TO schemagate_reader");
        return schemagate("gate --database-url \"" + url + " user=schemagate_reader\" migrations " + extra, dir.path());
    }
};

nlohmann::json rules_in(const nlohmann::json& report) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& f : report["findings"]) { rules.push_back(f["rule"]); }
    return rules;
}

}  // namespace

TEST(ReleaseE2E, MigrateThenGateAndAMarkdownReportWithoutThePassword) {
    Release release;
    Outcome first = release.run("migrate", "--format json");
    ASSERT_EQ(0, first.exit_code) << first.out << first.err;
    // No lock_timeout: in the config: migrate's own 2 s, said in its report.
    EXPECT_EQ(nlohmann::json::parse(R"({"lock_timeout_ms": 2000, "statement_timeout_ms": 0})"),
              nlohmann::json::parse(first.out)["timeouts"]);
    Outcome again = release.run("migrate", "--format json");
    ASSERT_EQ(0, again.exit_code) << again.out << again.err;
    for (const auto& m : nlohmann::json::parse(again.out)["migrations"]) { EXPECT_NE("applied", m["status"]) << m; }

    release.dir.write("migrations/0003_tags.sql", "CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY);\n");
    Outcome gate = release.gate("--no-drift --format json --output r.json --format markdown --output r.md");
    ASSERT_EQ(0, gate.exit_code) << gate.out << gate.err;
    nlohmann::json report = nlohmann::json::parse(slurp(release.dir.path() / "r.json"));
    EXPECT_EQ("pass", report["verdict"]);
    EXPECT_EQ(nlohmann::json::array({"pending-migration"}), rules_in(report)) << report.dump();
    std::string markdown = slurp(release.dir.path() / "r.md");
    EXPECT_NE(std::string::npos, markdown.find("0003_tags.sql")) << markdown;
    for (const std::string& text : {gate.out, gate.err, markdown, report.dump()}) {
        EXPECT_EQ(std::string::npos, text.find("s3cret-pw"));
    }
}

TEST(ReleaseE2E, MigrateSetsTheConfigTimeoutsForEveryMigration) {
    Release release;
    release.dir.write("schemagate.yaml", "lock_timeout: 750ms\nstatement_timeout: 5s\n");
    release.dir.write(
        "migrations/0003_check.sql",
        "DO $$ BEGIN IF current_setting('lock_timeout') <> '750ms' OR current_setting('statement_timeout') <> '5s' "
        "THEN RAISE EXCEPTION 'timeouts not set'; END IF; END $$;\n");
    Outcome migrate = release.run("migrate", "--format json");
    ASSERT_EQ(0, migrate.exit_code) << migrate.out << migrate.err;
    nlohmann::json report = nlohmann::json::parse(migrate.out);
    EXPECT_EQ(nlohmann::json::parse(R"({"lock_timeout_ms": 750, "statement_timeout_ms": 5000})"), report["timeouts"]);
    Outcome text = release.run("migrate");
    EXPECT_NE(std::string::npos, text.out.find("lock_timeout 750 ms, statement_timeout 5000 ms"))
        << text.out << text.err;
}

TEST(ReleaseE2E, HandMadeChangeFailsTheGate) {
    Release release;
    ASSERT_EQ(0, release.run("migrate").exit_code);
    exec(release.url, "CREATE INDEX notes_body ON notes (body)");
    Outcome gate = release.gate("--format json");
    ASSERT_EQ(1, gate.exit_code) << gate.out << gate.err;
    nlohmann::json report = nlohmann::json::parse(gate.out);
    EXPECT_EQ("fail", report["verdict"]);
    EXPECT_EQ(nlohmann::json::array({"schema-drift"}), rules_in(report)) << report.dump();
}

// migrate decides on blockers with the config's severities, as gate reports them.
TEST(ReleaseE2E, MigrateHonoursTheConfiguredSeverityOfAGateFinding) {
    Release release;
    ASSERT_EQ(0, release.run("migrate").exit_code);
    exec(release.url, "CREATE INDEX notes_body ON notes (body)");
    release.dir.write("migrations/0003_tags.sql", "CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY);\n");
    Outcome refused = release.run("migrate", "--format json");
    ASSERT_EQ(1, refused.exit_code) << refused.out << refused.err;
    EXPECT_EQ(nlohmann::json::array({"schema-drift"}), rules_in(nlohmann::json::parse(refused.out)));
    pqxx::connection cx(release.url);
    pqxx::nontransaction tx(cx);
    EXPECT_TRUE(tx.exec1("SELECT to_regclass('tags') IS NULL")[0].as<bool>());

    release.dir.write("schemagate.yaml", "rules:\n  schema-drift: warning\n");
    Outcome applied = release.run("migrate", "--format json");
    ASSERT_EQ(0, applied.exit_code) << applied.out << applied.err;
    nlohmann::json report = nlohmann::json::parse(applied.out);
    ASSERT_EQ(nlohmann::json::array({"schema-drift"}), rules_in(report)) << report.dump();
    EXPECT_EQ("warning", report["findings"][0]["severity"]);
    EXPECT_FALSE(tx.exec1("SELECT to_regclass('tags') IS NULL")[0].as<bool>());
}

TEST(ReleaseE2E, GolangMigrateHistoryByConfig) {
    Release release;
    ASSERT_EQ(0, release.run("migrate").exit_code);
    exec(release.url,
         "DROP TABLE schemagate_history;"
         "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
         "INSERT INTO schema_migrations VALUES (2, false)");
    release.dir.write("schemagate.yaml", "history: {format: golang-migrate}\n");
    release.dir.write("migrations/0003_tags.sql", "CREATE TABLE IF NOT EXISTS tags (id bigint PRIMARY KEY);\n");
    Outcome gate = release.gate("--format json");
    ASSERT_EQ(0, gate.exit_code) << gate.out << gate.err;
    nlohmann::json report = nlohmann::json::parse(gate.out);
    EXPECT_EQ(nlohmann::json::array({"pending-migration"}), rules_in(report)) << report.dump();
    EXPECT_EQ("migrations/0003_tags.sql", report["findings"][0]["file"]);
    Outcome migrate = release.run("migrate");
    EXPECT_EQ(2, migrate.exit_code) << migrate.out << migrate.err;
    EXPECT_NE(std::string::npos, migrate.err.find("golang-migrate's public.schema_migrations")) << migrate.err;
}

TEST(ReleaseE2E, UnreachableDatabaseIsOneLineExitTwo) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "SELECT 1;\n");
    Outcome gate = schemagate("gate --database-url \"host=/nonexistent-dir user=x password=hunter2\" migrations",
                              dir.path());
    EXPECT_EQ(2, gate.exit_code) << gate.out << gate.err;
    EXPECT_EQ(1, std::count(gate.err.begin(), gate.err.end(), '\n')) << gate.err;
    EXPECT_EQ(std::string::npos, gate.err.find("hunter2")) << gate.err;
}
