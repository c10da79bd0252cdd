#pragma once
// Turning a server error into a finding: the message and SQLSTATE, and where in the
// file the failing statement (or the error position) is.

#include "core/finding.hpp"
#include "runner/statements.hpp"

#include <pqxx/except>
#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>

#include <optional>
#include <string>
#include <string_view>

namespace runner {

/// `relation "x" does not exist (SQLSTATE 42P01)`: for a DiagnosedError its whole
/// diagnosis (DETAIL, HINT, CONTEXT lines included); else the first line of the server's
/// message without its "ERROR:  " prefix, and the SQLSTATE.
std::string server_message(const pqxx::sql_error& error);

/// The byte offset in `query` that the "LINE n: ...\n   ^" excerpt of a server message
/// points at; nullopt when the message has none.
std::optional<std::size_t> caret_offset(std::string_view message, std::string_view query);

/// The byte offset in `query` (the text that was sent) of the error position: the
/// server's PG_DIAG_STATEMENT_POSITION for a DiagnosedError, else read from the message.
std::optional<std::size_t> caret_offset(const pqxx::sql_error& error, std::string_view query);

/// Runs the statements of `text[body]` one by one inside a savepoint of `tx` (rolled back)
/// and returns the first that fails with its error message; nullopt when none fails.
struct FailedStatement {
    Statement statement;    ///< offsets in `text`
    std::string message;    ///< server_message of its error
    std::optional<std::size_t> caret;  ///< offset in `text` of the error position, if known
};
std::optional<FailedStatement> find_failing_statement(pqxx::dbtransaction& tx, const std::string& text, const Body& body);

/// A finding of `rule` in `file` spanning `text[offset, offset + length)`.
core::Finding finding_at(const std::string& rule, const std::string& file, const std::string& text, std::size_t offset,
                         std::size_t length, std::string message, std::string help);

}  // namespace runner
