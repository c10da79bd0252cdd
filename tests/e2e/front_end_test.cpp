// The two binaries (cli/app.hpp): `schemagate` runs lint, rules, hook and history without
// libpq, libpqxx or libarchive, and hands every other command to `schemagate-db` beside it.
#include "tool.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fs = std::filesystem;
using namespace e2e;

TEST(FrontEndE2E, LinksNoDatabaseOrArchiveLibrary) {
    Outcome needed = run("readelf -d '" SCHEMAGATE_BINARY "'");
    ASSERT_EQ(0, needed.exit_code) << needed.err;
    EXPECT_NE(std::string::npos, needed.out.find("(NEEDED)")) << needed.out;  // libpg_query 17 is linked statically
    for (const char* library : {"libpq.", "libpqxx", "libarchive"}) {
        EXPECT_EQ(std::string::npos, needed.out.find(library)) << library << " in\n" << needed.out;
    }
}

TEST(FrontEndE2E, HelpAndDatabaseCommandsReachTheFullCli) {
    Outcome help = schemagate("--help");
    ASSERT_EQ(0, help.exit_code) << help.err;
    for (const char* command : {"lint", "run", "check", "rules", "hook", "history", "gate", "migrate"}) {
        EXPECT_NE(std::string::npos, help.out.find(command)) << command << " missing from\n" << help.out;
    }
    Outcome run_help = schemagate("run --help");
    EXPECT_EQ(0, run_help.exit_code) << run_help.err;
    EXPECT_NE(std::string::npos, run_help.out.find("--verify-idempotency")) << run_help.out;
}

TEST(FrontEndE2E, WithoutSchemagateDbLintStillRunsAndRunSaysWhatIsMissing) {
    TempDir dir;
    fs::copy_file(SCHEMAGATE_BINARY, dir.path() / "schemagate");
    dir.write("migrations/0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);\n");
    std::string alone = "'" + (dir.path() / "schemagate").string() + "' ";

    Outcome lint = run("XDG_CACHE_HOME=cache " + alone + "lint migrations --format json", dir.path());
    EXPECT_EQ(0, lint.exit_code) << lint.out << lint.err;

    Outcome applied = run(alone + "run migrations", dir.path());
    EXPECT_EQ(2, applied.exit_code) << applied.out << applied.err;
    EXPECT_EQ(1, std::count(applied.err.begin(), applied.err.end(), '\n')) << applied.err;
    EXPECT_NE(std::string::npos, applied.err.find((dir.path() / "schemagate-db").string())) << applied.err;
}

TEST(FrontEndE2E, HookInstalledFromSchemagateDbRunsTheFrontEnd) {
    TempDir dir;
    ASSERT_EQ(0, run("git init -q .", dir.path()).exit_code);
    fs::path full = fs::path(SCHEMAGATE_BINARY).parent_path() / "schemagate-db";
    Outcome installed = run("'" + full.string() + "' hook install", dir.path());
    ASSERT_EQ(0, installed.exit_code) << installed.out << installed.err;
    std::string hook = slurp(dir.path() / ".git" / "hooks" / "pre-commit");
    std::string front = fs::canonical(SCHEMAGATE_BINARY).string();  // as /proc/self/exe gives it
    EXPECT_NE(std::string::npos, hook.find("SCHEMAGATE_BIN='" + front + "'")) << hook;
}

TEST(FrontEndE2E, TypoedCommandOrFlagGetsDidYouMeanAndExitTwo) {
    Outcome command = schemagate("lnt migrations");
    EXPECT_EQ(2, command.exit_code);
    EXPECT_NE(std::string::npos, command.err.find("unknown command 'lnt': did you mean 'lint'? (commands: lint, run"))
        << command.err;
    Outcome flag = schemagate("lint --stagd migrations");
    EXPECT_EQ(2, flag.exit_code);
    EXPECT_NE(std::string::npos, flag.err.find("did you mean '--staged'?")) << flag.err;
}
