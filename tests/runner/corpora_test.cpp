// Real projects from ../shared/corpora (skipped when the corpora are absent, failed under CI=true), applied on
// the shared cluster, each in its own database.
#include "corpora.hpp"
#include "pg_environment.hpp"

#include "runner/apply.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

fs::path corpus(const std::string& name) { return test_support::corpora_dir() / name; }

// SETUP.sql sits beside the migrations; core's golang-migrate discovery still lists it
// (as a misnamed migration), so it is dropped here: it runs as setup.
core::Report apply_corpus(const fs::path& dir, const runner::ApplyOptions& options) {
    core::MigrationSet set = core::discover({dir}, {});
    std::erase_if(set.migrations, [](const core::Migration& m) { return m.id == "SETUP.sql"; });
    pqxx::connection cx(runner_test::fresh_database());
    return runner::apply(cx, set, options);
}

int applied(const core::Report& report) {
    int n = 0;
    for (const core::MigrationRecord& record : report.migrations) {
        n += record.status == core::MigrationStatus::applied;
    }
    return n;
}

}  // namespace

TEST(CorporaTest, HarborAppliesAfterSetup) {
    REQUIRE_CORPORA();
    runner::ApplyOptions options;
    options.setup = {corpus("harbor") / "SETUP.sql"};
    core::Report report = apply_corpus(corpus("harbor"), options);
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].file << ':' << report.findings[0].start.line << ": "
                                         << report.findings[0].message;
    EXPECT_EQ(39, applied(report));
}

TEST(CorporaTest, SupabaseAuthAsStoredFailsAtFirstFile) {
    REQUIRE_CORPORA();
    core::Report report = apply_corpus(corpus("supabase-auth"), {});
    ASSERT_EQ(1u, report.findings.size());
    EXPECT_TRUE(report.migration_failed);
    EXPECT_NE(std::string::npos, report.findings[0].file.find("00_init_auth_schema.up.sql"));
    EXPECT_GT(report.findings[0].start.line, 0);
    EXPECT_NE(std::string::npos, report.findings[0].message.find("syntax error")) << report.findings[0].message;
}

TEST(CorporaTest, SupabaseAuthAppliesWithPlaceholderAndSetup) {
    REQUIRE_CORPORA();
    runner::ApplyOptions options;
    options.setup = {corpus("supabase-auth") / "SETUP.sql"};
    options.placeholders = {{"{{ index .Options \"Namespace\" }}", "auth"},
                            {"{{index .Options \"Namespace\" }}", "auth"}};
    core::Report report = apply_corpus(corpus("supabase-auth"), options);
    EXPECT_TRUE(report.findings.empty()) << report.findings[0].file << ':' << report.findings[0].start.line << ": "
                                         << report.findings[0].message;
    EXPECT_EQ(70, applied(report));
}
