// The presets' hand matchers against the ECMAScript regexes they document: odd names one by
// one, then every name built from a small alphabet of the characters that matter.
#include "core/error.hpp"
#include "core/migration.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace {

const std::vector<std::string> k_presets = {"default", "flyway", "golang-migrate", "timestamp", "prisma", "diesel"};

bool documented(const core::Naming& naming, const std::string& id) {
    return std::regex_search(id, std::regex(naming.pattern, std::regex::ECMAScript));
}

}  // namespace

TEST(NamingTest, OddNamesOneByOne) {
    struct Case {
        std::string preset;
        std::string id;
        bool ok;
    };
    const std::vector<Case> cases = {
        {"default", "0001_add_users.sql", true},
        {"default", "0001_.sql", false},
        {"default", "001_add.sql", false},
        {"default", "00011_add.sql", false},
        {"default", "0001_Add.sql", false},
        {"default", "0001_add.sql.bak", false},
        {"default", "0001_a.b.sql", false},
        {"flyway", "V1__init.sql", true},
        {"flyway", "V1.2_3__a-b.c.sql", true},
        {"flyway", "V1__2__x.sql", true},
        {"flyway", "V1.__x.sql", false},
        {"flyway", "V__x.sql", false},
        {"flyway", "v1__x.sql", false},
        {"flyway", "V1__.sql", false},
        {"flyway", "V1___.sql", true},
        {"golang-migrate", "1_a.up.sql", true},
        {"golang-migrate", "1_.up.sql", false},
        {"golang-migrate", "1_a.down.sql", false},
        {"golang-migrate", "1__.up.sql", true},
        {"golang-migrate", "_a.up.sql", false},
        {"timestamp", "20240501120000_a.sql", true},
        {"timestamp", "2024050112000_a.sql", false},
        {"prisma", "20240501120000_init", true},
        {"prisma", "20240501120000_", false},
        {"prisma", "20240501120000_Init", false},
        {"diesel", "00000000000000_diesel_initial_setup", true},
        {"diesel", "2024-05-01-120000_add users", true},
        {"diesel", "2024-05-01-120000-0001_x", true},
        {"diesel", "2024-05-01-120000-000_x", false},
        {"diesel", "2024-05-01-120000-0001_", false},
        {"diesel", "2024-05-01-120000_", false},
        {"diesel", "2024-05-01-120000_a\nb", false},
        {"diesel", "2024-05-01-120000_a\rb", false},
        {"diesel", std::string("2024-05-01-120000_a\0b", 20), true},
        {"diesel", "2024-05-01-120000_\xc3\xa9", true},
        {"diesel", "2024-5-01-120000_x", false},
    };
    for (const Case& c : cases) {
        core::Naming naming = core::make_naming(c.preset);
        EXPECT_EQ(c.ok, core::naming_matches(naming, c.id)) << c.preset << " " << c.id;
        EXPECT_EQ(documented(naming, c.id), core::naming_matches(naming, c.id)) << c.preset << " " << c.id;
    }
}

TEST(NamingTest, EveryShortNameAgreesWithTheDocumentedRegex) {
    // Names of up to 4 characters over the alphabet, inside frames that reach each preset's tail.
    const std::string alphabet = std::string("0a_.-VZ\n\xe9", 9);
    const std::vector<std::pair<std::string, std::string>> frames = {
        {"", ""},
        {"0001", ".sql"},
        {"V1", ".sql"},
        {"1", ".up.sql"},
        {"20240501120000", ".sql"},
        {"20240501120000", ""},
        {"2024-05-01-120000", ""},
        {"2024-05-01-120000-", "_x"},
        {"2024-05-01-120000-00", ""},
        {"", "_x"},
    };
    std::vector<std::string> middles = {""};
    for (std::size_t length = 1, begin = 0; length <= 4; ++length) {
        std::size_t end = middles.size();
        for (std::size_t i = begin; i < end; ++i) {
            for (char c : alphabet) { middles.push_back(middles[i] + c); }
        }
        begin = end;
    }
    for (const std::string& preset : k_presets) {
        core::Naming naming = core::make_naming(preset);
        std::regex regex(naming.pattern, std::regex::ECMAScript);
        for (const auto& [head, tail] : frames) {
            for (const std::string& middle : middles) {
                std::string id = head + middle + tail;
                ASSERT_EQ(std::regex_search(id, regex), core::naming_matches(naming, id))
                    << preset << " '" << id << "'";
            }
        }
    }
}

TEST(NamingTest, CustomNamingIsARegex) {
    core::Naming naming = core::make_naming("^[0-9]+-.*\\.sql$");
    EXPECT_EQ("custom", naming.preset);
    EXPECT_TRUE(core::naming_matches(naming, "12-x.sql"));
    EXPECT_FALSE(core::naming_matches(naming, "x-12.sql"));
    EXPECT_THROW(core::make_naming("(unclosed"), core::Error);
}
