#include "core/secrets.hpp"

#include <gtest/gtest.h>

using core::passwords_in;
using core::redact;

TEST(SecretsTest, FindsUrlPasswordsEvenWhereLibpqRefusesTheUrl) {
    EXPECT_EQ((std::vector<std::string>{"100%secret"}), passwords_in("postgresql://admin:100%secret@host/db"));
    EXPECT_EQ((std::vector<std::string>{"pw"}), passwords_in("postgres+asyncpg://admin:pw@host:5432/db"));
    EXPECT_EQ((std::vector<std::string>{"p@ss"}), passwords_in("postgresql://admin:p@ss@host/db"));
    EXPECT_EQ((std::vector<std::string>{"s3cret"}), passwords_in("postgresql://admin:s3cret@[::1]:5432/db"));
    EXPECT_EQ((std::vector<std::string>{"p%40w", "p@w"}), passwords_in("postgresql://u:p%40w@h/db"));
    EXPECT_TRUE(passwords_in("postgresql://admin@host/db").empty());
    EXPECT_TRUE(passwords_in("migrations/0001_init.sql").empty());
}

TEST(SecretsTest, FindsKeywordPasswords) {
    EXPECT_EQ((std::vector<std::string>{"hunter2"}), passwords_in("host=h password=hunter2 dbname=x"));
    EXPECT_EQ((std::vector<std::string>{"it's me"}), passwords_in("host=h password = 'it\\'s me'"));
    EXPECT_EQ((std::vector<std::string>{"qq"}), passwords_in("postgresql://h/db?user=u&password=qq&sslmode=off"));
}

TEST(SecretsTest, RedactsEveryFormTheOutputMayHoldAndNothingElse) {
    EXPECT_EQ("invalid percent-encoded token: \"***\"",
              redact("invalid percent-encoded token: \"100%secret\"", {"100%secret"}));
    EXPECT_EQ("{\"m\": \"x *** y\"}", redact("{\"m\": \"x a\\\"b y\"}", {"a\"b"}));
    EXPECT_EQ("<f m=\"***\"/>", redact("<f m=\"a&lt;b\"/>", {"a<b"}));
    EXPECT_EQ("the same text", redact("the same text", {"x"}));  // too short to mask
    EXPECT_EQ("*** and ***", redact("abcd and abc", {"abc", "abcd"}));
}
