#pragma once
// The lock trace: what each statement of a migration took on the server. Before a
// migration's first statement, inside its transaction, the relations that exist are known
// (pg_class: oid, relfilenode, kind, name); after each statement, one query in the same
// round trip reads the applying backend's granted relation locks (pg_locks), the locked
// relations' relfilenode (a rewrite when it changed) and their sequential-scan count in
// this transaction (pg_stat_get_xact_numscans: a full scan when it grew). Lock modes as the
// PostgreSQL docs name them (13.3.1 "Table-Level Lock Modes").

#include "core/report.hpp"
#include "runner/diagnosis.hpp"

#include <pqxx/dbtransaction>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace runner {

class LockFreeProof;

/// What LockTrace::run did: the statements that ran, and the first that failed.
struct TraceRun {
    std::vector<core::TracedStatement> statements;  ///< those that succeeded, in order (lines are the caller's)
    std::optional<ServerError> error;               ///< the failure, when one failed
    std::size_t failed = 0;                         ///< index of the failed statement
    std::optional<std::size_t> error_offset;        ///< byte in it of the server's error position
};

/// One per connection, across the migrations it applies: what it knows of pg_class is
/// brought up to date at the end of each run() (only the relations created since and those
/// the migration locked: a rename, drop or rewrite locks), and read in full, in a round trip
/// of its own, before the first run() and after forget() or a failed one.
class LockTrace {
public:
    /// Runs a migration's `statements` in `tx`, each followed by the trace query, all in one
    /// message (one round trip, as the untraced runner sends a file). Relations that exist
    /// before the first statement are the pre-existing ones; anything created later is left
    /// out. Per statement: its command tag, per relation the strongest newly taken mode (an
    /// index held no stronger than its table, and a sequence's ROW EXCLUSIVE or weaker, left
    /// out), rewrites, full scans, duration (server clock).
    TraceRun run(pqxx::dbtransaction& tx, const std::vector<std::string>& statements);

    /// One statement of a `-- schemagate:no-transaction` file, on `cx` outside any
    /// transaction: sent with its trace in one message, which PostgreSQL runs as one
    /// implicit transaction, as autocommit would run the statement alone. A statement it
    /// refuses in a transaction block (SQLSTATE 25001: CREATE INDEX CONCURRENTLY, VACUUM,
    /// REINDEX CONCURRENTLY, ...) then runs alone: `outside_transaction`, no locks (released
    /// when it committed), rewrites from pg_class before and after, duration on the client.
    TraceRun run_autocommit(pqxx::internal::pq::PGconn* cx, const std::string& statement);

    /// Something ran that was not traced (a migration, a setup file): the next run() first
    /// reads the whole catalog again.
    void forget() {
        m_stale = true;
        scans_pending();
    }

    /// Something read tables and changed nothing (the rollback check counting rows): the
    /// next run() reads the sequential scans it left pending in this backend's statistics as
    /// the baseline (pg_stat_get_xact_numscans counts them until the statistics are flushed).
    void scans_pending() { m_flushed = false; }

private:
    struct Relation {
        std::string name;        // "public.users"
        char kind = 'r';         // pg_class.relkind
        long long filenode = 0;  // pg_class.relfilenode as last seen (0: none, e.g. partitioned)
        long long table = 0;     // an index's table (pg_index.indrelid); 0 otherwise
        std::string relname;     // pg_class.relname: "users"
    };
    using Send = std::function<QueryResults(const std::string&)>;
    std::string message_for(const std::vector<std::string>& statements, std::vector<std::size_t>& starts) const;
    void read_results(const QueryResults& sent, TraceRun& run);
    TraceRun run_message(const Send& send, const std::vector<std::string>& statements);
    std::vector<std::string> rewritten(const QueryResults& now);
    void read_relations(const QueryResult& result, bool full);
    std::string trace_after(const std::string& sql, LockFreeProof& proof, bool as_text) const;
    core::TracedStatement read_trace(const QueryResult& result, std::string command, long long& clock);
    bool folded(const Relation& relation, int level, const std::map<long long, unsigned>& held) const;

    std::unordered_map<long long, Relation> m_relations;  // pre-existing relations by oid
    std::unordered_map<long long, long long> m_scans;     // oid -> xact seq scans as last seen
    std::map<long long, unsigned> m_held;                 // oid -> bit (level - 1) per mode held
    std::set<long long> m_touched;                        // locked in this migration
    long long m_max_oid = 0;
    bool m_stale = true;
    bool m_prepared = false;  // the trace's queries, on this connection
    int m_generation = 0;     // how often they were prepared again (after a DEALLOCATE)
    bool m_flushed = false;   // the last message asked the server to flush its statistics
    int m_version = 0;        // the server's (PQserverVersion)
};

/// "table-rewrite" and "exclusive-lock-held" findings from a traced migration's statements,
/// located in `file`. Rewrites by TRUNCATE (new, empty storage) are not reported.
std::vector<core::Finding> trace_findings(const std::string& file, const core::MigrationRecord& record);

}  // namespace runner
