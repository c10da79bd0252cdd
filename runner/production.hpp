#pragma once
// A read-only session on a live database (production, staging): what the production gate
// reads. Read-only by construction: the connection starts with
// default_transaction_read_only=on, lock_timeout and statement_timeout (libpq `options`),
// and every query runs in a READ ONLY transaction. Messages never show the password.

#include "runner/history_source.hpp"
#include "runner/snapshot.hpp"
#include "runner/pqxx_fwd.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace runner {

struct SessionOptions {
    int lock_timeout_ms = 2000;        ///< how long a query may wait for a lock
    int statement_timeout_ms = 30000;  ///< how long one query may run
    /// PostgreSQL 14+: client_connection_check_interval=1s, so that the backend of a client
    /// that was killed stops waiting at once (and releases its locks).
    bool check_client_connection = false;
};

/// What a data check returned: the offending rows (at most `limit` samples) or a count.
struct CheckResult {
    long long offending = 0;           ///< rows returned, or the count the query returned
    bool counted = false;              ///< the query returned one row with one integer column
    bool more = false;                 ///< more rows than the samples
    std::vector<std::string> samples;  ///< "col=value, col=value" per sampled row
    std::string error;                 ///< server message when the query failed; then nothing else is set
    std::string sqlstate;              ///< of the failure, e.g. "42P01" (undefined table)
};

/// `url` (libpq URL or keywords) as keywords with the session settings added to libpq
/// `options`: lock_timeout, statement_timeout (0: none) and, when `read_only`,
/// default_transaction_read_only=on. Throws core::Error when it does not parse.
std::string session_conninfo(const std::string& url, const SessionOptions& options, bool read_only);

/// What the session's role could change if a query tried: the gate reports it so that a
/// release manager can give it a read-only role or a replica. Source: pg_is_in_recovery(),
/// pg_roles.rolsuper, has_table_privilege(oid, 'INSERT, UPDATE, DELETE, TRUNCATE') over
/// pg_class (tables and partitioned tables outside pg_catalog, information_schema, pg_toast).
struct WriteAccess {
    bool in_recovery = false;  ///< a hot standby: nothing can be written
    bool superuser = false;
    long long writable_tables = 0;  ///< tables the role may INSERT into, UPDATE, DELETE from or TRUNCATE
    bool can_write() const { return !in_recovery && (superuser || writable_tables > 0); }
};

class ReadOnlySession {
public:
    /// Connects. Throws core::Error (password redacted) when the server cannot be reached.
    ReadOnlySession(const std::string& url, const SessionOptions& options);
    ~ReadOnlySession();
    ReadOnlySession(ReadOnlySession&&) noexcept;
    ReadOnlySession& operator=(ReadOnlySession&&) noexcept;

    /// The URL as messages may show it (password "***").
    const std::string& shown() const { return m_shown; }
    /// The sessions holding an ACCESS EXCLUSIVE lock in this database (pg_locks,
    /// pg_stat_activity), as "; blocked by pid 123 (alice, idle in transaction: LOCK ...)";
    /// "" when none or when they cannot be read.
    std::string lock_holders();
    /// The applied migrations as `source` records them; nullopt when its table does not exist.
    /// These reads throw core::Error naming the lock holder on a lock or statement timeout,
    /// and saying so when the connection was lost.
    std::optional<History> history(const HistorySource& source);
    SchemaSnapshot snapshot();
    WriteAccess write_access();
    /// Runs a data check in a READ ONLY transaction with a row limit, sent with the extended
    /// protocol (PQexecParams), which refuses more than one statement. `sql` must already
    /// be one SELECT (linter::read_only_query_problem): the wrapping adds a LIMIT.
    CheckResult run_check(const std::string& sql, int limit);
    /// The connection, for tests that prove it refuses writes.
    pqxx::connection& connection() { return *m_cx; }

private:
    template <typename Read>
    auto guarded(const char* what, Read read);
    std::string m_shown;
    std::unique_ptr<pqxx::connection> m_cx;
};

}  // namespace runner
