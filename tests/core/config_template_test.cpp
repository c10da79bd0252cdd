#include "core/config.hpp"
#include "core/config_keys.hpp"
#include "core/config_template.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace {

core::DetectedProject flyway_project() {
    return {"db/migration", "flyway", 12, "1.12", "db/migration/required_schema.yaml"};
}

}  // namespace

TEST(ConfigTemplateTest, ReadsBackAsTheDetectedValues) {
    std::string pattern = (fs::temp_directory_path() / "sg-template-XXXXXX").string();
    fs::path dir = mkdtemp(pattern.data());
    std::ofstream(dir / "schemagate.yaml") << core::config_template(flyway_project());
    core::Config config = core::load_config(dir / "schemagate.yaml");
    EXPECT_EQ(dir / "db/migration", config.migrations);
    EXPECT_EQ("flyway", config.naming);
    EXPECT_EQ(dir / "db/migration/required_schema.yaml", config.require);
    EXPECT_EQ("", config.baseline);  // suggested in a comment, not set
    EXPECT_EQ("schemagate", config.history.format);
    fs::remove_all(dir);
}

TEST(ConfigTemplateTest, EveryKeyTheReaderAcceptsIsThereWithAComment) {
    std::string text = core::config_template(flyway_project());
    for (const std::string& key : core::config_keys()) {
        std::string last = key.substr(key.rfind('.') + 1);
        std::regex line("(^|\\n)(# )?\\s*" + last + ":");
        EXPECT_TRUE(std::regex_search(text, line))
            << key << " is not in the template: add it, commented, to core/config_template.cpp\n"
            << text;
    }
    EXPECT_NE(std::string::npos, text.find("# history:\n#   format: flyway")) << text;
}

TEST(ConfigTemplateTest, NoRequiredSchemaLeavesRequireCommented) {
    std::string text = core::config_template({"migrations", "default", 0, "", ""});
    EXPECT_NE(std::string::npos, text.find("# require: ")) << text;
    EXPECT_NE(std::string::npos, text.find("no migration found yet")) << text;
}
