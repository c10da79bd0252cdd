#include "runner/runner.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"
#include "core/secrets.hpp"
#include "runner/apply.hpp"
#include "runner/failure.hpp"
#include "runner/introspect.hpp"
#include "runner/local_cluster.hpp"
#include "runner/production.hpp"
#include "runner/throwaway_database.hpp"

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include <algorithm>
#include <memory>

namespace runner {
namespace {

ApplyOptions apply_options(const RunOptions& options) {
    ApplyOptions apply;
    apply.setup = options.setup;
    apply.placeholders = options.placeholders;
    apply.verify_idempotency = options.verify_idempotency;
    apply.rollback = options.rollback;
    apply.dry_run = options.dry_run;
    apply.progress = options.progress;
    apply.trace_locks = options.trace_locks;
    return apply;
}

std::string one_line(const std::exception& e) {
    std::string text = e.what();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) { text.pop_back(); }
    for (char& c : text) {
        if (c == '\n') { c = ' '; }
    }
    return text;
}

// A dry run's info finding of what a migration would change.
core::Finding planned_change(const PlannedChange& change) {
    core::Finding finding;
    finding.rule = core::rule_id::planned_change;
    finding.severity = core::Severity::info;
    finding.file = change.file;
    finding.start = finding.end = {1, 1};
    finding.message = change.change + " (dry run: rolled back)";
    return finding;
}

// `cluster`: the local cluster the run uses (its log explains a lost connection), else null.
RunResult apply_and_introspect(const std::string& conninfo, const std::string& shown, const core::MigrationSet& set,
                               const RunOptions& options, LocalCluster* cluster = nullptr) {
    RunResult result;
    try {
        bool timeouts = options.lock_timeout_ms >= 0 || options.statement_timeout_ms >= 0;
        SessionOptions session{std::max(0, options.lock_timeout_ms), std::max(0, options.statement_timeout_ms)};
        pqxx::connection cx(timeouts ? session_conninfo(conninfo, session, false) : conninfo);
        result.report = apply(cx, set, apply_options(options), &result.changes);
        for (core::Finding& f : missing_down_findings(set, options.rollback)) {
            result.report.findings.push_back(std::move(f));
        }
        result.report.run.server_version = version_text(cx.server_version());
        pqxx::nontransaction tx(cx);
        if (!options.dry_run) { result.snapshot = introspect(tx); }
    } catch (const DiskFull& e) {
        if (cluster != nullptr) { throw disk_full_in(cluster->dir().parent_path(), e.what()); }
        throw DiskFull(std::string(e.what()) + ": free space on the disk of the server (" + shown +
                       "), then run again");
    } catch (const pqxx::broken_connection& e) {
        if (cluster != nullptr) {
            std::string why = cluster->post_mortem();
            throw core::Error("lost the connection to PostgreSQL (" + shown + "): " + one_line(e) +
                              (why.empty() ? "" : ": " + why));
        }
        throw core::Error("lost the connection to PostgreSQL (" + shown + "): " + one_line(e) +
                          ": the server stopped or was killed; check its log and run again");
    } catch (const pqxx::sql_error& e) {
        throw core::Error("PostgreSQL refused a request of schemagate (" + shown + "): " + one_line(e));
    }
    for (const PlannedChange& change : result.changes) { result.report.findings.push_back(planned_change(change)); }
    result.report.schema = result.snapshot.to_json();
    result.report.run.target = "ephemeral PostgreSQL";
    result.report.run.dry_run = options.dry_run;
    result.report.lock_timeout_ms = options.lock_timeout_ms;
    result.report.statement_timeout_ms = options.statement_timeout_ms;
    return result;
}

}  // namespace

RunResult run(const core::MigrationSet& set, const RunOptions& options) {
    if (!options.database_url.empty()) {
        ThrowawayDatabase database(options.database_url, options.keep);
        RunResult result = apply_and_introspect(database.conninfo(), redact_conninfo(database.conninfo()), set,
                                                options);
        if (options.keep) { result.kept = "database " + database.name(); }
        result.report.run.target = "throwaway database on " + core::redact_known(options.database_url);
        return result;
    }
    LocalClusterOptions local;
    local.pg_bindir = options.pg_bindir;
    local.postgres_version = options.postgres_version;
    local.keep = options.keep;
    LocalCluster cluster(local);
    RunResult result = apply_and_introspect(cluster.conninfo(), "local cluster in " + cluster.dir().string(), set,
                                            options, &cluster);
    result.ready_ms = cluster.ready_ms();
    if (options.keep) { result.kept = "data directory " + cluster.data_dir().string(); }
    if (!cluster.server_running()) {
        throw core::Error("the local PostgreSQL server in " + cluster.dir().string() +
                          " stopped during the run: " + cluster.post_mortem());
    }
    return result;
}

}  // namespace runner
