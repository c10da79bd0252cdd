#include "core/config.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {

fs::path write_config(const std::string& text) {
    std::string pattern = (fs::temp_directory_path() / "sg-config-XXXXXX").string();
    fs::path dir = mkdtemp(pattern.data());
    std::ofstream(dir / "schemagate.yaml") << text;
    return dir / "schemagate.yaml";
}

std::string error_of(const fs::path& file) {
    try {
        core::load_config(file);
    } catch (const core::Error& e) { return e.what(); }
    return "";
}

}  // namespace

TEST(ConfigTest, ReadsEveryKnownKey) {
    fs::path file = write_config(
        "migrations: db/migrations\nnaming: flyway\nimmutable_after: origin/main\n"
        "require: db/required_schema.yaml\npostgres: {version: 15}\n"
        "rules: {idempotency: warning, prefer-bigint-over-int: off}\n"
        "setup: [setup.sql]\nplaceholders: {'${schema}': public}\nno_transaction: [m/0003_index.sql]\n");
    core::Config config = core::load_config(file);
    EXPECT_EQ(file.parent_path() / "db/migrations", config.migrations);
    EXPECT_EQ("flyway", config.naming);
    EXPECT_EQ("origin/main", config.immutable_after);
    EXPECT_EQ(15, config.postgres_version);
    EXPECT_EQ("warning", config.rules.at("idempotency").severity);
    EXPECT_EQ(6, config.rules.at("idempotency").line);
    ASSERT_EQ(1u, config.placeholders.size());
    EXPECT_EQ("${schema}", config.placeholders[0].first);
    ASSERT_EQ(1u, config.no_transaction.size());
    EXPECT_EQ(file.parent_path() / "m/0003_index.sql", config.no_transaction[0]);
    fs::remove_all(file.parent_path());
}

TEST(ConfigTest, UnknownKeyNamesLineColumnAndNearestKey) {
    fs::path file = write_config("migrations: m\nimutable_after: main\n");
    std::string message = error_of(file);
    EXPECT_NE(std::string::npos, message.find("schemagate.yaml:2:1: unknown key 'imutable_after'")) << message;
    EXPECT_NE(std::string::npos, message.find("did you mean 'immutable_after'?")) << message;
    fs::remove_all(file.parent_path());
}

TEST(ConfigTest, BadSeverityAndBadYamlAreLocated) {
    fs::path bad_severity = write_config("rules:\n  idempotency: fatal\n");
    EXPECT_NE(std::string::npos, error_of(bad_severity).find("schemagate.yaml:2:16:")) << error_of(bad_severity);
    fs::path bad_yaml = write_config("rules: {idempotency: error\n");
    EXPECT_NE(std::string::npos, error_of(bad_yaml).find("schemagate.yaml:2:")) << error_of(bad_yaml);
    fs::remove_all(bad_severity.parent_path());
    fs::remove_all(bad_yaml.parent_path());
}

TEST(ConfigTest, FindConfigWalksUp) {
    fs::path file = write_config("naming: timestamp\n");
    fs::create_directories(file.parent_path() / "a/b");
    EXPECT_EQ(file, core::find_config(file.parent_path() / "a/b"));
    fs::remove_all(file.parent_path());
}

TEST(SubstituteTest, ReplacesLiteralTextEverywhere) {
    EXPECT_EQ(
        "CREATE TABLE auth.users (); GRANT ALL ON auth.users TO x;",
        core::substitute("CREATE TABLE {{ ns }}.users (); GRANT ALL ON {{ ns }}.users TO x;", {{"{{ ns }}", "auth"}}));
}

TEST(ConfigTest, TimeoutsAreDurationsInMilliseconds) {
    core::Config config = core::load_config(write_config("lock_timeout: 5s\nstatement_timeout: 1min\n"));
    EXPECT_EQ(5000, config.lock_timeout_ms);
    EXPECT_EQ(60000, config.statement_timeout_ms);
    EXPECT_EQ(250, core::load_config(write_config("lock_timeout: 250\n")).lock_timeout_ms);
    EXPECT_EQ(0, core::load_config(write_config("statement_timeout: 0\n")).statement_timeout_ms);
    EXPECT_EQ(-1, core::load_config(write_config("naming: flyway\n")).lock_timeout_ms);
    std::string error = error_of(write_config("naming: flyway\nlock_timeout: soon\n"));
    EXPECT_NE(std::string::npos, error.find("schemagate.yaml:2:15: 'lock_timeout' must be a duration")) << error;
}
