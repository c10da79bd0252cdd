#include "runner/lock_trace.hpp"

#include "core/lock_mode.hpp"
#include "runner/lock_free.hpp"

#include <libpq-fe.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>

namespace runner {
namespace {

struct TraceQuery {
    const char* name;  // prepared as schemagate_<name>, with a suffix once prepared again
    const char* sql;
};

// The server's clock in microseconds (date_part's float8: extract's numeric cost a tenth of the
// trace's server time).
#define SG_CLOCK "(date_part('epoch', clock_timestamp()) * 1000000)::int8"

// The trace's queries, prepared once per connection: parse, analysis and planning were two
// thirds of their cost, and EXECUTE in a simple-query message reuses the plan. Each is a
// TraceQuery: its name (schemagate_<name>) and its SQL.

// The newest relation that existed before the migration (0: none known yet), set for the
// transaction at the start of each message (set_limit). Not a parameter: a prepared statement
// with one is planned again at every execution when the planner expects a custom plan to beat
// the generic one (plancache.c, choose_custom_plan), as it does for an oid range of pg_class;
// without, the generic plan is kept across migrations, DDL included. In a sub-select, an
// InitPlan: read once per execution, not once per row. Unset (outside the message's
// transaction, or a migration ran RESET ALL), it is `unset`: for the traces every oid, and the
// client leaves out the relations it does not know; for the relations read 0, all of them.
#define SG_LIMIT_OR(unset) \
    "(SELECT coalesce(nullif(current_setting('schemagate.trace_oid', true), '')::oid, '" unset "'::oid))"
#define SG_LIMIT SG_LIMIT_OR("4294967295")

// User relations (FirstNormalObjectId and up) without TOAST and the runner's own history:
// those after the limit, and those this backend has locked (a rename, drop or rewrite locks).
// With a limit of 0 or none: all of them. Each looked up by oid (ORDER BY and OFFSET 0 keep
// the planner from scanning all of pg_class and pg_index at every migration: half the
// query's time).
const char* const k_relations_sql =
    "SELECT c.oid::int8 AS schemagate_relations, c.relfilenode::int8, c.relkind, n.nspname || '.' || c.relname, "
    "coalesce((SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = c.oid), 0)::int8, c.relname "
    "FROM (SELECT o.oid FROM (SELECT oid FROM pg_class WHERE oid > greatest(" SG_LIMIT_OR("0")
    ", 16383) ORDER BY oid) o "
    "UNION SELECT relation FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
    "AND relation >= 16384 AND relation <= " SG_LIMIT_OR("0")
    ") r "
    "CROSS JOIN LATERAL (SELECT * FROM pg_class c WHERE c.oid = r.oid OFFSET 0) c "
    "CROSS JOIN LATERAL (SELECT nspname FROM pg_namespace n WHERE n.oid = c.relnamespace OFFSET 0) n "
    "WHERE n.nspname <> 'pg_toast' AND NOT (n.nspname = 'public' AND c.relname = 'schemagate_history')";

// The clock, and the tables with sequential scans pending in this backend's statistics
// (pg_stat_get_xact_numscans; 0 for the others).
const char* const k_start_sql =
    "SELECT " SG_CLOCK
    " AS schemagate_start, s.* FROM (SELECT 1) one LEFT JOIN ("
    "SELECT c.oid::int8, pg_stat_get_xact_numscans(c.oid) FROM pg_class c "
    "WHERE c.oid >= 16384 AND c.relkind IN ('r', 'm') AND pg_stat_get_xact_numscans(c.oid) > 0) s ON true";

// After each statement: the clock, the backend's granted relation locks, and the locked
// relations' storage and scan count now. Reading pg_locks is the trace's cost: the server
// forms a row for every lock of every backend, and a migration holds many.
#define SG_LOCKS_SELECT                                                                \
    "SELECT relation::int8, mode, coalesce(pg_relation_filenode(relation), 0)::int8, " \
    "pg_stat_get_xact_numscans(relation) FROM pg_locks WHERE "
// Only relations up to the limit, the newest that existed before the migration: the others,
// created since, hold locks the trace leaves out, and a migration that creates many would
// make every statement's trace return them all.
#define SG_LOCKS_MINE \
    "pid = pg_backend_pid() AND locktype = 'relation' AND granted AND relation >= 16384 AND relation <= " SG_LIMIT
const char* const k_trace_sql = "SELECT " SG_CLOCK
                                " AS schemagate_trace, l.* FROM (SELECT 1) one "
                                "LEFT JOIN (" SG_LOCKS_SELECT SG_LOCKS_MINE ") l ON true";

// After a statement runner/lock_free.hpp clears: the same, but pg_locks is read only when an
// event trigger exists (DDL may have run its code); the server decides, at that moment.
const char* const k_quiet_sql = "SELECT " SG_CLOCK
                                " AS schemagate_trace, l.* FROM (SELECT 1) one "
                                "LEFT JOIN (" SG_LOCKS_SELECT
                                "(SELECT EXISTS (SELECT FROM pg_event_trigger)) AND " SG_LOCKS_MINE ") l ON true";

// After any statement when no relation existed before the migration: the clock only.
const char* const k_clock_sql = "SELECT " SG_CLOCK
                                " AS schemagate_trace, NULL::int8, NULL::text, NULL::int8, "
                                "NULL::int8";

// The clock alone, where no table can have scans pending in this backend's statistics: the
// last message asked for them to be flushed (pg_stat_force_next_flush, PostgreSQL 15+), which
// the server does when idle between transactions, so they start at 0 again.
const char* const k_begin_sql = "SELECT " SG_CLOCK " AS schemagate_start, NULL::int8, NULL::int8";

const char* const k_flush_query = "SELECT pg_stat_force_next_flush()";
const int k_flush_version = 150000;

const TraceQuery k_relations{"relations", k_relations_sql};
const TraceQuery k_start{"start", k_start_sql};
const TraceQuery k_begin{"begin", k_begin_sql};
const TraceQuery k_trace{"trace", k_trace_sql};
const TraceQuery k_quiet{"quiet", k_quiet_sql};
const TraceQuery k_clock{"clock", k_clock_sql};
const TraceQuery* const k_queries[] = {&k_relations, &k_start, &k_begin, &k_trace, &k_quiet, &k_clock};

// A statement that may drop the trace's prepared queries (DEALLOCATE, DISCARD ALL; also
// inside a DO block's dynamic SQL): the queries after it in its message are sent as text, and
// the next message prepares them again under new names.
bool may_deallocate(const std::string& sql) {
    std::string lower(sql.size(), ' ');
    std::transform(sql.begin(), sql.end(), lower.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return lower.find("deallocate") != std::string::npos || lower.find("discard") != std::string::npos;
}

const char* const k_separator = "\n;\n";

// The prepared statement's name: the first preparation on a connection keeps the plain one.
std::string prepared_name(const TraceQuery& query, int generation) {
    std::string name = std::string("schemagate_") + query.name;
    return generation == 0 ? name : name + "_" + std::to_string(generation);
}

std::string prepare(const TraceQuery& query, int generation) {
    return "PREPARE " + prepared_name(query, generation) + " AS " + query.sql;
}

// `query` in a message: EXECUTE of its prepared statement, or (`as_text`) its SQL itself.
std::string call(const TraceQuery& query, int generation, bool as_text) {
    return as_text ? query.sql : "EXECUTE " + prepared_name(query, generation);
}

// Sets the limit the queries read (SG_LIMIT) for the rest of the transaction.
std::string set_limit(long long oid) {
    return "SELECT set_config('schemagate.trace_oid', '" + std::to_string(oid) + "', true) AS schemagate_limit" +
           k_separator;
}

// SQLSTATE active_sql_transaction: "... cannot run inside a transaction block".
const char* const k_active_sql_transaction = "25001";

bool is_table(char kind) { return kind == 'r' || kind == 'p' || kind == 'm'; }
bool is_index(char kind) { return kind == 'i' || kind == 'I'; }

int strongest(unsigned bits) {
    int level = 0;
    for (int i = 0; i < 8; ++i) {
        if (bits & (1U << i)) { level = i + 1; }
    }
    return level;
}

const char* const k_level_names[] = {
    "",      "ACCESS SHARE",        "ROW SHARE", "ROW EXCLUSIVE",   "SHARE UPDATE EXCLUSIVE",
    "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};

}  // namespace

void LockTrace::read_relations(const QueryResult& result, bool full) {
    if (full) {
        m_relations.clear();
        m_max_oid = 0;
    }
    for (long long oid : m_touched) { m_relations.erase(oid); }  // read again below unless dropped
    m_touched.clear();
    for (const std::vector<std::string>& row : result.rows) {
        long long oid = std::stoll(row.at(0));
        Relation& relation = m_relations[oid];
        relation.filenode = std::stoll(row.at(1));
        relation.kind = row.at(2).empty() ? 'r' : row[2][0];
        relation.name = row.at(3);
        relation.table = std::stoll(row.at(4));
        relation.relname = row.at(5);
        m_max_oid = std::max(m_max_oid, oid);
    }
}

// What follows a statement in the message: the full trace, or a cheaper query where the
// relations that existed before the migration prove the full one would find nothing.
std::string LockTrace::trace_after(const std::string& sql, LockFreeProof& proof, bool as_text) const {
    if (m_relations.empty()) { return call(k_clock, m_generation, as_text); }
    return call(proof.next(sql) ? k_quiet : k_trace, m_generation, as_text);
}

// Noise a reviewer does not need: an index lock its table's lock already implies, and
// the ROW EXCLUSIVE a sequence gets from nextval.
bool LockTrace::folded(const Relation& relation, int level, const std::map<long long, unsigned>& held) const {
    if (relation.kind == 'S') { return level <= 3; }
    if (!is_index(relation.kind)) { return false; }
    auto table = held.find(relation.table);
    return table != held.end() && strongest(table->second) >= level;
}

core::TracedStatement LockTrace::read_trace(const QueryResult& result, std::string command, long long& clock) {
    core::TracedStatement traced;
    traced.command = std::move(command);
    std::map<long long, unsigned> now;
    for (const std::vector<std::string>& row : result.rows) {
        long long at = std::stoll(row.at(0));
        traced.duration_ms = static_cast<double>(at - clock) / 1000.0;
        if (row.at(1).empty()) { continue; }  // no lock at all
        long long oid = std::stoll(row[1]);
        auto found = m_relations.find(oid);
        std::optional<std::string> mode = core::lock_mode_from_pg_locks(row.at(2));
        if (found == m_relations.end() || !mode) { continue; }  // created in this migration
        now[oid] |= 1U << (core::lock_mode_level(*mode) - 1);
        m_touched.insert(oid);
        Relation& relation = found->second;
        long long filenode = std::stoll(row.at(3));
        if (relation.filenode != 0 && filenode != 0 && filenode != relation.filenode) {
            traced.rewrites.push_back(relation.name);
        }
        if (filenode != 0) { relation.filenode = filenode; }
        long long scans = std::stoll(row.at(4));
        long long& before = m_scans[oid];
        if ((relation.kind == 'r' || relation.kind == 'm') && scans > before) { traced.scans.push_back(relation.name); }
        before = std::max(before, scans);
    }
    if (!result.rows.empty()) { clock = std::stoll(result.rows.front().at(0)); }
    for (const auto& [oid, bits] : now) {
        unsigned fresh = bits & ~m_held[oid];
        const Relation& relation = m_relations.at(oid);
        int level = strongest(fresh);
        if (fresh == 0 || folded(relation, level, now)) { continue; }
        traced.locks.push_back({relation.name, k_level_names[level], is_table(relation.kind)});
    }
    for (const auto& [oid, bits] : now) { m_held[oid] |= bits; }
    std::sort(traced.locks.begin(), traced.locks.end(),
              [](const core::TracedLock& a, const core::TracedLock& b) { return a.relation < b.relation; });
    for (std::vector<std::string>* names : {&traced.rewrites, &traced.scans}) {
        std::sort(names->begin(), names->end());
        names->erase(std::unique(names->begin(), names->end()), names->end());
    }
    return traced;
}

// The migration's message: the start query, each statement followed by its trace, and the
// relations as they are after it (m_relations holds what existed before the migration).
std::string LockTrace::message_for(const std::vector<std::string>& statements, std::vector<std::size_t>& starts) const {
    std::unordered_set<std::string> existing;
    for (const auto& [oid, relation] : m_relations) { existing.insert(relation.relname); }
    LockFreeProof proof(existing);
    std::string message = set_limit(m_max_oid) + call(m_flushed ? k_begin : k_start, m_generation, false);
    bool as_text = false;
    for (const std::string& sql : statements) {
        message += k_separator;
        starts.push_back(message.size());
        message += sql;
        message += k_separator;
        as_text = as_text || may_deallocate(sql);
        message += trace_after(sql, proof, as_text);
    }
    // What exists now is what exists before the next migration.
    message += std::string(k_separator) + call(k_relations, m_generation, as_text);
    return m_version >= k_flush_version ? message + k_separator + k_flush_query : message;
}

void LockTrace::read_results(const QueryResults& sent, TraceRun& run) {
    long long clock = 0;
    bool started = false;
    std::string command;
    for (const QueryResult& result : sent.results) {
        if (result.first_column == "schemagate_limit") { continue; }
        if (result.first_column == "schemagate_relations") {
            read_relations(result, !started);
        } else if (result.first_column == "schemagate_start") {
            started = true;
            m_scans.clear();
            m_held.clear();
            m_touched.clear();
            for (const std::vector<std::string>& row : result.rows) {
                clock = std::stoll(row.at(0));
                if (!row.at(1).empty()) { m_scans[std::stoll(row[1])] = std::stoll(row.at(2)); }
            }
        } else if (result.first_column == "schemagate_trace") {
            run.statements.push_back(read_trace(result, std::move(command), clock));
            command.clear();
        } else {
            command = result.command;  // the statement's (a DO block's inner statements send none)
        }
    }
    m_stale = sent.error.has_value();
}

TraceRun LockTrace::run_message(const Send& send, const std::vector<std::string>& statements) {
    TraceRun run;
    if (m_stale || !m_prepared) {
        // Not known (the first migration, or something untraced ran) or not prepared: read in
        // a round trip of its own, so that the migration's message can follow with the cheap
        // queries.
        std::string message;
        for (const TraceQuery* query : k_queries) {
            if (!m_prepared) { message += prepare(*query, m_generation) + k_separator; }
        }
        QueryResults known = send(message + call(k_relations, m_generation, false));
        if (!m_prepared) {
            m_prepared = !known.error;
            m_generation += known.error ? 1 : 0;  // some may exist: the next try uses new names
        }
        read_results(known, run);
        if (known.error) {
            run.error = std::move(known.error);
            return run;
        }
    }
    std::vector<std::size_t> starts;
    std::string message = message_for(statements, starts);
    QueryResults sent = send(message);
    read_results(sent, run);
    if (std::any_of(statements.begin(), statements.end(), may_deallocate)) {
        m_prepared = false;  // perhaps dropped: prepared again, under names no statement can hold
        ++m_generation;
    }
    m_flushed = !sent.error && m_version >= k_flush_version;
    if (sent.error) {
        // PostgreSQL parses the whole message first: a syntax error stops it before any
        // statement ran. The error position, when given, names the statement.
        run.failed = std::min(run.statements.size(), statements.empty() ? 0 : statements.size() - 1);
        if (sent.error->position > 0) {
            std::size_t at = byte_of_position(message, sent.error->position);
            for (std::size_t i = 0; i < starts.size(); ++i) {
                // Up to the separator: "syntax error at or near ;" points at its ';'.
                if (at >= starts[i] && at <= starts[i] + statements[i].size() + std::strlen(k_separator)) {
                    run.failed = i;
                    run.error_offset = std::min(at - starts[i], statements[i].size());
                }
            }
        }
        run.statements.resize(std::min(run.statements.size(), run.failed));
        run.error = std::move(sent.error);
    }
    return run;
}

TraceRun LockTrace::run(pqxx::dbtransaction& tx, const std::vector<std::string>& statements) {
    m_version = tx.conn().server_version();
    return run_message([&](const std::string& message) { return exec_results(tx, message); }, statements);
}

TraceRun LockTrace::run_autocommit(pqxx::internal::pq::PGconn* cx, const std::string& statement) {
    m_version = PQserverVersion(cx);
    auto send = [&](const std::string& message) { return exec_results(cx, message); };
    TraceRun run = run_message(send, {statement});
    if (!run.error || run.error->sqlstate != k_active_sql_transaction) { return run; }
    // Refused in a transaction block, before it did anything (the message's implicit
    // transaction rolled back): what was read before it holds; alone, its locks not observable.
    m_stale = false;
    auto start = std::chrono::steady_clock::now();
    QueryResults alone = send(statement);
    TraceRun out;
    if (alone.error) {
        if (alone.error->position > 0) {
            out.error_offset = std::min(byte_of_position(statement, alone.error->position), statement.size());
        }
        out.error = std::move(alone.error);
        m_stale = true;
        return out;
    }
    core::TracedStatement traced;
    traced.command = alone.results.empty() ? "" : alone.results.back().command;
    traced.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    traced.outside_transaction = true;
    traced.rewrites = rewritten(send(call(k_relations, m_generation, !m_prepared)));
    out.statements.push_back(std::move(traced));
    return out;
}

// After a statement that ran alone: the pre-existing relations whose storage changed, and
// the relations read again in full.
std::vector<std::string> LockTrace::rewritten(const QueryResults& now) {
    std::vector<std::string> rewrites;
    if (now.error || now.results.empty()) {
        m_stale = true;
        return rewrites;
    }
    const QueryResult& relations = now.results.back();
    for (const std::vector<std::string>& row : relations.rows) {
        auto found = m_relations.find(std::stoll(row.at(0)));
        long long filenode = std::stoll(row.at(1));
        if (!m_stale && found != m_relations.end() && found->second.filenode != 0 && filenode != 0 &&
            filenode != found->second.filenode) {
            rewrites.push_back(found->second.name);
        }
    }
    std::sort(rewrites.begin(), rewrites.end());
    m_touched.clear();
    read_relations(relations, true);
    m_stale = false;
    return rewrites;
}

}  // namespace runner
