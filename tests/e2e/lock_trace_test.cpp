// The lock trace through the binary: on by default in check, static findings confirmed or
// refuted in JSON, the Markdown lock table, suppression of trace findings, --no-lock-trace,
// and the config's timeouts satisfying require-lock-timeout.
#include "tool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace e2e;

namespace {

const char* const k_users = "CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, email text);\n";

nlohmann::json finding_of(const nlohmann::json& report, const std::string& rule) {
    for (const auto& f : report["findings"]) {
        if (f["rule"] == rule) { return f; }
    }
    return nullptr;
}

}  // namespace

TEST(LockTraceE2E, PlainCreateIndexOnAnExistingTableIsConfirmed) {
    TempDir dir;
    dir.write("migrations/0001_users.sql", k_users);
    dir.write("migrations/0002_index.sql",
              "SET lock_timeout = '2s';\nCREATE INDEX IF NOT EXISTS users_email ON users (email);\n");
    Outcome outcome = schemagate("check migrations --format json", dir.path());
    ASSERT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    nlohmann::json f = finding_of(report, "require-concurrent-index-creation");
    ASSERT_FALSE(f.is_null()) << outcome.out;
    EXPECT_EQ("confirmed", f["trace"]);
    EXPECT_EQ("warning", f["severity"]);
    EXPECT_EQ("SHARE on public.users; no rewrite; scanned public.users", f["observed"]);  // the index build reads it
    const nlohmann::json& statements = report["migrations"][1]["statements"];
    ASSERT_EQ(2u, statements.size()) << report["migrations"].dump();
    EXPECT_EQ(2, statements[1]["line"]);
    EXPECT_EQ(2, statements[1]["end_line"]);
    EXPECT_EQ("CREATE INDEX", statements[1]["command"]);
    EXPECT_EQ(nlohmann::json::parse(R"([{"relation": "public.users", "mode": "SHARE"}])"), statements[1]["locks"]);
    EXPECT_TRUE(statements[1]["rewrites"].empty());
    EXPECT_GE(statements[1]["duration_ms"].get<double>(), 0.0);

    Outcome off = schemagate("check migrations --no-lock-trace --format json", dir.path());
    nlohmann::json untraced = nlohmann::json::parse(off.out);
    EXPECT_FALSE(untraced["migrations"][1].contains("statements"));
    EXPECT_FALSE(finding_of(untraced, "require-concurrent-index-creation").contains("trace"));
}

TEST(LockTraceE2E, MarkdownHasALockTableAndSuppressionsApply) {
    TempDir dir;
    dir.write("migrations/0001_users.sql", k_users);
    dir.write("migrations/0002_widen.sql",
              "SET lock_timeout = '2s';\n"
              "DO $$ BEGIN EXECUTE 'ALTER TABLE users ALTER COLUMN id TYPE numeric'; END $$;\n"
              "-- schemagate:ignore exclusive-lock-held -- the next statement is quick\n"
              "ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n"
              "COMMENT ON TABLE users IS 'people';\n");
    Outcome outcome = schemagate("check migrations --format markdown --format json --output report.json", dir.path());
    EXPECT_EQ(0, outcome.exit_code) << outcome.out << outcome.err;
    EXPECT_NE(std::string::npos, outcome.out.find("### Locks on existing tables (lock trace)")) << outcome.out;
    EXPECT_NE(std::string::npos,
              outcome.out.find("| 2 | DO | ACCESS EXCLUSIVE | `public.users` | yes | reads and writes |"))
        << outcome.out;
    nlohmann::json report = nlohmann::json::parse(slurp(dir.path() / "report.json"));
    nlohmann::json rewrite = finding_of(report, "table-rewrite");
    ASSERT_FALSE(rewrite.is_null()) << report["findings"].dump();
    EXPECT_EQ(2, rewrite["line"]);
    // The DO block took the first ACCESS EXCLUSIVE lock: its exclusive-lock-held is on line 2,
    // the ignore on line 3 covers line 4 only.
    nlohmann::json held = finding_of(report, "exclusive-lock-held");
    ASSERT_FALSE(held.is_null()) << report["findings"].dump();
    EXPECT_EQ(2, held["line"]);

    dir.write("migrations/0002_widen.sql",
              "SET lock_timeout = '2s';\n"
              "-- schemagate:ignore table-rewrite, exclusive-lock-held -- users is tiny\n"
              "DO $$ BEGIN EXECUTE 'ALTER TABLE users ALTER COLUMN id TYPE numeric'; END $$;\n"
              "COMMENT ON TABLE users IS 'people';\n");
    nlohmann::json quiet = nlohmann::json::parse(schemagate("check migrations --format json", dir.path()).out);
    EXPECT_TRUE(finding_of(quiet, "table-rewrite").is_null()) << quiet["findings"].dump();
    EXPECT_TRUE(finding_of(quiet, "exclusive-lock-held").is_null()) << quiet["findings"].dump();
    EXPECT_TRUE(finding_of(quiet, "unused-ignore").is_null()) << quiet["findings"].dump();
}

TEST(LockTraceE2E, ConfigTimeoutsAreSetAndSatisfyRequireLockTimeout) {
    TempDir dir;
    dir.write("schemagate.yaml", "lock_timeout: 3s\nstatement_timeout: 300ms\n");
    dir.write("migrations/0001_users.sql", k_users);
    dir.write("migrations/0002_drop.sql",
              "ALTER TABLE users DROP COLUMN IF EXISTS email;\n"
              "DO $$ BEGIN IF current_setting('lock_timeout') <> '3s' THEN RAISE EXCEPTION 'lock_timeout %', "
              "current_setting('lock_timeout'); END IF; END $$;\n"
              "SELECT pg_sleep(1);\n");
    Outcome outcome = schemagate("check migrations --format json", dir.path());
    EXPECT_EQ(1, outcome.exit_code) << outcome.out << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_TRUE(finding_of(report, "require-lock-timeout").is_null()) << report["findings"].dump();
    nlohmann::json failed = finding_of(report, "migration-failed");
    ASSERT_FALSE(failed.is_null()) << report["findings"].dump();
    EXPECT_EQ(3, failed["line"]);  // pg_sleep(1) outlived statement_timeout 300ms
    EXPECT_NE(std::string::npos, failed["message"].get<std::string>().find("57014")) << failed;
    EXPECT_EQ(3000, report["timeouts"]["lock_timeout_ms"]);
    EXPECT_EQ(300, report["timeouts"]["statement_timeout_ms"]);
    Outcome text = schemagate("check migrations", dir.path());
    EXPECT_NE(std::string::npos,
              text.out.find("timeouts set for every migration: lock_timeout 3000 ms, statement_timeout 300 ms"))
        << text.out;
}

// Every lock prediction of a lint rule (runner/lock_findings.cpp) is what the server does:
// each rule's finding, on a pre-existing table, is confirmed by the trace.
TEST(LockTraceE2E, TheServerConfirmsEveryRulesPredictedLock) {
    TempDir dir;
    dir.write("migrations/0001_tables.sql",
              "CREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY, v text NOT NULL);\n"
              "CREATE TABLE IF NOT EXISTS b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n"
              "CREATE TABLE IF NOT EXISTS c (id int PRIMARY KEY, during int4range);\n"
              "CREATE TABLE IF NOT EXISTS d (id int PRIMARY KEY);\n"
              "CREATE TABLE IF NOT EXISTS e (id int PRIMARY KEY, v int);\n"
              "CREATE TABLE IF NOT EXISTS events (at date NOT NULL) PARTITION BY RANGE (at);\n"
              "CREATE TABLE IF NOT EXISTS events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO "
              "('2024-01-01');\n");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"ban-truncate-cascade", "TRUNCATE a CASCADE;"},
        {"ban-drop-not-null", "ALTER TABLE a ALTER COLUMN v DROP NOT NULL;"},
        {"adding-exclusion-constraint",
         "ALTER TABLE c ADD CONSTRAINT c_no_overlap EXCLUDE USING gist (during WITH &&);"},
        {"prefer-repack", "CLUSTER d USING d_pkey;"},
        {"require-concurrent-partition-detach", "ALTER TABLE events DETACH PARTITION events_2023;"},
        {"require-concurrent-reindex", "REINDEX INDEX d_pkey;"},
        {"require-where-clause", "UPDATE e SET v = 1;"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        dir.write("migrations/000" + std::to_string(i + 2) + "_case.sql",
                  "SET lock_timeout = '2s';\n" + cases[i].second + "\n");
    }
    dir.write("migrations/0009_delete.sql", "SET lock_timeout = '2s';\nDELETE FROM e;\n");
    Outcome outcome = schemagate("check migrations --format json", dir.path());
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    ASSERT_FALSE(report["verdict"] == "error") << outcome.out << outcome.err;
    for (const auto& [rule, sql] : cases) {
        nlohmann::json f = finding_of(report, rule);
        ASSERT_FALSE(f.is_null()) << rule << ": " << report["findings"].dump();
        EXPECT_EQ("confirmed", f["trace"]) << rule << " on " << sql << ": " << f.dump();
    }
    int deletes = 0;
    for (const auto& f : report["findings"]) {
        if (f["rule"] == "require-where-clause" && f["file"].get<std::string>().find("0009") != std::string::npos) {
            EXPECT_EQ("confirmed", f["trace"]) << f.dump();
            ++deletes;
        }
    }
    EXPECT_EQ(1, deletes);
}
