#pragma once
// The lock trace: what each statement of a migration took on the server. Inside the
// migration's transaction, before its first statement, the relations that exist are
// snapshot (pg_class: oid, relfilenode, kind, name); after each statement, one query in
// the same round trip reads the applying backend's granted relation locks (pg_locks), the
// locked relations' relfilenode (a rewrite when it changed) and their sequential-scan
// count in this transaction (pg_stat_get_xact_numscans: a full scan when it grew). Lock
// modes as the PostgreSQL docs name them (13.3.1 "Table-Level Lock Modes").

#include "core/report.hpp"

#include <pqxx/dbtransaction>

#include <map>
#include <string>
#include <unordered_map>

namespace runner {

class LockTrace {
public:
    /// Snapshots the relations that exist in `tx`'s database now: those are the
    /// pre-existing ones; anything created later is left out of the trace.
    explicit LockTrace(pqxx::dbtransaction& tx);

    /// Runs one statement in `tx` and returns what it newly locked, rewrote and scanned,
    /// its command tag and duration (lines are the caller's). Throws DiagnosedError when
    /// the statement fails. Per relation the strongest newly taken mode is kept; an index
    /// whose table the statement holds at least as strongly, and a sequence's ROW
    /// EXCLUSIVE or weaker (nextval), are left out.
    core::TracedStatement exec(pqxx::dbtransaction& tx, const std::string& sql);

private:
    struct Relation {
        std::string name;          // "public.users"
        char kind = 'r';           // pg_class.relkind
        long long filenode = 0;    // pg_class.relfilenode as last seen (0: none, e.g. partitioned)
        long long scans = 0;       // pg_stat_get_xact_numscans as last seen
        long long table = 0;       // an index's table (pg_index.indrelid); 0 otherwise
    };
    bool folded(const Relation& relation, int level, const std::map<long long, unsigned>& held) const;

    std::unordered_map<long long, Relation> m_relations;
    std::map<long long, unsigned> m_held;  // oid -> bit (level - 1) per mode held
};

/// "table-rewrite" and "exclusive-lock-held" findings from a traced migration's statements,
/// located in `file`. Rewrites by TRUNCATE (new,
/// empty storage) are not reported.
std::vector<core::Finding> trace_findings(const std::string& file, const core::MigrationRecord& record);

}  // namespace runner
