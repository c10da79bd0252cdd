#include "runner/diagnosis.hpp"

#include <libpq-fe.h>
#include <pqxx/largeobject>
#include <pqxx/subtransaction>

#include <cctype>
#include <cstdlib>
#include <optional>
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

namespace {

// The diagnosis of a failed `result` (null: the connection's message).
ServerError diagnose(PGconn* cx, const PGresult* result) {
    ServerError error;
    if (result == nullptr) {
        error.primary = PQerrorMessage(cx);
    } else {
        error.primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
        error.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
        error.hint = field(result, PG_DIAG_MESSAGE_HINT);
        error.context = field(result, PG_DIAG_CONTEXT);
        error.sqlstate = field(result, PG_DIAG_SQLSTATE);
        error.position = std::atoi(field(result, PG_DIAG_STATEMENT_POSITION).c_str());
        if (error.primary.empty()) { error.primary = PQresultErrorMessage(result); }
    }
    while (!error.primary.empty() && error.primary.back() == '\n') { error.primary.pop_back(); }
    return error;
}

bool failed(const PGresult* result) {
    ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    return status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR || status == PGRES_BAD_RESPONSE;
}

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// libpqxx 6 sends a subtransaction's SAVEPOINT with its first query, not on
// construction (a transaction's BEGIN is sent at once): open it through libpqxx.
PGconn* open_raw(pqxx::dbtransaction& tx) {
    if (dynamic_cast<pqxx::subtransaction*>(&tx) != nullptr) { tx.exec("SELECT 1"); }
    return RawConnection::of(tx);
}

}  // namespace

void exec_diagnosed(pqxx::dbtransaction& tx, const std::string& sql) {
    PGconn* cx = open_raw(tx);
    Result result(PQexec(cx, sql.c_str()), &PQclear);
    if (failed(result.get())) { throw DiagnosedError(diagnose(cx, result.get()), sql); }
}

QueryResults exec_results(pqxx::dbtransaction& tx, const std::string& sql) { return exec_results(open_raw(tx), sql); }

PGconn* raw_connection(pqxx::dbtransaction& tx) { return open_raw(tx); }

QueryResults exec_results(PGconn* cx, const std::string& sql) {
    QueryResults out;
    if (PQsendQuery(cx, sql.c_str()) == 0) {
        out.error = diagnose(cx, nullptr);
        return out;
    }
    for (Result result(PQgetResult(cx), &PQclear); result; result.reset(PQgetResult(cx))) {
        if (failed(result.get())) {
            if (!out.error) { out.error = diagnose(cx, result.get()); }
            continue;
        }
        if (out.error) { continue; }
        QueryResult one;
        one.command = PQcmdStatus(result.get());
        while (!one.command.empty() &&
               (std::isdigit(static_cast<unsigned char>(one.command.back())) || one.command.back() == ' ')) {
            one.command.pop_back();
        }
        if (PQresultStatus(result.get()) == PGRES_TUPLES_OK && PQnfields(result.get()) > 0) {
            one.first_column = PQfname(result.get(), 0);
            for (int row = 0; row < PQntuples(result.get()); ++row) {
                std::vector<std::string> values;
                for (int col = 0; col < PQnfields(result.get()); ++col) {
                    values.emplace_back(PQgetisnull(result.get(), row, col) ? "" : PQgetvalue(result.get(), row, col));
                }
                one.rows.push_back(std::move(values));
            }
        }
        out.results.push_back(std::move(one));
    }
    return out;
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
