// `new`, `init` and `status` through the real binary, on temp projects and a database on an
// ephemeral cluster that plays production.
#include "pg_environment.hpp"
#include "tool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <regex>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

void exec(const std::string& url, const std::string& sql) {
    pqxx::connection cx(url);
    pqxx::work tx(cx);
    tx.exec(sql);
    tx.commit();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) { lines.push_back(line); }
    return lines;
}

// file -> status of a JSON report's migrations.
std::map<std::string, std::string> statuses(const std::string& json) {
    std::map<std::string, std::string> out;
    nlohmann::json report = nlohmann::json::parse(json);
    for (const auto& m : report["migrations"]) {
        out[m["file"].get<std::string>() + (m["status"] == "missing" ? "#" + m["version"].get<std::string>() : "")] =
            m["status"];
    }
    return out;
}

}  // namespace

TEST(NewE2E, NextNumberedFileThenLintPasses) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    dir.write("migrations/0007_b.sql", "CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY);\n");
    dir.write("migrations/0008_c.sql.retired", "SELECT 1;\n");
    Outcome first = schemagate("new 'Add users'", dir.path());
    ASSERT_EQ(0, first.exit_code) << first.out << first.err;
    EXPECT_EQ("migrations/0009_add_users.sql\n", first.out);
    Outcome second = schemagate("new add_users", dir.path());
    ASSERT_EQ(0, second.exit_code) << second.err;
    EXPECT_EQ("migrations/0010_add_users.sql\n", second.out);
    Outcome lint = schemagate("lint migrations --format json", dir.path());
    EXPECT_EQ(0, lint.exit_code) << lint.out << lint.err;
    EXPECT_TRUE(nlohmann::json::parse(lint.out)["findings"].empty()) << lint.out;
}

TEST(NewE2E, FolderAndUpDownLayoutsAndTimestampsNeverCollide) {
    TempDir dir;
    dir.write("diesel/2017-08-20-180453_create_posts/up.sql", "CREATE TABLE posts (id bigint PRIMARY KEY);\n");
    dir.write("diesel/2017-08-20-180453_create_posts/down.sql", "DROP TABLE posts;\n");
    Outcome diesel = schemagate("new 'add tags' diesel", dir.path());
    ASSERT_EQ(0, diesel.exit_code) << diesel.err;
    EXPECT_TRUE(std::regex_match(diesel.out, std::regex(R"(diesel/\d{4}-\d\d-\d\d-\d{6}_add_tags/up\.sql\n)"
                                                        R"(diesel/\d{4}-\d\d-\d\d-\d{6}_add_tags/down\.sql\n)")))
        << diesel.out;

    dir.write("gm/000001_init.up.sql", "CREATE TABLE t (id int);\n");
    dir.write("gm/000001_init.down.sql", "DROP TABLE t;\n");
    Outcome gm = schemagate("new seed gm", dir.path());
    ASSERT_EQ(0, gm.exit_code) << gm.err;
    EXPECT_EQ("gm/000002_seed.up.sql\ngm/000002_seed.down.sql\n", gm.out);

    dir.write("flyway/V1_1__init.sql", "CREATE TABLE t (id int);\n");
    EXPECT_EQ("flyway/V1_2__more.sql\n", schemagate("new more flyway", dir.path()).out);

    // Three in the same second in a timestamped set: three versions, in order.
    dir.write("ts/20200101000000_init.sql", "CREATE TABLE t (id int);\n");
    Outcome stamps = run("for i in 1 2 3; do '" SCHEMAGATE_BINARY "' new step ts || exit 9; done", dir.path());
    ASSERT_EQ(0, stamps.exit_code) << stamps.err;
    std::vector<std::string> made = lines_of(stamps.out);
    ASSERT_EQ(3u, made.size()) << stamps.out;
    EXPECT_LT(made[0], made[1]);
    EXPECT_LT(made[1], made[2]);
}

TEST(NewE2E, NumbersAfterTheBaseBranchsMigrationsThatTheBranchLacks) {
    TempDir dir;
    auto git = [&](const std::string& args) {
        Outcome outcome = run("git -c user.name=t -c user.email=t@t " + args, dir.path());
        ASSERT_EQ(0, outcome.exit_code) << args << ": " << outcome.err;
    };
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    git("init -q -b main . && git add -A && git commit -q -m a && git branch feature");
    dir.write("migrations/0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY);\n");
    git("add -A && git commit -q -m b && git checkout -q feature");  // feature forked before 0002

    Outcome made = schemagate("new add_c", dir.path());
    ASSERT_EQ(0, made.exit_code) << made.err;
    EXPECT_EQ("migrations/0003_add_c.sql\n", made.out);  // not a second 0002
    EXPECT_NE(std::string::npos,
              made.err.find("main has 1 migration this branch does not have yet (newest: 0002_b.sql)"))
        << made.err;
    // An explicit base that has nothing new: numbered after the branch's own files only.
    Outcome own = schemagate("new add_d --base feature", dir.path());
    ASSERT_EQ(0, own.exit_code) << own.err;
    EXPECT_EQ("migrations/0004_add_d.sql\n", own.out);
    EXPECT_EQ("", own.err);
    Outcome missing = schemagate("new add_e --base no-such-branch", dir.path());
    EXPECT_EQ(2, missing.exit_code);
    EXPECT_NE(std::string::npos, missing.err.find("no-such-branch")) << missing.err;
    // A configured base that does not resolve here is no reason to refuse: a note, and the
    // branch's own migrations.
    dir.write("schemagate.yaml", "immutable_after: origin/gone\n");
    Outcome configured = schemagate("new add_f", dir.path());
    ASSERT_EQ(0, configured.exit_code) << configured.err;
    EXPECT_EQ("migrations/0005_add_f.sql\n", configured.out);
    EXPECT_NE(std::string::npos, configured.err.find("the base branch was not read")) << configured.err;
}

TEST(NewE2E, ConfiguredNamingAndBadNamesAreRefused) {
    TempDir dir;
    dir.write("schemagate.yaml", "migrations: db\nnaming: timestamp\n");
    Outcome made = schemagate("new init", dir.path());
    ASSERT_EQ(0, made.exit_code) << made.err;
    EXPECT_TRUE(std::regex_match(made.out, std::regex(R"(db/\d{14}_init\.sql\n)"))) << made.out;
    Outcome bad = schemagate("new ' -- '", dir.path());
    EXPECT_EQ(2, bad.exit_code);
    EXPECT_EQ(1, std::count(bad.err.begin(), bad.err.end(), '\n')) << bad.err;
}

TEST(InitE2E, WritesConfigAndSkeletonThatCheckPasses) {
    TempDir dir;
    dir.write("db/migrations/0001_accounts.sql",
              "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
              "DO $$ BEGIN CREATE TYPE mood AS ENUM ('sad', 'ok', 'yes'); EXCEPTION WHEN duplicate_object THEN NULL; "
              "END $$;\n"
              "CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text NOT NULL, \"on\" mood);\n");
    dir.write("db/migrations/0002_notes.sql",
              "CREATE SCHEMA IF NOT EXISTS app;\n"
              "CREATE TABLE IF NOT EXISTS app.notes (id bigint PRIMARY KEY, body text);\n"
              "ALTER TABLE app.notes ENABLE ROW LEVEL SECURITY;\n");
    Outcome init = schemagate("init", dir.path());
    ASSERT_EQ(0, init.exit_code) << init.out << init.err;
    EXPECT_NE(std::string::npos, init.out.find("wrote schemagate.yaml (2 migrations in db/migrations, naming default)"))
        << init.out;
    EXPECT_NE(std::string::npos, init.out.find("wrote db/migrations/required_schema.yaml (2 tables)")) << init.out;
    EXPECT_NE(std::string::npos, init.out.find("schemagate hook install")) << init.out;
    EXPECT_NE(std::string::npos, init.out.find("id: schemagate-lint")) << init.out;
    EXPECT_NE(std::string::npos, init.out.find("uses: OWNER/schemagate/actions/schemagate@v")) << init.out;
    std::string required = slurp(dir.path() / "db/migrations/required_schema.yaml");
    EXPECT_NE(std::string::npos, required.find("extensions: [pgcrypto]")) << required;
    EXPECT_NE(std::string::npos, required.find("app.notes:")) << required;
    EXPECT_NE(std::string::npos, required.find("rls: true")) << required;
    std::string config = slurp(dir.path() / "schemagate.yaml");
    EXPECT_NE(std::string::npos, config.find("migrations: db/migrations\n")) << config;

    // The skeleton holds for the schema it came from; one column less in a migration fails it.
    Outcome check = schemagate("check --format json", dir.path());
    EXPECT_EQ(0, check.exit_code) << check.out << check.err;
    dir.write("db/migrations/0003_drop.sql", "ALTER TABLE accounts DROP COLUMN IF EXISTS email;\n");
    Outcome broken = schemagate("check --format json", dir.path());
    EXPECT_EQ(1, broken.exit_code) << broken.out;
    EXPECT_NE(std::string::npos, broken.out.find("missing-column")) << broken.out;
}

TEST(InitE2E, RefusesToOverwriteAndWritesNothing) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    dir.write("migrations/required_schema.yaml", "tables: {a: {}}\n");
    Outcome init = schemagate("init", dir.path());
    EXPECT_EQ(2, init.exit_code);
    EXPECT_EQ(1, std::count(init.err.begin(), init.err.end(), '\n')) << init.err;
    EXPECT_NE(std::string::npos, init.err.find("migrations/required_schema.yaml: exists already")) << init.err;
    EXPECT_FALSE(fs::exists(dir.path() / "schemagate.yaml"));
    EXPECT_EQ("tables: {a: {}}\n", slurp(dir.path() / "migrations/required_schema.yaml"));

    TempDir configured;
    configured.write("schemagate.yaml", "migrations: migrations\n");
    Outcome again = schemagate("init", configured.path());
    EXPECT_EQ(2, again.exit_code);
    EXPECT_NE(std::string::npos, again.err.find("schemagate.yaml: exists already")) << again.err;
}

TEST(InitE2E, EmptyProjectGetsAConfigNewCanUse) {
    TempDir dir;
    Outcome init = schemagate("init", dir.path());
    ASSERT_EQ(0, init.exit_code) << init.err;
    EXPECT_NE(std::string::npos, init.err.find("no migrations found")) << init.err;
    EXPECT_EQ("migrations/0001_init.sql\n", schemagate("new init", dir.path()).out);
}

// A project migrated to a database, then changed: 0002 edited, 0003 retired, 0004 added, 0005
// recorded as failed.
struct StatusProject {
    TempDir dir;
    std::string url = runner_test::fresh_database() + " password=s3cret-pw";

    StatusProject() {
        dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
        dir.write("migrations/0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY);\n");
        dir.write("migrations/0003_c.sql", "CREATE TABLE IF NOT EXISTS c (id bigint PRIMARY KEY);\n");
    }

    Outcome status(const std::string& extra = "") const {
        return schemagate("status --database-url \"" + url + " user=schemagate_reader\" " + extra, dir.path());
    }

    void drift() const {
        exec(url,
             "DO $$ BEGIN CREATE ROLE schemagate_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
             "GRANT pg_read_all_data TO schemagate_reader");
        dir.write("migrations/0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY, x int);\n");
        fs::rename(dir.path() / "migrations/0003_c.sql", dir.path() / "migrations/0003_c.sql.retired");
        dir.write("migrations/0004_d.sql", "CREATE TABLE IF NOT EXISTS d (id bigint PRIMARY KEY);\n");
        dir.write("migrations/0005_e.sql", "CREATE TABLE IF NOT EXISTS e (id bigint PRIMARY KEY);\n");
        exec(url,
             "INSERT INTO schemagate_history (version, name, checksum, execution_ms, success) "
             "VALUES ('0005', 'e', 'sha256:00', 1, false)");
    }
};

TEST(StatusE2E, ListsAppliedChangedMissingPendingAndFailed) {
    StatusProject project;
    Outcome migrated = schemagate("migrate --no-drift --database-url \"" + project.url + "\"", project.dir.path());
    ASSERT_EQ(0, migrated.exit_code) << migrated.out << migrated.err;
    project.drift();

    Outcome json = project.status("--format json");
    EXPECT_EQ(1, json.exit_code) << json.out << json.err;
    std::map<std::string, std::string> expected = {{"migrations/0001_a.sql", "applied"},
                                                   {"migrations/0002_b.sql", "changed"},
                                                   {"migrations#0003", "missing"},
                                                   {"migrations/0004_d.sql", "pending"},
                                                   {"migrations/0005_e.sql", "failed"}};
    EXPECT_EQ(expected, statuses(json.out)) << json.out;

    Outcome text = project.status();
    EXPECT_EQ(1, text.exit_code) << text.err;
    std::vector<std::string> lines = lines_of(text.out);
    ASSERT_GE(lines.size(), 6u) << text.out;
    EXPECT_TRUE(std::regex_match(lines[0], std::regex("version +state +applied at +file"))) << text.out;
    EXPECT_TRUE(std::regex_match(lines[1], std::regex(R"(0001 +applied +20\d\d-.* +migrations/0001_a\.sql)")))
        << text.out;
    EXPECT_TRUE(std::regex_match(lines[2], std::regex(R"(0002 +changed +20\d\d-.* +migrations/0002_b\.sql)")))
        << text.out;
    EXPECT_TRUE(std::regex_match(lines[3], std::regex(R"(0004 +pending +migrations/0004_d\.sql)"))) << text.out;
    EXPECT_TRUE(std::regex_match(lines[4], std::regex(R"(0005 +failed +20\d\d-.* +migrations/0005_e\.sql)")))
        << text.out;
    EXPECT_TRUE(std::regex_match(lines[5], std::regex(R"(0003 +missing +20\d\d-.* +\(no file: 0003 c\))"))) << text.out;
    EXPECT_NE(std::string::npos, text.out.find("error[checksum-mismatch]")) << text.out;
    EXPECT_NE(std::string::npos, text.out.find("retired as migrations/0003_c.sql.retired")) << text.out;

    for (const char* format : {"sarif", "junit", "markdown", "github"}) {
        Outcome out = project.status(std::string("--format ") + format);
        EXPECT_EQ(1, out.exit_code) << format << out.err;
        EXPECT_NE(std::string::npos, out.out.find("0002_b.sql")) << format << "\n" << out.out;
        EXPECT_EQ(std::string::npos, out.out.find("version  state")) << format;
    }
    for (const std::string& output : {json.out, json.err, text.out, text.err}) {
        EXPECT_EQ(std::string::npos, output.find("s3cret-pw"));
    }
}

TEST(StatusE2E, ReadsOnlyAndADatabaseWithoutHistoryIsAllPending) {
    StatusProject project;
    exec(project.url,
         "DO $$ BEGIN CREATE ROLE schemagate_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
         "GRANT pg_read_all_data TO schemagate_reader");
    Outcome status = project.status("--format json");
    ASSERT_EQ(0, status.exit_code) << status.out << status.err;
    for (const auto& [file, state] : statuses(status.out)) { EXPECT_EQ("pending", state) << file; }
    EXPECT_EQ(3u, statuses(status.out).size());
    pqxx::connection cx(project.url);
    pqxx::work tx(cx);
    EXPECT_FALSE(tx.exec1("SELECT to_regclass('public.schemagate_history') IS NOT NULL")[0].as<bool>());
}

TEST(StatusE2E, FlywayHistoryWithAChangedChecksum) {
    TempDir dir;
    std::string url = runner_test::fresh_database();
    dir.write("schemagate.yaml", "migrations: sql\nhistory: {format: flyway}\n");
    dir.write("sql/V1__init.sql", "CREATE TABLE t (id int);\n");
    dir.write("sql/V2__more.sql", "CREATE TABLE u (id int);\n");
    exec(url,
         "CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), "
         "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
         "checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
         "execution_time int NOT NULL, success boolean NOT NULL);"
         "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 12345, 'me', now(), 3, "
         "true)");
    Outcome status = schemagate("status --format json --database-url \"" + url + "\"", dir.path());
    EXPECT_EQ(1, status.exit_code) << status.out << status.err;
    std::map<std::string, std::string> expected = {{"sql/V1__init.sql", "changed"}, {"sql/V2__more.sql", "pending"}};
    EXPECT_EQ(expected, statuses(status.out)) << status.out;
}

TEST(StatusE2E, NoDatabaseIsExitTwo) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "SELECT 1;\n");
    Outcome status = run("env -u DATABASE_URL '" SCHEMAGATE_BINARY "' status", dir.path());
    EXPECT_EQ(2, status.exit_code);
    EXPECT_NE(std::string::npos, status.err.find("pass --database-url or set DATABASE_URL")) << status.err;
}
