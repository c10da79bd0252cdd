#include "runner/migrate.hpp"

#include <pqxx/pqxx>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/audit.hpp"
#include "runner/apply.hpp"
#include "runner/diagnosis.hpp"
#include "runner/failure.hpp"
#include "runner/history.hpp"
#include "runner/introspect.hpp"
#include "runner/statements.hpp"
#include "runner/throwaway_database.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>

namespace runner {
namespace {

const char* const k_failed_help = "fix the statement so that it applies after the migrations before it";

std::string one_line(const std::exception& e) {
    std::string text = e.what();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) { text.pop_back(); }
    for (char& c : text) {
        if (c == '\n') { c = ' '; }
    }
    return text;
}

class Migrator {
public:
    Migrator(pqxx::connection& cx, const MigrateOptions& options) : m_cx(cx), m_options(options) {}

    core::Report run(const core::MigrationSet& set);

private:
    bool apply_one(const core::Migration& m, bool last, core::MigrationRecord& record);
    bool apply_autocommit(const core::Migration& m, const std::string& text, core::MigrationRecord& record);
    core::Finding failure(const core::Migration& m, const std::string& text, const Body& body,
                          const pqxx::sql_error& e);

    pqxx::connection& m_cx;
    const MigrateOptions& m_options;
    core::Report m_report;
};

core::Report Migrator::run(const core::MigrationSet& set) {
    std::map<std::string, std::string> applied;
    {
        pqxx::work tx(m_cx, "schemagate_history");
        ensure_history(tx);
        applied = read_history(tx);
        if (!m_options.forced.empty()) {
            tx.exec_params(
                "INSERT INTO public.schemagate_history (version, name, checksum, execution_ms, success, "
                "run_id, applied_by) VALUES ('', $1, '', 0, false, $2, session_user)",
                "schemagate:force " + m_options.forced, m_options.history.run_id);
        }
        tx.commit();
    }
    std::size_t last_pending = set.migrations.size();
    for (std::size_t i = 0; i < set.migrations.size(); ++i) {
        if (!applied.count(history_key(set.migrations[i]))) { last_pending = i; }
    }
    bool ok = true;
    for (std::size_t i = 0; i < set.migrations.size(); ++i) {
        const core::Migration& m = set.migrations[i];
        core::MigrationRecord record{m.file, m.version, m.checksum, core::MigrationStatus::pending, -1};
        if (applied.count(history_key(m))) {
            record.status = core::MigrationStatus::skipped;
            record.reason = "already applied (in the history table)";
        } else if (ok) {
            ok = apply_one(m, i == last_pending, record);
        }
        m_report.migrations.push_back(std::move(record));
    }
    m_report.migration_failed = !ok;
    m_report.count_migration_checks(0);
    return std::move(m_report);
}

bool Migrator::apply_one(const core::Migration& m, bool last, core::MigrationRecord& record) {
    std::string text = core::substitute(core::up_text(m), m_options.placeholders);
    if (m.directives.no_transaction) { return apply_autocommit(m, text, record); }
    Body body = transaction_body(text);
    pqxx::work tx(m_cx, "schemagate_migration");
    try {
        SchemaSnapshot before = m_options.guard ? introspect(tx) : SchemaSnapshot();
        auto start = std::chrono::steady_clock::now();
        exec_diagnosed(tx, text.substr(body.offset, body.length));
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (m_options.guard) {
            std::vector<core::Finding> objections = m_options.guard(m, before, introspect(tx), last);
            if (!objections.empty()) {
                tx.abort();
                for (core::Finding& f : objections) { m_report.findings.push_back(std::move(f)); }
                record.status = core::MigrationStatus::rolled_back;
                return false;
            }
        }
        record_history(tx, m, ms, m_options.history);
        tx.commit();
        record.status = core::MigrationStatus::applied;
        record.duration_ms = ms;
        return true;
    } catch (const pqxx::sql_error& e) {
        tx.abort();
        m_report.findings.push_back(failure(m, text, body, e));
        record.status = core::MigrationStatus::failed;
        return false;
    }
}

// The invalid indexes (pg_index.indisvalid false) whose names the migration's text holds,
// schema-qualified and comma-separated; "" when none. A CREATE INDEX CONCURRENTLY that was
// interrupted leaves one, and its IF NOT EXISTS then skips it on the next run.
std::string invalid_indexes_named(pqxx::transaction_base& tx, const std::string& text) {
    std::string lowered = text;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string out;
    for (const auto& row :
         tx.exec("SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid ORDER BY 1, 2")) {
        std::string name = row[1].as<std::string>();
        std::string folded = name;
        std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lowered.find(folded) == std::string::npos) { continue; }
        out += (out.empty() ? "" : ", ") + row[0].as<std::string>() + "." + name;
    }
    return out;
}

// `-- schemagate:no-transaction`: outside a transaction, so the guard cannot roll it back;
// it still reports, and the run stops there.
bool Migrator::apply_autocommit(const core::Migration& m, const std::string& text, core::MigrationRecord& record) {
    pqxx::nontransaction tx(m_cx, "schemagate_migration");
    SchemaSnapshot before = m_options.guard ? introspect(tx) : SchemaSnapshot();
    auto start = std::chrono::steady_clock::now();
    try {
        tx.exec(text);
    } catch (const pqxx::sql_error& e) {
        throw_if_disk_full(e, m.file);
        m_report.findings.push_back(finding_at(core::rule_id::migration_failed, m.file, text, 0, text.size(),
                                               server_message(e), k_failed_help));
        record.status = core::MigrationStatus::failed;
        return false;
    }
    if (std::string invalid = invalid_indexes_named(tx, text); !invalid.empty()) {
        m_report.findings.push_back(
            finding_at(core::rule_id::migration_failed, m.file, text, 0, text.size(),
                       "index " + invalid +
                           " is INVALID (pg_index.indisvalid): a CREATE INDEX CONCURRENTLY did not finish, "
                           "and IF NOT EXISTS skips an invalid index",
                       "DROP INDEX CONCURRENTLY " + invalid + ", then run migrate again"));
        record.status = core::MigrationStatus::failed;
        return false;
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    record_history(tx, m, ms, m_options.history);
    record.status = core::MigrationStatus::applied;
    record.duration_ms = ms;
    if (m_options.guard) {
        std::vector<core::Finding> objections = m_options.guard(m, before, introspect(tx), false);
        for (core::Finding& f : objections) { m_report.findings.push_back(std::move(f)); }
        return objections.empty();
    }
    return true;
}

core::Finding Migrator::failure(const core::Migration& m, const std::string& text, const Body& body,
                                const pqxx::sql_error& e) {
    throw_if_disk_full(e, m.file);
    std::string body_text = text.substr(body.offset, body.length);
    std::optional<std::size_t> caret = caret_offset(e, body_text);
    if (caret) {
        return finding_at(core::rule_id::migration_failed, m.file, text, body.offset + *caret, 0, server_message(e),
                          k_failed_help);
    }
    pqxx::work probe(m_cx, "schemagate_probe");
    if (std::optional<FailedStatement> found = find_failing_statement(probe, text, body)) {
        std::size_t at = found->caret.value_or(found->statement.offset);
        std::size_t end = std::max(at, found->statement.offset + found->statement.length);
        return finding_at(core::rule_id::migration_failed, m.file, text, at, end - at, server_message(e),
                          k_failed_help);
    }
    return finding_at(core::rule_id::migration_failed, m.file, text, body.offset, 0, server_message(e), k_failed_help);
}

}  // namespace

core::Report migrate(const std::string& url, const core::MigrationSet& set, const MigrateOptions& options) {
    std::string shown = redact_conninfo(url);
    try {
        pqxx::connection cx(session_conninfo(url, options.session, false));
        std::string key = std::to_string(k_advisory_lock_key);
        if (!pqxx::nontransaction(cx).exec1("SELECT pg_try_advisory_lock(" + key + ")")[0].as<bool>()) {
            throw core::Error("another schemagate holds the migration lock on " + shown +
                              ": wait for it to finish, then run again");
        }
        MigrateOptions with_id = options;
        if (with_id.history.run_id.empty()) { with_id.history.run_id = core::new_run_id(); }
        core::Report report = Migrator(cx, with_id).run(set);
        report.lock_timeout_ms = options.session.lock_timeout_ms;
        report.statement_timeout_ms = options.session.statement_timeout_ms;
        pqxx::nontransaction(cx).exec("SELECT pg_advisory_unlock(" + key + ")");
        return report;
    } catch (const DiskFull& e) {
        throw DiskFull(std::string(e.what()) + ": free space on the disk of the server (" + shown +
                       "), then run again");
    } catch (const pqxx::broken_connection& e) {
        throw core::Error("cannot reach or lost the connection to " + shown + ": " + one_line(e));
    } catch (const pqxx::sql_error& e) {
        throw core::Error("PostgreSQL refused a request of schemagate (" + shown + "): " + one_line(e));
    }
}

}  // namespace runner
