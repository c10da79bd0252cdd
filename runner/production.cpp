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

std::optional<History> ReadOnlySession::history(const HistorySource& source) {
    pqxx::read_transaction tx(*m_cx, "schemagate_history");
    return read_history(tx, source);
}

SchemaSnapshot ReadOnlySession::snapshot() {
    pqxx::read_transaction tx(*m_cx, "schemagate_introspect");
    return introspect(tx);
}

CheckResult ReadOnlySession::run_check(const std::string& sql, int limit) {
    CheckResult result;
    pqxx::read_transaction tx(*m_cx, "schemagate_check");
    pqxx::result rows;
    try {
        rows = tx.exec("SELECT * FROM (" + strip_semicolons(sql) + "\n) AS schemagate_check LIMIT " +
                       std::to_string(limit + 1));
    } catch (const pqxx::sql_error& e) {
        result.error = one_line(e);
        result.sqlstate = e.sqlstate();
        return result;
    }
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
