#include "runner/lock_trace.hpp"

#include "core/lock_mode.hpp"
#include "runner/diagnosis.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>

namespace runner {
namespace {

// User relations only (FirstNormalObjectId), without TOAST and the runner's own history.
const char* const k_snapshot_query =
    "SELECT c.oid::int8, c.relfilenode::int8, c.relkind, n.nspname || '.' || c.relname, "
    "coalesce(i.indrelid, 0)::int8, coalesce(pg_stat_get_xact_numscans(c.oid), 0) "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index i ON i.indexrelid = c.oid "
    "WHERE c.oid >= 16384 AND n.nspname <> 'pg_toast' "
    "AND NOT (n.nspname = 'public' AND c.relname = 'schemagate_history')";

// The backend's granted relation locks, with the relation's storage and scan count now.
const char* const k_locks_query =
    "SELECT l.relation::int8, l.mode, coalesce(c.relfilenode, 0)::int8, "
    "coalesce(pg_stat_get_xact_numscans(l.relation), 0) "
    "FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation "
    "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384";

bool is_table(char kind) { return kind == 'r' || kind == 'p' || kind == 'm'; }
bool is_index(char kind) { return kind == 'i' || kind == 'I'; }

int strongest(unsigned bits) {
    int level = 0;
    for (int i = 0; i < 8; ++i) {
        if (bits & (1U << i)) { level = i + 1; }
    }
    return level;
}

const char* const k_level_names[] = {"", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
                                     "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

}  // namespace

LockTrace::LockTrace(pqxx::dbtransaction& tx) {
    for (const auto& row : tx.exec(k_snapshot_query)) {
        Relation relation;
        relation.filenode = row[1].as<long long>();
        relation.kind = row[2].c_str()[0];
        relation.name = row[3].as<std::string>();
        relation.table = row[4].as<long long>();
        relation.scans = row[5].as<long long>();
        m_relations.emplace(row[0].as<long long>(), std::move(relation));
    }
}

// Noise a reviewer does not need: an index lock its table's lock already implies, and
// the ROW EXCLUSIVE a sequence gets from nextval.
bool LockTrace::folded(const Relation& relation, int level, const std::map<long long, unsigned>& held) const {
    if (relation.kind == 'S') { return level <= 3; }
    if (!is_index(relation.kind)) { return false; }
    auto table = held.find(relation.table);
    return table != held.end() && strongest(table->second) >= level;
}

core::TracedStatement LockTrace::exec(pqxx::dbtransaction& tx, const std::string& sql) {
    auto start = std::chrono::steady_clock::now();
    TracedResult result = exec_traced(tx, sql, k_locks_query);
    core::TracedStatement traced;
    traced.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    traced.command = std::move(result.command);
    std::map<long long, unsigned> now;
    for (const std::vector<std::string>& row : result.rows) {
        long long oid = std::stoll(row.at(0));
        auto found = m_relations.find(oid);
        if (found == m_relations.end()) { continue; }  // created in this migration
        std::optional<std::string> mode = core::lock_mode_from_pg_locks(row.at(1));
        if (!mode) { continue; }
        now[oid] |= 1U << (core::lock_mode_level(*mode) - 1);
        Relation& relation = found->second;
        long long filenode = std::stoll(row.at(2));
        if (relation.filenode != 0 && filenode != 0 && filenode != relation.filenode) {
            traced.rewrites.push_back(relation.name);
        }
        if (filenode != 0) { relation.filenode = filenode; }
        long long scans = std::stoll(row.at(3));
        if (relation.kind == 'r' || relation.kind == 'm') {
            if (scans > relation.scans) { traced.scans.push_back(relation.name); }
        }
        relation.scans = std::max(relation.scans, scans);
    }
    for (const auto& [oid, bits] : now) {
        unsigned fresh = bits & ~m_held[oid];
        if (fresh == 0) { continue; }
        const Relation& relation = m_relations.at(oid);
        int level = strongest(fresh);
        if (folded(relation, level, now)) { continue; }
        traced.locks.push_back({relation.name, k_level_names[level], is_table(relation.kind)});
    }
    for (const auto& [oid, bits] : now) { m_held[oid] |= bits; }
    auto by_name = [](const core::TracedLock& a, const core::TracedLock& b) { return a.relation < b.relation; };
    std::sort(traced.locks.begin(), traced.locks.end(), by_name);
    std::sort(traced.rewrites.begin(), traced.rewrites.end());
    traced.rewrites.erase(std::unique(traced.rewrites.begin(), traced.rewrites.end()), traced.rewrites.end());
    std::sort(traced.scans.begin(), traced.scans.end());
    traced.scans.erase(std::unique(traced.scans.begin(), traced.scans.end()), traced.scans.end());
    return traced;
}

}  // namespace runner
