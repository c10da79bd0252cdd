// docs/configuration.md names every key the config reader accepts, and the examples of
// docs/configuration.md and docs/required-schema.md are read by the readers they document.
#include "core/config.hpp"
#include "core/config_keys.hpp"
#include "gate/required_schema.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path k_docs = fs::path(SCHEMAGATE_SOURCE_DIR) / "docs";

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The first ```yaml block after `heading`.
std::string yaml_block(const std::string& page, const std::string& heading) {
    std::size_t at = page.find(heading);
    if (at == std::string::npos) { return ""; }
    std::size_t begin = page.find("```yaml\n", at);
    if (begin == std::string::npos) { return ""; }
    begin += 8;
    return page.substr(begin, page.find("```", begin) - begin);
}

}  // namespace

TEST(ConfigReferenceTest, EveryKeyTheReaderAcceptsHasASection) {
    std::string page = slurp(k_docs / "configuration.md");
    ASSERT_FALSE(page.empty());
    for (const std::string& key : core::config_keys()) {
        std::string heading = "## `" + key.substr(0, key.find('.')) + "`";
        EXPECT_NE(std::string::npos, page.find(heading))
            << heading << " missing: document the key in docs/configuration.md";
        EXPECT_NE(std::string::npos, page.find("`" + key + "`")) << key << " missing from docs/configuration.md";
    }
}

TEST(ConfigReferenceTest, TheExampleWithEveryKeyLoads) {
    std::string yaml = yaml_block(slurp(k_docs / "configuration.md"), "Every key the reader accepts");
    ASSERT_FALSE(yaml.empty());
    std::string pattern = (fs::temp_directory_path() / "sg-docs-XXXXXX").string();
    fs::path dir = mkdtemp(pattern.data());
    std::ofstream(dir / "schemagate.yaml") << yaml;
    core::Config config = core::load_config(dir / "schemagate.yaml");
    EXPECT_EQ("flyway", config.history.format);
    EXPECT_EQ(15, config.postgres_version);
    EXPECT_EQ("0042", config.baseline);
    fs::remove_all(dir);
    for (const std::string& key : core::config_keys()) {
        std::string last = key.substr(key.rfind('.') + 1);
        EXPECT_NE(std::string::npos, yaml.find(last + ":")) << key << " missing from the example";
    }
}

TEST(RequiredSchemaReferenceTest, TheWholeFormatExampleIsReadAndUsesEveryPart) {
    std::string yaml = yaml_block(slurp(k_docs / "required-schema.md"), "## The whole format");
    ASSERT_FALSE(yaml.empty());
    gate::RequiredSchema schema = gate::parse_required_schema(yaml, "docs/required-schema.md");
    ASSERT_EQ(2u, schema.tables.size());
    const gate::TableSpec& users = schema.tables[0];
    EXPECT_FALSE(users.required.empty());
    EXPECT_FALSE(users.optional.empty());
    EXPECT_EQ(4u, users.columns.size());
    EXPECT_TRUE(users.rls.has_value());
    EXPECT_TRUE(users.primary_key.has_value());
    EXPECT_EQ(2u, users.unique.size());
    EXPECT_EQ(2u, users.foreign_keys.size());
    EXPECT_EQ(3u, users.indexes.size());
    EXPECT_EQ("auth", schema.tables[1].table.schema);
    EXPECT_EQ(1u, schema.extensions.size());
    EXPECT_EQ(1u, schema.enums.size());
    EXPECT_EQ(5u, schema.forbidden.size());
    ASSERT_EQ(1u, schema.checks.size());
    EXPECT_TRUE(schema.checks[0].blocking);
}
