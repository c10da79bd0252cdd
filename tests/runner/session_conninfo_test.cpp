// session_conninfo: a URL or keywords rebuilt with the session settings in libpq `options`. No server.
#include "runner/production.hpp"

#include "core/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using runner::session_conninfo;
using runner::SessionOptions;

TEST(SessionConninfo, UrlBecomesKeywordsWithTheReadOnlySessionSettings) {
    EXPECT_EQ(
        session_conninfo("postgresql://app:s3cret@db.example.com:5433/shop?sslmode=require", SessionOptions{}, true),
        "user='app' password='s3cret' dbname='shop' host='db.example.com' port='5433' sslmode='require' "
        "options=' -c default_transaction_read_only=on -c lock_timeout=2000 -c statement_timeout=30000' "
        "application_name='schemagate'");
}

TEST(SessionConninfo, KeywordsWithZeroTimeoutsAndNotReadOnly) {
    SessionOptions options;
    options.lock_timeout_ms = 0;
    options.statement_timeout_ms = 0;
    EXPECT_EQ(session_conninfo("host=/tmp port=5432 dbname=app", options, false),
              "dbname='app' host='/tmp' port='5432' options=' -c lock_timeout=0 -c statement_timeout=0' "
              "application_name='schemagate'");
}

TEST(SessionConninfo, ExistingOptionsAreKeptAndExtended) {
    SessionOptions options;
    options.lock_timeout_ms = 500;
    options.statement_timeout_ms = 0;
    options.check_client_connection = true;
    EXPECT_EQ(session_conninfo("postgresql:///app?options=-c%20search_path%3Dshop", options, true),
              "dbname='app' options='-c search_path=shop -c default_transaction_read_only=on -c lock_timeout=500 "
              "-c statement_timeout=0 -c client_connection_check_interval=1000' application_name='schemagate'");
}

TEST(SessionConninfo, ValuesAreQuotedAndEscaped) {
    EXPECT_EQ(session_conninfo("dbname=app password='it\\'s \\\\ here'", SessionOptions{}, false),
              "password='it\\'s \\\\ here' dbname='app' options=' -c lock_timeout=2000 -c statement_timeout=30000' "
              "application_name='schemagate'");
}

// The message of the core::Error thrown for `conninfo`, "" when none is thrown.
std::string error_of(const std::string& conninfo) {
    try {
        session_conninfo(conninfo, SessionOptions{}, true);
    } catch (const core::Error& e) { return e.what(); }
    return "";
}

TEST(SessionConninfo, TextThatDoesNotParseThrowsWithoutThePassword) {
    for (std::string conninfo : {
             std::string("postgresql://app:hunter2@[::1/app"),       // unterminated IPv6 address
             std::string("postgresql://app:hunter2%zz@host/app"),    // bad percent-encoding in the password
             std::string("hunter2 host=db"),                         // a password pasted without its keyword
             std::string("host=db password='hunter2"),               // unterminated quote
             std::string("postgresql://app:hun\"ter2%zz@host/app"),  // a double quote in the password
         }) {
        std::string message = error_of(conninfo);
        EXPECT_EQ(message.rfind("the database URL does not parse: ", 0), 0U) << conninfo << ": " << message;
        EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
        EXPECT_EQ(message.find("ter2"), std::string::npos) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

}  // namespace
