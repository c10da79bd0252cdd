#pragma once
// A read-only session on a live database (production, staging): what the production gate
// reads. Read-only by construction: the connection starts with
// default_transaction_read_only=on, lock_timeout and statement_timeout (libpq `options`),
// and every query runs in a READ ONLY transaction. Messages never show the password.

#include "runner/history_source.hpp"
#include "runner/snapshot.hpp"

#include <pqxx/connection>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace runner {

struct SessionOptions {
    int lock_timeout_ms = 2000;        ///< how long a query may wait for a lock
    int statement_timeout_ms = 30000;  ///< how long one query may run
};

/// What a data check returned: the offending rows (at most `limit` samples) or a count.
struct CheckResult {
    long long offending = 0;             ///< rows returned, or the count the query returned
    bool counted = false;                ///< the query returned one row with one integer column
    bool more = false;                   ///< more rows than the samples
    std::vector<std::string> samples;    ///< "col=value, col=value" per sampled row
    std::string error;                   ///< server message when the query failed; then nothing else is set
    std::string sqlstate;                ///< of the failure, e.g. "42P01" (undefined table)
};

/// `url` (libpq URL or keywords) as keywords with the session settings added to libpq
/// `options`: lock_timeout, statement_timeout (0: none) and, when `read_only`,
/// default_transaction_read_only=on. Throws core::Error when it does not parse.
std::string session_conninfo(const std::string& url, const SessionOptions& options, bool read_only);

class ReadOnlySession {
public:
    /// Connects. Throws core::Error (password redacted) when the server cannot be reached.
    ReadOnlySession(const std::string& url, const SessionOptions& options);

    /// The URL as messages may show it (password "***").
    const std::string& shown() const { return m_shown; }
    /// The applied migrations as `source` records them; nullopt when its table does not exist.
    std::optional<History> history(const HistorySource& source);
    SchemaSnapshot snapshot();
    /// Runs a data check (a SELECT) in a READ ONLY transaction with a row limit.
    CheckResult run_check(const std::string& sql, int limit);
    /// The connection, for tests that prove it refuses writes.
    pqxx::connection& connection() { return *m_cx; }

private:
    std::string m_shown;
    std::unique_ptr<pqxx::connection> m_cx;
};

}  // namespace runner
