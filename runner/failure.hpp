#pragma once
// Turning a server error into a finding: the message and SQLSTATE, and where in the
// file the failing statement (or the error position) is. A fault that no change to a
// migration fixes (a full disk) is a tool error instead: DiskFull.

#include "core/error.hpp"
#include "core/finding.hpp"
#include "runner/statements.hpp"

#include <pqxx/except>
#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace runner {

/// The disk under the server or under a directory of ours is full (SQLSTATE 53100
/// disk_full, ENOSPC): a tool error (exit 2), never a `migration-failed` finding.
/// `what()` is one line.
class DiskFull : public core::Error {
public:
    using core::Error::Error;
};

/// Throws DiskFull ("<file>: PostgreSQL ran out of disk space applying it: <server
/// message>") when `sqlstate` is 53100 (PostgreSQL docs, Appendix A "Error Codes",
/// disk_full); does nothing otherwise.
void throw_if_disk_full(const std::string& sqlstate, const std::string& message, const std::string& file);
void throw_if_disk_full(const pqxx::sql_error& error, const std::string& file);

/// "/tmp has 7.4 MiB free of 48.0 MiB" (statvfs: f_bavail and f_blocks times f_frsize) of
/// `dir`, or of its nearest existing parent; just the path when none can be read.
std::string free_space(const std::filesystem::path& dir);

/// DiskFull for a directory of ours: "disk full: <free_space(dir)>: <what>: free space there
/// or set TMPDIR to a directory with more room".
DiskFull disk_full_in(const std::filesystem::path& dir, const std::string& what);

/// The first line of a log of initdb or of our server (both write C-locale messages:
/// initdb --locale=C sets lc_messages) that reports ENOSPC ("No space left on device"),
/// without its timestamp prefix; "" when none does.
std::string disk_full_line(const std::filesystem::path& log);

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
    Statement statement;               ///< offsets in `text`
    std::string message;               ///< server_message of its error
    std::optional<std::size_t> caret;  ///< offset in `text` of the error position, if known
};
std::optional<FailedStatement> find_failing_statement(pqxx::dbtransaction& tx, const std::string& text,
                                                      const Body& body);

/// A finding of `rule` in `file` spanning `text[offset, offset + length)`.
core::Finding finding_at(core::RuleId rule, const std::string& file, const std::string& text, std::size_t offset,
                         std::size_t length, std::string message, std::string help);

}  // namespace runner
