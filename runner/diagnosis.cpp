#include "runner/diagnosis.hpp"

#include <libpq-fe.h>
#include <pqxx/largeobject>
#include <pqxx/subtransaction>

#include <cstdlib>
#include <memory>

namespace runner {
namespace {

// libpqxx 6 hands its libpq connection to large objects only: this is that door.
struct RawConnection : pqxx::largeobject {
    static PGconn* of(const pqxx::dbtransaction& tx) { return raw_connection(tx); }
};

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value != nullptr ? value : "";
}

}  // namespace

std::string ServerError::message() const {
    std::string out = primary;
    if (!detail.empty()) { out += "\nDETAIL: " + detail; }
    if (!hint.empty()) { out += "\nHINT: " + hint; }
    if (!context.empty()) { out += "\nCONTEXT: " + context; }
    if (!sqlstate.empty()) { out += " (SQLSTATE " + sqlstate + ")"; }
    return out;
}

DiagnosedError::DiagnosedError(ServerError error, const std::string& query)
    : pqxx::sql_error(error.message(), query, error.sqlstate.c_str()), m_error(std::move(error)) {}

void exec_diagnosed(pqxx::dbtransaction& tx, const std::string& sql) {
    // libpqxx 6 sends a subtransaction's SAVEPOINT with its first query, not on
    // construction (a transaction's BEGIN is sent at once): open it through libpqxx.
    if (dynamic_cast<pqxx::subtransaction*>(&tx) != nullptr) { tx.exec("SELECT 1"); }
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(RawConnection::of(tx), sql.c_str()), &PQclear);
    ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_FATAL_ERROR && status != PGRES_NONFATAL_ERROR && status != PGRES_BAD_RESPONSE) { return; }
    ServerError error;
    if (!result) {
        error.primary = PQerrorMessage(RawConnection::of(tx));
    } else {
        error.primary = field(result.get(), PG_DIAG_MESSAGE_PRIMARY);
        error.detail = field(result.get(), PG_DIAG_MESSAGE_DETAIL);
        error.hint = field(result.get(), PG_DIAG_MESSAGE_HINT);
        error.context = field(result.get(), PG_DIAG_CONTEXT);
        error.sqlstate = field(result.get(), PG_DIAG_SQLSTATE);
        error.position = std::atoi(field(result.get(), PG_DIAG_STATEMENT_POSITION).c_str());
        if (error.primary.empty()) { error.primary = PQresultErrorMessage(result.get()); }
    }
    while (!error.primary.empty() && error.primary.back() == '\n') { error.primary.pop_back(); }
    throw DiagnosedError(std::move(error), sql);
}

std::size_t byte_of_position(std::string_view query, int position) {
    std::size_t i = 0;
    for (int seen = 0; i < query.size(); ++i) {
        if ((static_cast<unsigned char>(query[i]) & 0xC0) == 0x80) { continue; }
        if (++seen == position) { return i; }
    }
    return i;
}

}  // namespace runner
