// No output of any command, in any format, ever holds a password: malformed URLs (which
// libpq refuses and quotes), other schemes, stray '@', IPv6, keyword strings, PGPASSWORD
// and .pgpass, fed to every command that takes a database URL.
#include "tool.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace e2e;

namespace {

const char* const k_password = "Sup3rS3cret";

const std::vector<std::string> k_urls = {
    "postgresql://admin:100%Sup3rS3cret@localhost/db",    // bad percent-encoding
    "postgres+asyncpg://admin:Sup3rS3cret@localhost/db",  // a driver's scheme
    "mysql://admin:Sup3rS3cret@localhost/db",             // unknown scheme
    "postgresql://admin:Sup3rS3cret@stray@localhost/db",  // stray '@'
    "postgresql://admin:Sup3rS3cret@[::1]:1/db",          // IPv6, nothing listening
    "postgresql://admin:Sup3rS3cret@[::1/db",             // unterminated IPv6
    "postgresql://admin:Sup3rS3cret@127.0.0.1:1/db?sslmode=bogus",
    "host=127.0.0.1 port=1 password=Sup3rS3cret bogus=1",  // keyword string, unknown keyword
    "host=127.0.0.1 port=1 password='Sup3rS3cret",         // unterminated quote
};

const std::vector<std::string> k_commands = {"check", "run", "gate", "migrate"};
const std::vector<std::string> k_formats = {"text", "json", "sarif", "junit", "markdown", "github"};

void expect_no_password(const Outcome& outcome, const std::string& what) {
    EXPECT_EQ(std::string::npos, outcome.out.find(k_password)) << what << "\n" << outcome.out;
    EXPECT_EQ(std::string::npos, outcome.err.find(k_password)) << what << "\n" << outcome.err;
    EXPECT_EQ(2, outcome.exit_code) << what << "\n" << outcome.err;
}

}  // namespace

TEST(SecretsE2E, MalformedUrlsInEveryCommandAndFormat) {
    TempDir dir;
    dir.write("migrations/0001_init.sql", "CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY);\n");
    for (const std::string& command : k_commands) {
        for (const std::string& url : k_urls) {
            for (const std::string& format : k_formats) {
                std::string args = command + " migrations --format " + format + " --database-url '" + url + "'";
                expect_no_password(schemagate(args, dir.path()), args);
            }
            std::string args = "gate migrations --database-url 'host=/nowhere' --compare-url '" + url + "'";
            Outcome compare = schemagate(args, dir.path());
            EXPECT_EQ(std::string::npos, compare.err.find(k_password)) << args << "\n" << compare.err;
        }
    }
}

TEST(SecretsE2E, UrlInAnUnexpectedPlaceOrTheEnvironment) {
    TempDir dir;
    dir.write("migrations/0001_init.sql", "CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY);\n");
    expect_no_password(schemagate("gate --database-ur 'postgresql://a:Sup3rS3cret@h/db' migrations", dir.path()),
                       "misspelt flag");
    expect_no_password(schemagate("check 'postgresql://a:Sup3rS3cret@h/db'", dir.path()), "URL as the directory");
    Outcome env = run("DATABASE_URL='postgresql://a:100%Sup3rS3cret@h/db' " SCHEMAGATE_BINARY
                      " gate migrations --format json",
                      dir.path());
    expect_no_password(env, "DATABASE_URL");
}

TEST(SecretsE2E, PgpassAndPgpasswordAreNeverEchoed) {
    TempDir dir;
    dir.write("migrations/0001_init.sql", "CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY);\n");
    dir.write("pgpass", "*:*:*:*:Sup3rS3cret\n");
    std::string env = "chmod 600 pgpass && PGPASSFILE=$PWD/pgpass PGPASSWORD=Sup3rS3cret ";
    Outcome outcome = run(env + SCHEMAGATE_BINARY " gate migrations --database-url 'postgresql://a@h/Sup3rS3cret'",
                          dir.path());
    expect_no_password(outcome, "a password that is also the database's name");
}
