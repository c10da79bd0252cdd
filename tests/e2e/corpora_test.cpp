// The real projects of ../shared/corpora through the binary, configured as their users
// would configure schemagate (order files, setup SQL, placeholders).
#include "tool.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace fs = std::filesystem;
using namespace e2e;

namespace {

int applied(const nlohmann::json& report) {
    int n = 0;
    for (const auto& migration : report["migrations"]) { n += migration["status"] == "applied"; }
    return n;
}

// temporal's APPLY_ORDER.txt lists two stores, each under a "# db: NAME" heading; they
// go to two databases. Returns NAME -> the store's order file written into `dir`.
std::map<std::string, fs::path> split_temporal_order(const TempDir& dir) {
    std::istringstream lines(slurp(k_corpora / "temporal" / "APPLY_ORDER.txt"));
    std::map<std::string, std::string> stores;
    std::string store;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("# db: ", 0) == 0) {
            store = line.substr(6, line.find(' ', 6) - 6);
        } else if (!line.empty() && line[0] != '#') {
            stores[store] += (k_corpora / "temporal" / line).string() + "\n";
        }
    }
    std::map<std::string, fs::path> files;
    for (const auto& [name, text] : stores) {
        dir.write(name + ".order", text);
        files[name] = dir.path() / (name + ".order");
    }
    return files;
}

}  // namespace

TEST(CorporaE2E, TemporalBothStoresApplyInOrderFileOrder) {
    REQUIRE_CORPORA();
    TempDir dir;
    std::map<std::string, fs::path> stores = split_temporal_order(dir);
    ASSERT_EQ(2u, stores.size());
    std::map<std::string, int> expected{{"temporal", 25}, {"visibility", 15}};
    for (const auto& [name, order] : stores) {
        // Two files mix CREATE INDEX CONCURRENTLY with other statements: they run, as
        // temporal's own tool runs everything, outside a transaction.
        fs::path visibility = k_corpora / "temporal/v12/visibility/versioned";
        std::string no_transaction =
            "[" + (visibility / "v1.13/combined_v1.10_v1.13.sql").string() + ", " +
            (visibility / "v1.14/add_external_payload_size_and_count_search_attributes.sql").string() + "]";
        dir.write(name + "/schemagate.yaml", "migrations: " + (k_corpora / "temporal").string() + "\norder: " +
                                                 order.string() + "\nno_transaction: " + no_transaction + "\n");
        Outcome outcome = schemagate("run --format json", dir.path() / name);
        ASSERT_EQ(0, outcome.exit_code) << name << ": " << outcome.out.substr(0, 3000) << outcome.err;
        EXPECT_EQ(expected[name], applied(nlohmann::json::parse(outcome.out))) << name;
    }
}

TEST(CorporaE2E, HarborAppliesWithItsSetup) {
    REQUIRE_CORPORA();
    TempDir dir;
    fs::path harbor = k_corpora / "harbor";
    dir.write("schemagate.yaml",
              "migrations: " + harbor.string() + "\nsetup: " + (harbor / "SETUP.sql").string() + "\n");
    Outcome outcome = schemagate("run --format json", dir.path());
    ASSERT_EQ(0, outcome.exit_code) << outcome.out.substr(0, 3000) << outcome.err;
    EXPECT_EQ(39, applied(nlohmann::json::parse(outcome.out)));
}

TEST(CorporaE2E, SupabaseAuthAsStoredFailsAtFileOneWithTheSyntaxError) {
    REQUIRE_CORPORA();
    Outcome outcome = schemagate("run '" + (k_corpora / "supabase-auth").string() + "' --format json");
    ASSERT_EQ(1, outcome.exit_code) << outcome.err;
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    ASSERT_EQ(1u, report["findings"].size()) << report["findings"];
    const auto& finding = report["findings"][0];
    EXPECT_EQ("migration-failed", finding["rule"]);
    EXPECT_NE(std::string::npos, finding["file"].get<std::string>().find("00_init_auth_schema.up.sql"));
    EXPECT_GT(finding["line"].get<int>(), 0);
    EXPECT_NE(std::string::npos, finding["message"].get<std::string>().find("syntax error")) << finding;
    EXPECT_EQ(0, applied(report));
}

TEST(CorporaE2E, SupabaseAuthAppliesWithPlaceholdersAndSetup) {
    REQUIRE_CORPORA();
    TempDir dir;
    fs::path auth = k_corpora / "supabase-auth";
    dir.write("schemagate.yaml", "migrations: " + auth.string() + "\nsetup: " + (auth / "SETUP.sql").string() +
                                     "\nplaceholders:\n  '{{ index .Options \"Namespace\" }}': auth\n"
                                     "  '{{index .Options \"Namespace\" }}': auth\n");
    Outcome outcome = schemagate("check --format json", dir.path());
    nlohmann::json report = nlohmann::json::parse(outcome.out);
    EXPECT_EQ(70, applied(report)) << outcome.err;
    for (const auto& finding : report["findings"]) {
        EXPECT_NE("migration-failed", finding["rule"]) << finding;
        EXPECT_NE("parse-error", finding["rule"]) << finding;
    }
}

namespace {

// `check` on documenso with its required schema; `extra` is appended to that schema.
nlohmann::json check_documenso(const std::string& extra, int& exit_code) {
    TempDir dir;
    fs::path fixtures = k_source / "fixtures" / "corpora";
    dir.write("required_schema.yaml", slurp(fixtures / "documenso.required_schema.yaml") + extra);
    dir.write("schemagate.yaml", slurp(fixtures / "documenso.schemagate.yaml") + "migrations: " +
                                     (k_corpora / "documenso").string() + "\nrequire: required_schema.yaml\n");
    Outcome outcome = schemagate("check --format json", dir.path());
    exit_code = outcome.exit_code;
    return nlohmann::json::parse(outcome.out);
}

}  // namespace

TEST(CorporaE2E, DocumensoCheckPassesItsRequiredSchema) {
    REQUIRE_CORPORA();
    int exit_code = -1;
    nlohmann::json report = check_documenso("", exit_code);
    EXPECT_EQ(0, exit_code) << report["findings"];
    EXPECT_EQ("pass", report["verdict"]);
    EXPECT_EQ(163, applied(report));
}

TEST(CorporaE2E, DocumensoMissingColumnAndRlsAreExactlyTheTwoBlockers) {
    REQUIRE_CORPORA();
    int exit_code = -1;
    nlohmann::json report = check_documenso("  Passkey:\n    required: [id, userId, nickname]\n    rls: true\n",
                                            exit_code);
    EXPECT_EQ(1, exit_code);
    EXPECT_EQ("fail", report["verdict"]);
    EXPECT_EQ(2, report["summary"]["blockers"]) << report["findings"];
    std::vector<std::string> blockers;
    for (const auto& finding : report["findings"]) {
        if (finding["blocking"].get<bool>()) { blockers.push_back(finding["rule"].get<std::string>()); }
    }
    std::sort(blockers.begin(), blockers.end());
    EXPECT_EQ((std::vector<std::string>{"missing-column", "rls-disabled"}), blockers);
}

TEST(RunE2E, TwoRunsAtOnceBothSucceedWhileRacingToCacheTheDataDirectory) {
    TempDir cache;  // empty: both runs create the pristine data directory at the same time
    std::string env = "XDG_CACHE_HOME='" + cache.path().string() + "' ";
    auto one = [&](const std::string& name) {
        return "(" + env + "'" SCHEMAGATE_BINARY "' run '" + (k_source / "migrations").string() + "' >/dev/null 2>'" +
               (cache.path() / name).string() + "'; echo $? >'" + (cache.path() / (name + ".rc")).string() + "')";
    };
    std::string command = one("a") + " & " + one("b") + " & wait";
    ASSERT_EQ(0, std::system(command.c_str()));
    EXPECT_EQ("0\n", slurp(cache.path() / "a.rc")) << slurp(cache.path() / "a");
    EXPECT_EQ("0\n", slurp(cache.path() / "b.rc")) << slurp(cache.path() / "b");
}
