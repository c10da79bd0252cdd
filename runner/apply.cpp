#include "runner/apply.hpp"

#include <pqxx/pqxx>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "runner/diagnosis.hpp"
#include "runner/failure.hpp"
#include "runner/history.hpp"
#include "runner/idempotency.hpp"
#include "runner/lock_trace.hpp"
#include "runner/progress.hpp"
#include "runner/rollback.hpp"
#include "runner/statements.hpp"

#include <pqxx/nontransaction>
#include <pqxx/subtransaction>
#include <pqxx/transaction>

#include <algorithm>
#include <chrono>
#include <memory>

namespace runner {
namespace {

const char* const k_failed_help = "fix the statement so that it applies after the migrations before it";

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool contains_nocase(const std::string& text, std::string_view word) {
    auto it = std::search(text.begin(), text.end(), word.begin(), word.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != text.end();
}

// Parsing every file only to find BEGIN ... COMMIT wrappers costs time: most files cannot be one.
Body body_of(const std::string& text) {
    bool may_wrap = (contains_nocase(text, "begin") || contains_nocase(text, "start")) &&
                    (contains_nocase(text, "commit") || contains_nocase(text, "end"));
    return may_wrap ? transaction_body(text) : Body{0, text.size(), false};
}

class Applier {
public:
    Applier(pqxx::connection& cx, const ApplyOptions& options, std::vector<PlannedChange>* changes)
            : m_cx(cx), m_options(options), m_changes(changes) {}

    core::Report run(const core::MigrationSet& set);

private:
    std::unique_ptr<pqxx::dbtransaction> begin();
    bool run_setup();
    bool apply_in_transaction(const core::Migration& m, const std::string& text, core::MigrationRecord& record);
    bool apply_traced(const core::Migration& m, const std::string& text, const Body& body,
                      const std::vector<Statement>& statements, core::MigrationRecord& record);
    void replay(pqxx::dbtransaction& tx, const core::Migration& m, const std::string& text, const Body& body);
    bool apply_autocommit(const core::Migration& m, const std::string& text, core::MigrationRecord& record);
    bool run_autocommit(pqxx::nontransaction& tx, const core::Migration& m, const std::string& text,
                        const Statement& statement, core::MigrationRecord& record);
    core::Finding failure_finding(const std::string& file, const std::string& text, const Body& body,
                                  const pqxx::sql_error& error);
    bool failed(pqxx::dbtransaction& tx, const std::string& file, const std::string& text, const Body& body,
                const pqxx::sql_error& error, core::MigrationRecord& record);

    pqxx::connection& m_cx;
    const ApplyOptions& m_options;
    std::vector<PlannedChange>* m_changes;
    std::unique_ptr<pqxx::work> m_outer;  // dry run: everything inside it, rolled back
    LockTrace m_trace;
    pqxx::internal::pq::PGconn* m_raw = nullptr;
    core::Report m_report;
};

std::unique_ptr<pqxx::dbtransaction> Applier::begin() {
    if (m_outer) { return std::make_unique<pqxx::subtransaction>(*m_outer, "schemagate_file"); }
    return std::make_unique<pqxx::work>(m_cx, "schemagate_file");
}

core::Report Applier::run(const core::MigrationSet& set) {
    pqxx::nontransaction(m_cx).exec("SELECT pg_advisory_lock(" + std::to_string(k_advisory_lock_key) + ")");
    if (m_options.dry_run) { m_outer = std::make_unique<pqxx::work>(m_cx, "schemagate_dry_run"); }
    std::map<std::string, std::string> applied;
    {
        auto tx = begin();
        m_raw = raw_connection(*tx);  // for traced no-transaction files
        ensure_history(*tx);
        applied = read_history(*tx);
        tx->commit();
    }
    bool ok = !applied.empty() || run_setup();
    Progress progress(m_options.progress, static_cast<int>(set.migrations.size()));
    int done = 0;
    int mismatched = 0;
    for (const core::Migration& m : set.migrations) {
        core::MigrationRecord record{m.file, m.version, m.checksum, core::MigrationStatus::pending, -1};
        auto found = applied.find(history_key(m));
        if (found != applied.end()) {
            record.status = core::MigrationStatus::skipped;
            record.reason = "already applied (in the history table)";
            if (found->second != m.checksum) {
                ++mismatched;
                m_report.findings.push_back(
                    finding_at(core::rule_id::checksum_mismatch, m.file, m.text, 0, 0,
                               "the migration was changed after it was applied: history has " + found->second,
                               "restore the file as it was applied and put the change in a new migration"));
            }
        } else if (ok) {
            progress.update(done, m.file);
            std::string text = core::substitute(core::up_text(m), m_options.placeholders);
            if (m.directives.no_transaction && m_outer) {
                record.status = core::MigrationStatus::skipped;
                record.reason = "no-transaction migration: cannot run inside the dry run's transaction";
            } else {
                ok = m.directives.no_transaction ? apply_autocommit(m, text, record)
                                                 : apply_in_transaction(m, text, record);
            }
        }
        ++done;
        m_report.migrations.push_back(std::move(record));
    }
    m_report.migration_failed = !ok;
    m_report.count_migration_checks(mismatched);
    if (m_outer) { m_outer->abort(); }
    pqxx::nontransaction(m_cx).exec("SELECT pg_advisory_unlock(" + std::to_string(k_advisory_lock_key) + ")");
    return std::move(m_report);
}

bool Applier::run_setup() {
    for (const std::filesystem::path& path : m_options.setup) {
        std::optional<std::string> bytes = core::read_file(path);
        if (!bytes) {
            throw core::Error(core::display_path(path) + ": cannot read the setup file: check the setup: list");
        }
        std::string text = core::substitute(*bytes, m_options.placeholders);
        Body body = body_of(text);
        auto tx = begin();
        try {
            exec_diagnosed(*tx, text.substr(body.offset, body.length));
            tx->commit();
        } catch (const pqxx::sql_error& e) {
            tx->abort();
            m_report.findings.push_back(failure_finding(core::display_path(path), text, body, e));
            return false;
        }
    }
    return true;
}

bool Applier::apply_in_transaction(const core::Migration& m, const std::string& text, core::MigrationRecord& record) {
    Body body = body_of(text);
    if (m_options.trace_locks && !m_outer && !m.applied) {
        std::vector<Statement> statements = split_statements(text.substr(body.offset, body.length));
        if (!statements.empty()) { return apply_traced(m, text, body, statements, record); }
    }
    m_trace.forget();
    auto tx = begin();
    try {
        bool plan = m_outer && m_changes != nullptr;
        bool rollback = wants_rollback_check(m, m_options.rollback);
        DatabaseState before = plan || rollback ? capture_state(*tx) : DatabaseState();
        auto start = Clock::now();
        exec_diagnosed(*tx, text.substr(body.offset, body.length));
        double ms = ms_since(start);
        if (plan) {
            for (std::string& change : differences(before, capture_state(*tx))) {
                m_changes->push_back({m.file, std::move(change)});
            }
        }
        replay(*tx, m, text, body);
        if (rollback) { verify_rollback(*tx, m, before, text, body, m_options.placeholders, m_report); }
        record_history(*tx, m, ms);
        tx->commit();
        record.status = m_outer ? core::MigrationStatus::rolled_back : core::MigrationStatus::applied;
        record.duration_ms = ms;
        return true;
    } catch (const pqxx::sql_error& e) { return failed(*tx, m.file, text, body, e, record); }
}

void Applier::replay(pqxx::dbtransaction& tx, const core::Migration& m, const std::string& text, const Body& body) {
    if (!m_options.verify_idempotency) { return; }
    if (std::optional<core::Finding> finding = verify_replay(tx, m.file, text, body)) {
        m_report.findings.push_back(std::move(*finding));
    }
}

// Statement by statement, each traced (`statements` are offsets in the body).
bool Applier::apply_traced(const core::Migration& m, const std::string& text, const Body& body,
                           const std::vector<Statement>& statements, core::MigrationRecord& record) {
    core::LineIndex lines(text);
    std::vector<std::string> sqls;
    for (const Statement& s : statements) { sqls.push_back(text.substr(body.offset + s.offset, s.length)); }
    record.traced = true;
    // The rollback check's state before, read in a transaction of its own: it counts every
    // table's rows, and the locks and scans of that would be the first statement's in the trace.
    bool rollback = wants_rollback_check(m, m_options.rollback);
    DatabaseState before;
    if (rollback) {
        pqxx::read_transaction snapshot(m_cx);
        before = capture_state(snapshot);
        m_trace.scans_pending();
    }
    auto tx = begin();
    try {
        TraceRun run = m_trace.run(*tx, sqls);
        double ms = 0;
        for (std::size_t i = 0; i < run.statements.size(); ++i) {
            core::TracedStatement& traced = run.statements[i];
            std::size_t at = body.offset + statements[i].offset;
            core::Position first = lines.at(at);
            core::Position last = lines.at(at + statements[i].length - 1);
            traced.line = first.line;
            traced.column = first.column;
            traced.end_line = last.line;
            traced.end_column = last.column;
            ms += traced.duration_ms;
        }
        record.statements = std::move(run.statements);
        if (run.error) {
            tx->abort();
            throw_if_disk_full(run.error->sqlstate, run.error->message(), m.file);
            std::size_t start = body.offset + statements[run.failed].offset;
            std::size_t at = start + run.error_offset.value_or(0);
            std::size_t end = start + statements[run.failed].length;
            m_report.findings.push_back(finding_at(core::rule_id::migration_failed, m.file, text, at, end - at,
                                                   run.error->message(), k_failed_help));
            record.status = core::MigrationStatus::failed;
            return false;
        }
        replay(*tx, m, text, body);
        if (rollback) {
            verify_rollback(*tx, m, before, text, body, m_options.placeholders, m_report);
            m_trace.forget();  // down and redo made and dropped relations the trace did not see
        }
        record_history(*tx, m, ms);
        tx->commit();
        record.status = core::MigrationStatus::applied;
        record.duration_ms = ms;
        for (core::Finding& f : trace_findings(m.file, record)) { m_report.findings.push_back(std::move(f)); }
        return true;
    } catch (const pqxx::sql_error& e) { return failed(*tx, m.file, text, body, e, record); }
}

// `-- schemagate:no-transaction`: each statement on its own, in autocommit; with the lock
// trace, each traced as it runs (LockTrace::run_autocommit).
bool Applier::apply_autocommit(const core::Migration& m, const std::string& text, core::MigrationRecord& record) {
    record.traced = m_options.trace_locks && !m.applied;
    if (!record.traced) { m_trace.forget(); }
    std::vector<Statement> statements = split_statements(text);
    if (statements.empty()) { statements.push_back({0, text.size()}); }
    pqxx::nontransaction tx(m_cx, "schemagate_file");
    auto start = Clock::now();
    for (const Statement& statement : statements) {
        if (!run_autocommit(tx, m, text, statement, record)) {
            record.status = core::MigrationStatus::failed;
            return false;
        }
    }
    double ms = ms_since(start);
    record_history(tx, m, ms);
    record.status = core::MigrationStatus::applied;
    record.duration_ms = ms;
    if (record.traced) {
        // Each statement committed on its own: no lock outlived it (no exclusive-lock-held).
        for (core::Finding& f : trace_findings(m.file, record)) {
            if (f.rule != "exclusive-lock-held") { m_report.findings.push_back(std::move(f)); }
        }
    }
    return true;
}

bool Applier::run_autocommit(pqxx::nontransaction& tx, const core::Migration& m, const std::string& text,
                             const Statement& statement, core::MigrationRecord& record) {
    std::string sql = text.substr(statement.offset, statement.length);
    std::size_t end = statement.offset + statement.length;
    if (!record.traced) {
        try {
            tx.exec(sql);
            return true;
        } catch (const pqxx::sql_error& e) {
            throw_if_disk_full(e, m.file);
            std::optional<std::size_t> caret = caret_offset(e, sql);
            std::size_t at = caret ? statement.offset + *caret : statement.offset;
            m_report.findings.push_back(finding_at(core::rule_id::migration_failed, m.file, text, at, end - at,
                                                   server_message(e), k_failed_help));
            return false;
        }
    }
    TraceRun run = m_trace.run_autocommit(m_raw, sql);
    if (run.error) {
        throw_if_disk_full(run.error->sqlstate, run.error->message(), m.file);
        std::size_t at = statement.offset + run.error_offset.value_or(0);
        m_report.findings.push_back(finding_at(core::rule_id::migration_failed, m.file, text, at, end - at,
                                               run.error->message(), k_failed_help));
        return false;
    }
    core::LineIndex lines(text);
    for (core::TracedStatement& traced : run.statements) {
        core::Position first = lines.at(statement.offset);
        core::Position last = lines.at(end - 1);
        traced.line = first.line;
        traced.column = first.column;
        traced.end_line = last.line;
        traced.end_column = last.column;
        record.statements.push_back(std::move(traced));
    }
    return true;
}

// A migration's transaction failed: rolled back, reported where it failed; always false.
bool Applier::failed(pqxx::dbtransaction& tx, const std::string& file, const std::string& text, const Body& body,
                     const pqxx::sql_error& error, core::MigrationRecord& record) {
    tx.abort();
    m_report.findings.push_back(failure_finding(file, text, body, error));
    record.status = core::MigrationStatus::failed;
    return false;
}

// Where the failure is: the error position when the server gave one, else the statement
// that fails when the body is replayed statement by statement (rolled back).
core::Finding Applier::failure_finding(const std::string& file, const std::string& text, const Body& body,
                                       const pqxx::sql_error& error) {
    throw_if_disk_full(error, file);
    std::string message = server_message(error);
    std::string body_text = text.substr(body.offset, body.length);
    std::vector<Statement> statements = split_statements(body_text);
    for (Statement& s : statements) { s.offset += body.offset; }
    std::optional<std::size_t> caret = caret_offset(error, body_text);
    if (caret) { *caret += body.offset; }
    std::optional<Statement> failing;
    if (caret) {
        for (const Statement& s : statements) {
            if (*caret >= s.offset && *caret <= s.offset + s.length) { failing = s; }
        }
    } else if (statements.size() > 1) {
        std::unique_ptr<pqxx::dbtransaction> tx = begin();
        if (std::optional<FailedStatement> found = find_failing_statement(*tx, text, body)) {
            failing = found->statement;
            caret = found->caret;
        }
    }
    if (!failing) { failing = statements.empty() ? Statement{body.offset, body.length} : statements.front(); }
    std::size_t at = caret.value_or(failing->offset);
    std::size_t end = std::max(at, failing->offset + failing->length);
    return finding_at(core::rule_id::migration_failed, file, text, at, end - at, message, k_failed_help);
}

}  // namespace

core::Report apply(pqxx::connection& cx, const core::MigrationSet& set, const ApplyOptions& options,
                   std::vector<PlannedChange>* changes) {
    return Applier(cx, options, changes).run(set);
}

}  // namespace runner
