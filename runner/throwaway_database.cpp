#include "runner/throwaway_database.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"

#include <libpq-fe.h>
#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <functional>

namespace runner {
namespace {

std::atomic<int> g_counter{0};

constexpr std::int64_t k_sweep_after_s = std::int64_t{24} * 60 * 60;

// "schemagate_<unix seconds>_<16 random hex>": unique across hosts and PID namespaces
// (two containers both have a pid 1), and dated, so that a later run can sweep leftovers
// of runs that were killed.
std::string throwaway_name() {
    std::random_device random;
    std::uint64_t bits = (static_cast<std::uint64_t>(random()) << 32) ^ random() ^
                         static_cast<std::uint64_t>(++g_counter);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(bits));
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    return "schemagate_" + std::to_string(now.count()) + "_" + hex;
}

// Drops throwaway databases this tool made more than a day ago (best effort: the name
// carries the time; one in use is left alone).
void sweep_leftovers(pqxx::connection& cx) {
    pqxx::nontransaction tx(cx);
    auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    for (const auto& row :
         tx.exec("SELECT datname FROM pg_database WHERE datname ~ '^schemagate_[0-9]{10,}_[0-9a-f]{16}$'")) {
        std::string name = row[0].as<std::string>();
        std::int64_t made = std::stoll(name.substr(11, name.find('_', 11) - 11));
        if (now - made < k_sweep_after_s) { continue; }
        try {
            tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name));
        } catch (const pqxx::sql_error&) {
            // in use (a --keep still being looked at): leave it
        }
    }
}

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
        // libpq quotes the offending token, which may be the password (quotes and all): never echo
        // it. One-character tokens such as "=" are kept; from the first longer one to the last
        // quote, the text is hidden.
        std::size_t open = message.find('"');
        while (open != std::string::npos && open + 2 < message.size() && message[open + 2] == '"') {
            open = message.find('"', open + 3);
        }
        if (open != std::string::npos) {
            std::size_t last = message.rfind('"');
            message.replace(open, last > open ? last - open + 1 : std::string::npos, "\"...\"");
        }
        throw core::Error("the database URL does not parse: " + message +
                          ": give a postgresql:// URL or libpq keywords");
    }
    std::string out;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr) { continue; }
        std::string value = edit(o->keyword, o->val);
        if (!value.empty()) {
            out += (out.empty() ? "" : " ") + std::string(o->keyword) + '=' + quote_conninfo_value(value);
        }
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
        : m_url(url), m_name(throwaway_name()), m_keep(keep) {
    install_signal_cleanup();
    try {
        pqxx::connection cx(m_url);
        sweep_leftovers(cx);
        pqxx::nontransaction tx(cx);
        tx.exec("CREATE DATABASE " + tx.quote_name(m_name));
    } catch (const pqxx::failure& e) {
        throw core::Error("cannot create a throwaway database on " + redact_conninfo(m_url) + ": " +
                          errors_without_secrets(e) + ": check the URL and that the user may CREATE DATABASE");
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
