#pragma once
// A server error as the server states it: libpq's diagnostic fields (PQresultErrorField,
// PostgreSQL docs "Error and Notice Message Fields"), never the English text parsed, so
// that a server with another lc_messages is read the same.

#include <pqxx/dbtransaction>
#include <pqxx/except>

#include <optional>
#include <string>
#include <vector>

namespace runner {

struct ServerError {
    std::string primary;   ///< PG_DIAG_MESSAGE_PRIMARY, e.g. `relation "x" does not exist`
    std::string detail;    ///< PG_DIAG_MESSAGE_DETAIL; may span lines
    std::string hint;      ///< PG_DIAG_MESSAGE_HINT
    std::string context;   ///< PG_DIAG_CONTEXT: where inside a function or DO block
    std::string sqlstate;  ///< PG_DIAG_SQLSTATE, e.g. "42P01"
    int position = 0;      ///< PG_DIAG_STATEMENT_POSITION: 1-based character in the query; 0 none

    /// primary, then "DETAIL: …", "HINT: …", "CONTEXT: …" lines when set, then
    /// " (SQLSTATE x)"; multi-line parts are kept.
    std::string message() const;
};

/// A pqxx::sql_error (so that existing handlers catch it) that carries the diagnosis.
class DiagnosedError : public pqxx::sql_error {
public:
    DiagnosedError(ServerError error, const std::string& query);
    const ServerError& diagnosis() const { return m_error; }

private:
    ServerError m_error;
};

/// Runs `sql` (one or more statements) in `tx` through libpq (PQexec), as tx.exec would.
/// Throws DiagnosedError when the server refuses it; the transaction is then aborted, as
/// with tx.exec.
void exec_diagnosed(pqxx::dbtransaction& tx, const std::string& sql);

/// One result of a message of several statements: the command tag without counts
/// ("INSERT" for "INSERT 0 3"), the name of its first column ("" without rows), its rows as text.
struct QueryResult {
    std::string command;
    std::string first_column;
    std::vector<std::vector<std::string>> rows;
};

/// What exec_results returns: every result in order up to the first error, and that error.
struct QueryResults {
    std::vector<QueryResult> results;
    std::optional<ServerError> error;  ///< its `position` counts characters of the whole message
};

/// Sends `sql` (statements separated by ';') in `tx` as one simple-query message (one round
/// trip; PostgreSQL stops at the first error) and collects every result (PQsendQuery,
/// PQgetResult). Never throws for an error of the SQL: it is returned.
QueryResults exec_results(pqxx::dbtransaction& tx, const std::string& sql);

/// The libpq connection under `tx`, for exec_results outside any transaction (autocommit,
/// as a -- schemagate:no-transaction file runs). Valid as long as that connection is.
pqxx::internal::pq::PGconn* raw_connection(pqxx::dbtransaction& tx);

/// exec_results on `cx` itself: outside a transaction, the message is one implicit
/// transaction (PostgreSQL docs 55.2.2.1, "Multiple Statements in a Simple Query").
QueryResults exec_results(pqxx::internal::pq::PGconn* cx, const std::string& sql);

/// Byte offset in `query` of the 1-based character position `position` (UTF-8).
std::size_t byte_of_position(std::string_view query, int position);

}  // namespace runner
