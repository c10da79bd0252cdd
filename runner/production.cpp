#include "runner/production.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"
#include "runner/introspect.hpp"
#include "runner/throwaway_database.hpp"

namespace runner {
namespace {

constexpr std::size_t k_max_value_chars = 60;

std::string one_line(const std::exception& e) {
    std::string text = e.what();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) { text.pop_back(); }
    for (char& c : text) {
        if (c == '\n') { c = ' '; }
    }
    return text;
}

std::string strip_semicolons(std::string sql) {
    while (!sql.empty() && (sql.back() == ';' || std::isspace(static_cast<unsigned char>(sql.back())))) {
        sql.pop_back();
    }
    return sql;
}

std::string sample_of(const pqxx::row& row) {
    std::string out;
    for (pqxx::row::size_type i = 0; i < row.size(); ++i) {
        std::string value = row[i].is_null() ? "NULL" : row[i].c_str();
        if (value.size() > k_max_value_chars) { value = value.substr(0, k_max_value_chars) + "..."; }
        out += (i ? ", " : "") + std::string(row[i].name()) + "=" + value;
    }
    return out;
}

}  // namespace

std::string session_conninfo(const std::string& url, const SessionOptions& options, bool read_only) {
    std::string session_options;
    std::string out = edit_conninfo(url, [&](const std::string& key, const std::string& value) {
        if (key != "options") { return value; }
        session_options = value;
        return std::string();
    });
    if (read_only) { session_options += " -c default_transaction_read_only=on"; }
    session_options += " -c lock_timeout=" + std::to_string(options.lock_timeout_ms) +
                       " -c statement_timeout=" + std::to_string(options.statement_timeout_ms);
    if (options.check_client_connection) { session_options += " -c client_connection_check_interval=1000"; }
    return out + (out.empty() ? "" : " ") + "options=" + quote_conninfo_value(session_options) +
           " application_name='schemagate'";
}

ReadOnlySession::ReadOnlySession(const std::string& url, const SessionOptions& options)
        : m_shown(redact_conninfo(url)) {
    std::string conninfo = session_conninfo(url, options, true);
    try {
        m_cx = std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
        throw core::Error("cannot connect to " + m_shown + ": " + one_line(e) +
                          ": check the URL and that the server accepts connections");
    }
}

ReadOnlySession::~ReadOnlySession() = default;
ReadOnlySession::ReadOnlySession(ReadOnlySession&&) noexcept = default;
ReadOnlySession& ReadOnlySession::operator=(ReadOnlySession&&) noexcept = default;

std::string ReadOnlySession::lock_holders() {
    try {
        pqxx::read_transaction tx(*m_cx, "schemagate_lock_holders");
        pqxx::result rows = tx.exec(
            "SELECT DISTINCT a.pid, coalesce(a.usename, ''), coalesce(a.state, ''), left(coalesce(a.query, ''), 60) "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.granted "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND a.pid <> pg_backend_pid() ORDER BY 1 LIMIT 3");
        std::string out;
        for (const pqxx::row& row : rows) {
            out += (out.empty() ? "; blocked by pid " : ", pid ") + std::string(row[0].c_str()) + " (" +
                   row[1].c_str() + ", " + row[2].c_str() + ": " + row[3].c_str() + ")";
        }
        return out;
    } catch (const std::exception&) { return ""; }
}

template <typename Read>
auto ReadOnlySession::guarded(const char* what, Read read) {
    try {
        return read();
    } catch (const pqxx::broken_connection& e) {
        throw core::Error(std::string(what) + " on " + m_shown + ": the connection was lost: " + one_line(e) +
                          ": check the server and run the gate again");
    } catch (const pqxx::sql_error& e) {
        // 55P03 lock_not_available (lock_timeout), 57014 query_canceled (statement_timeout)
        bool waited = e.sqlstate() == "55P03" || e.sqlstate() == "57014";
        throw core::Error(std::string(what) + " on " + m_shown + ": " + one_line(e) + (waited ? lock_holders() : "") +
                          (waited ? ": run the gate when the target is less busy, or raise --lock-timeout / "
                                    "--statement-timeout"
                                  : ": check that the gate's role may read the catalog"));
    }
}

std::optional<History> ReadOnlySession::history(const HistorySource& source) {
    return guarded("reading the migration history", [&] {
        pqxx::read_transaction tx(*m_cx, "schemagate_history");
        return read_history(tx, source);
    });
}

SchemaSnapshot ReadOnlySession::snapshot() {
    return guarded("reading the schema", [&] {
        pqxx::read_transaction tx(*m_cx, "schemagate_introspect");
        return introspect(tx);
    });
}

WriteAccess ReadOnlySession::write_access() {
    return guarded("reading the gate role's privileges", [&] {
        pqxx::read_transaction tx(*m_cx, "schemagate_write_access");
        pqxx::row row = tx.exec_params1(
            "SELECT pg_is_in_recovery(), (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
            "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            " AND n.nspname NOT LIKE 'pg\\_toast%' "
            " AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))");
        WriteAccess access;
        access.in_recovery = row[0].as<bool>();
        access.superuser = !row[1].is_null() && row[1].as<bool>();
        access.writable_tables = row[2].as<long long>();
        return access;
    });
}

// A check's own error is its finding; a timeout or a lost connection is the gate's (guarded).
CheckResult ReadOnlySession::run_check(const std::string& sql, int limit) {
    CheckResult result;
    pqxx::result rows = guarded("running a data check", [&] {
        pqxx::read_transaction tx(*m_cx, "schemagate_check");
        try {
            return tx.exec_params("SELECT * FROM (" + strip_semicolons(sql) + "\n) AS schemagate_check LIMIT " +
                                  std::to_string(limit + 1));
        } catch (const pqxx::sql_error& e) {
            if (e.sqlstate() == "55P03" || e.sqlstate() == "57014") { throw; }
            result.error = one_line(e);
            result.sqlstate = e.sqlstate();
            return pqxx::result();
        }
    });
    if (!result.error.empty()) { return result; }
    if (rows.size() == 1 && rows.columns() == 1 && std::string(rows.column_name(0)) == "count") {
        result.counted = true;
        result.offending = rows[0][0].is_null() ? 0 : rows[0][0].as<long long>();
        return result;
    }
    result.offending = static_cast<long long>(rows.size());
    result.more = rows.size() > static_cast<std::size_t>(limit);
    for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(limit); ++i) {
        result.samples.push_back(sample_of(rows[i]));
    }
    return result;
}

}  // namespace runner
