#include "runner/throwaway_database.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"

#include <libpq-fe.h>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <unistd.h>

#include <atomic>
#include <functional>

namespace runner {
namespace {

std::atomic<int> g_counter{0};

}  // namespace

std::string quote_conninfo_value(const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') { quoted += '\\'; }
        quoted += c;
    }
    return quoted + "'";
}

std::string edit_conninfo(const std::string& conninfo,
                          const std::function<std::string(const std::string&, const std::string&)>& edit) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (options == nullptr) {
        std::string message = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        while (!message.empty() && message.back() == '\n') { message.pop_back(); }
        // libpq quotes the offending token, which may be the password: never echo it.
        const std::string hidden = "\"...\"";
        for (std::size_t open = message.find('"'); open != std::string::npos;) {
            std::size_t close = message.find('"', open + 1);
            if (close == open + 2) {  // one character, such as "=": nothing secret
                open = message.find('"', close + 1);
                continue;
            }
            message.replace(open, close == std::string::npos ? std::string::npos : close - open + 1, hidden);
            open = message.find('"', open + hidden.size());
        }
        throw core::Error("the database URL does not parse: " + message + ": give a postgresql:// URL or libpq keywords");
    }
    std::string out;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) { continue; }
        std::string value = edit(o->keyword, o->val);
        if (!value.empty()) { out += (out.empty() ? "" : " ") + std::string(o->keyword) + '=' + quote_conninfo_value(value); }
    }
    PQconninfoFree(options);
    return out;
}

namespace {

std::string errors_without_secrets(const std::exception& e) {
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) { message.pop_back(); }
    for (char& c : message) {
        if (c == '\n') { c = ' '; }
    }
    return message;
}

}  // namespace

std::string redact_conninfo(const std::string& conninfo) {
    return edit_conninfo(conninfo, [](const std::string& key, const std::string& value) {
        return key == "password" || key == "sslpassword" ? std::string("***") : value;
    });
}

std::string with_dbname(const std::string& conninfo, const std::string& dbname) {
    std::string rebuilt = edit_conninfo(conninfo, [](const std::string& key, const std::string& value) {
        return key == "dbname" ? std::string() : value;
    });
    return rebuilt + (rebuilt.empty() ? "" : " ") + "dbname=" + quote_conninfo_value(dbname);
}

ThrowawayDatabase::ThrowawayDatabase(const std::string& url, bool keep)
    : m_url(url), m_name("schemagate_" + std::to_string(getpid()) + '_' + std::to_string(++g_counter)), m_keep(keep) {
    install_signal_cleanup();
    try {
        pqxx::connection cx(m_url);
        pqxx::nontransaction tx(cx);
        tx.exec("CREATE DATABASE " + tx.quote_name(m_name));
    } catch (const pqxx::failure& e) {
        throw core::Error("cannot create a throwaway database on " + redact_conninfo(m_url) + ": " + errors_without_secrets(e) +
                          ": check the URL and that the user may CREATE DATABASE");
    }
    m_guard = std::make_unique<CleanupGuard>([this] { drop(); });
}

ThrowawayDatabase::~ThrowawayDatabase() {
    drop();
    m_guard.reset();
}

void ThrowawayDatabase::drop() {
    std::lock_guard lock(m_mutex);
    if (m_dropped || m_keep) { return; }
    m_dropped = true;
    try {
        pqxx::connection cx(m_url);
        pqxx::nontransaction tx(cx);
        tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name) + " WITH (FORCE)");
    } catch (const std::exception&) {
        // best effort: the database name says who made it
    }
}

}  // namespace runner
