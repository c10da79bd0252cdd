// Adoption on a real-shaped repository: 220 applied migrations on main written the way
// real projects write them (plain CREATE TABLE, ALTER TABLE without lock_timeout, INSERTs
// without ON CONFLICT), a branch that adds one clean migration. Every finding must be about
// the change: none on the applied files, one blocker for an edited one, a duplicate
// version blamed on the new file.
#include "tool.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>

using namespace e2e;

namespace {

constexpr int k_applied = 220;

std::string version(int n) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04d", n);
    return buffer;
}

// Statements that raise idempotency and lock-safety findings when linted in full.
std::string applied_migration(int n) {
    std::string table = "t" + std::to_string(n);
    if (n == 1) { return "CREATE TABLE t1 (id int PRIMARY KEY, name varchar(40));\n"; }
    return "CREATE TABLE " + table +
           " (id int PRIMARY KEY, t1_id int REFERENCES t1 (id), created timestamp);\n"
           "ALTER TABLE t1 ADD COLUMN c" +
           std::to_string(n) +
           " text;\n"
           "CREATE INDEX " +
           table + "_t1 ON " + table +
           " (t1_id);\n"
           "INSERT INTO " +
           table + " (id) VALUES (1);\n";
}

const char* const k_clean =
    "SET lock_timeout = '2s';\n"
    "CREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY, total numeric NOT NULL);\n";

struct Repository {
    TempDir dir;

    Repository() {
        for (int n = 1; n <= k_applied; ++n) {
            dir.write("migrations/" + version(n) + "_step_" + std::to_string(n) + ".sql", applied_migration(n));
        }
        git("init -q -b main . && git add -A && git commit -q -m applied && git checkout -q -b feature");
    }

    void git(const std::string& args) const {
        Outcome outcome = run("git -c user.name=t -c user.email=t@t " + args, dir.path());
        ASSERT_EQ(0, outcome.exit_code) << args << "\n" << outcome.err;
    }

    nlohmann::json report(const std::string& command, int expected_exit) const {
        Outcome outcome = schemagate(command + " --base main --format json", dir.path());
        EXPECT_EQ(expected_exit, outcome.exit_code) << command << "\n" << outcome.out << outcome.err;
        return nlohmann::json::parse(outcome.out.empty() ? "{}" : outcome.out);
    }
};

std::vector<std::string> files_of(const nlohmann::json& report) {
    std::vector<std::string> files;
    for (const auto& f : report["findings"]) {
        files.push_back(f["file"].get<std::string>() + " " + f["rule"].get<std::string>());
    }
    return files;
}

}  // namespace

TEST(AdoptionE2E, AllFilesLintShowsWhatTheScopeHides) {
    Repository repo;
    nlohmann::json all = repo.report("lint --all-files migrations", 1);
    EXPECT_GT(all["findings"].size(), 2u * k_applied);
    EXPECT_EQ(k_applied, all["summary"]["linted_in_full"]);
}

TEST(AdoptionE2E, OneCleanMigrationOnABranchReportsNothing) {
    Repository repo;
    repo.dir.write("migrations/" + version(k_applied + 1) + "_add_invoices.sql", k_clean);
    nlohmann::json lint = repo.report("lint migrations", 0);
    EXPECT_TRUE(lint["findings"].empty()) << lint["findings"].dump();
    EXPECT_EQ(1, lint["summary"]["linted_in_full"]);
    EXPECT_EQ(k_applied, lint["summary"]["integrity_only"]);
    EXPECT_EQ(lint["summary"]["checks"], lint["summary"]["passed"]);

    repo.git("add -A");
    Outcome staged = schemagate("lint --staged migrations --format json", repo.dir.path());
    EXPECT_EQ(0, staged.exit_code) << staged.out << staged.err;
    EXPECT_TRUE(nlohmann::json::parse(staged.out)["findings"].empty()) << staged.out;

    nlohmann::json check = repo.report("check migrations", 0);
    EXPECT_EQ("pass", check["verdict"]);
    for (const std::string& file : files_of(check)) { ADD_FAILURE() << "finding on " << file; }
}

// The index's trailing SHA-1 is verified at every read (the static `schemagate` computes it with
// OpenSSL, not libgit2's own: linter/history/git_offline.cpp): a damaged index is exit 2.
TEST(AdoptionE2E, StagedLintReadsTheIndexAndRefusesADamagedOne) {
    Repository repo;
    repo.dir.write("migrations/" + version(k_applied + 1) + "_add_invoices.sql", k_clean);
    repo.git("add -A");
    Outcome staged = schemagate("lint --staged migrations --format json", repo.dir.path());
    EXPECT_EQ(0, staged.exit_code) << staged.out << staged.err;
    EXPECT_EQ(1, nlohmann::json::parse(staged.out)["summary"]["linted_in_full"]) << staged.out;

    std::string index = slurp(repo.dir.path() / ".git/index");
    constexpr std::size_t first_path = 12 + 62;  // the header, then the first entry's fixed fields
    ASSERT_EQ('m', index.at(first_path));
    index[first_path] = 'M';  // still a valid path: only the checksum can tell
    repo.dir.write(".git/index", index);
    Outcome damaged = schemagate("lint --staged migrations", repo.dir.path());
    EXPECT_EQ(2, damaged.exit_code) << damaged.out << damaged.err;
    EXPECT_NE(std::string::npos, damaged.err.find("checksum does not match")) << damaged.err;
}

TEST(AdoptionE2E, EditOfAnAppliedFileIsExactlyOneBlocker) {
    Repository repo;
    repo.dir.write("migrations/0007_step_7.sql",
                   applied_migration(7) + "ALTER TABLE t7 ADD COLUMN IF NOT EXISTS note text;\n");
    nlohmann::json lint = repo.report("lint migrations", 1);
    EXPECT_EQ(1, lint["summary"]["blockers"]) << lint["findings"].dump();
    for (const auto& f : lint["findings"]) {
        EXPECT_EQ(5, f["line"]) << "a finding the edit did not cause: " << f.dump();  // the added line
        if (f["blocking"]) { EXPECT_EQ("immutable-migration", f["rule"]); }
    }
    // Every rule's finding on the edited line is still there: the edit is linted in full.
    repo.dir.write("migrations/0007_step_7.sql", applied_migration(7) + "ALTER TABLE t7 ADD COLUMN note text;\n");
    lint = repo.report("lint migrations", 1);
    EXPECT_EQ(2, lint["summary"]["blockers"]) << lint["findings"].dump();  // immutable-migration, idempotency
}

TEST(AdoptionE2E, DuplicateVersionIsBlamedOnTheNewFileWithTheNextFreeVersion) {
    Repository repo;
    repo.dir.write("migrations/0001_add_invoices.sql", k_clean);  // sorts before 0001_step_1
    nlohmann::json lint = repo.report("lint migrations", 1);
    std::vector<std::string> found;
    for (const auto& f : lint["findings"]) {
        if (f["rule"] == "duplicate-version") {
            found.push_back(f["file"].get<std::string>() + ": " + f["help"].get<std::string>());
        }
    }
    ASSERT_EQ(1u, found.size()) << lint["findings"].dump();
    EXPECT_NE(std::string::npos, found[0].find("migrations/0001_add_invoices.sql: renumber this migration to 0221"))
        << found[0];
}

TEST(AdoptionE2E, BaselineCountsOlderMigrationsAsAppliedOutsideGit) {
    TempDir dir;
    for (int n = 1; n <= 30; ++n) {
        dir.write("migrations/" + version(n) + "_step_" + std::to_string(n) + ".sql", applied_migration(n));
    }
    dir.write("migrations/0031_add_invoices.sql", k_clean);
    dir.write("schemagate.yaml", "baseline: '0030'\n");
    Outcome lint = schemagate("lint migrations --format json", dir.path());
    EXPECT_EQ(0, lint.exit_code) << lint.out << lint.err;
    nlohmann::json report = nlohmann::json::parse(lint.out);
    EXPECT_TRUE(report["findings"].empty()) << report["findings"].dump();
    EXPECT_EQ(30, report["summary"]["integrity_only"]);
    Outcome baseline = schemagate("baseline migrations", dir.path());
    EXPECT_EQ(0, baseline.exit_code) << baseline.err;
    EXPECT_EQ("0031\n", baseline.out);  // the newest migration: write it to adopt the set as it is
}

TEST(AdoptionE2E, DirectoryWithoutMigrationsIsAToolError) {
    TempDir dir;
    dir.write("migrations/README.md", "migrations go here\n");
    for (const std::string& command : {"lint", "check"}) {
        Outcome outcome = schemagate(command + " migrations", dir.path());
        EXPECT_EQ(2, outcome.exit_code) << outcome.out << outcome.err;
        EXPECT_NE(std::string::npos, outcome.err.find("migrations: no migration found with the default naming"))
            << outcome.err;
        EXPECT_EQ(std::string::npos, outcome.out.find("verdict: pass")) << outcome.out;
    }
}

TEST(AdoptionE2E, OneFailureSaidOnceWithWhatWasNotAppliedAndCountsThatAddUp) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint);\n");
    dir.write("migrations/0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id bigint;\n");
    dir.write("migrations/0003_c.sql", "CREATE TABLE IF NOT EXISTS c (id bigint);\n");
    Outcome text = schemagate("check migrations", dir.path());
    EXPECT_EQ(1, text.exit_code) << text.out << text.err;
    EXPECT_EQ(std::string::npos, text.out.find("parse-error")) << text.out;
    EXPECT_NE(std::string::npos,
              text.out.find("not applied because a migration before them failed (1): migrations/0003_c.sql"))
        << text.out;
    nlohmann::json report = nlohmann::json::parse(schemagate("check migrations --format json", dir.path()).out);
    const auto& s = report["summary"];
    int failed = s["checks"].get<int>() - s["passed"].get<int>();
    EXPECT_EQ(2, failed) << s.dump();  // 0002 failed, 0003 not applied: neither counted as passed
    ASSERT_EQ(1u, report["findings"].size()) << report["findings"].dump();
    EXPECT_EQ("migration-failed", report["findings"][0]["rule"]);
}

TEST(AdoptionE2E, MachineFormatsSayToolErrorsAndOneReportPerStdout) {
    TempDir dir;
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint);\n");
    Outcome json = schemagate("lint nowhere --format json", dir.path());
    EXPECT_EQ(2, json.exit_code);
    EXPECT_EQ("error", nlohmann::json::parse(json.out)["verdict"]) << json.out;
    Outcome github = schemagate("lint nowhere --format github", dir.path());
    EXPECT_EQ(0u, github.out.rfind("::error title=schemagate::nowhere: no such file", 0)) << github.out;
    Outcome two = schemagate("lint migrations --format json --format sarif", dir.path());
    EXPECT_EQ(2, two.exit_code) << two.out;
    EXPECT_NE(std::string::npos, two.err.find("--output")) << two.err;
    Outcome inferred = schemagate("lint migrations --output report.sarif", dir.path());
    EXPECT_EQ(0, inferred.exit_code) << inferred.err;
    EXPECT_EQ("2.1.0", nlohmann::json::parse(slurp(dir.path() / "report.sarif"))["version"]);
}

// Each real corpus committed as the base, one clean migration added in its own layout:
// nothing is reported. Needs ../shared/corpora (REQUIRE_CORPORA).
TEST(AdoptionE2E, RealCorporaAsBaseReportNothingForACleanNewMigration) {
    REQUIRE_CORPORA();
    const std::vector<std::pair<std::string, std::string>> corpora = {
        {"documenso", "29991231000000_release_notes/migration.sql"},
        {"harbor", "0999_release_notes.up.sql"},
        {"supabase-auth", "29991231000000_release_notes.up.sql"},
        {"pg-regress", "zz_release_notes.sql"},
    };
    for (const auto& [name, new_file] : corpora) {
        TempDir dir;
        std::filesystem::copy(k_corpora / name, dir.path() / "migrations", std::filesystem::copy_options::recursive);
        std::filesystem::remove(dir.path() / "migrations" / "SOURCE.txt");
        std::filesystem::remove(dir.path() / "migrations" / "APPLY_ORDER.txt");
        if (name == "pg-regress") { dir.write("schemagate.yaml", "naming: '^[a-z0-9_]+\\.sql$'\n"); }
        ASSERT_EQ(0,
                  run("git init -q -b main . && git add -A && git -c user.name=t -c user.email=t@t commit -q -m base",
                      dir.path())
                      .exit_code);
        dir.write("migrations/" + new_file, k_clean);
        Outcome lint = schemagate("lint migrations --base main --format json", dir.path());
        EXPECT_EQ(0, lint.exit_code) << name << "\n" << lint.out << lint.err;
        nlohmann::json report = nlohmann::json::parse(lint.out);
        EXPECT_TRUE(report["findings"].empty()) << name << ": " << report["findings"].dump();
        EXPECT_EQ(1, report["summary"]["linted_in_full"]) << name;
    }
}
