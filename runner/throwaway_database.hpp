#pragma once
// The `url` provider: a throwaway database on the server a libpq URL or keyword string
// names. Created on construction, dropped (WITH (FORCE)) by the destructor and on
// SIGINT/SIGTERM/SIGHUP unless kept. Messages never show the password.

#include "runner/signals.hpp"

#include <memory>
#include <mutex>
#include <functional>
#include <string>

namespace runner {

/// `conninfo` with the password (and any other secret) replaced by "***", as libpq keywords.
std::string redact_conninfo(const std::string& conninfo);

/// `conninfo` with its dbname replaced by `dbname` (keyword form). Throws core::Error when
/// `conninfo` does not parse (the message never shows the password).
std::string with_dbname(const std::string& conninfo, const std::string& dbname);

/// `conninfo` (URL or keywords) rebuilt as libpq keywords; `edit(keyword, value)` returns
/// each value to keep, "" to drop the keyword. Throws core::Error when it does not parse.
std::string edit_conninfo(const std::string& conninfo,
                          const std::function<std::string(const std::string&, const std::string&)>& edit);

/// A libpq keyword value in single quotes, with ' and \ escaped.
std::string quote_conninfo_value(const std::string& value);

class ThrowawayDatabase {
public:
    /// Connects to `url`, drops the throwaway databases of runs killed more than a day ago,
    /// and creates "schemagate_<unix seconds>_<16 random hex digits>". Throws core::Error
    /// when the server cannot be reached or the database cannot be created.
    ThrowawayDatabase(const std::string& url, bool keep);
    ~ThrowawayDatabase();
    ThrowawayDatabase(const ThrowawayDatabase&) = delete;
    ThrowawayDatabase& operator=(const ThrowawayDatabase&) = delete;

    const std::string& name() const { return m_name; }
    std::string conninfo() const { return with_dbname(m_url, m_name); }
    /// Idempotent; thread-safe. Drops the database unless keep.
    void drop();

private:
    std::string m_url;
    std::string m_name;
    bool m_keep;
    bool m_dropped = false;
    std::mutex m_mutex;
    std::unique_ptr<CleanupGuard> m_guard;
};

}  // namespace runner
