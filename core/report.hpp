#pragma once
// The report every command produces: findings, per-migration outcomes, the schema
// snapshot, and the counts of the summary. Writers (gate/report/) turn it into text,
// JSON, SARIF, JUnit, Markdown or GitHub annotations; the JSON shape is the contract
// in ARCHITECTURE.md ("Report JSON").

#include "core/finding.hpp"
#include "core/rule_catalog.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

/// A lock a statement newly took on a relation that existed before its migration
/// (pg_locks of the applying backend, granted, locktype relation).
struct TracedLock {
    std::string relation;  ///< "public.users"
    std::string mode;      ///< the docs' name (core/lock_mode.hpp), e.g. "ACCESS EXCLUSIVE"
    bool table = true;     ///< a table, partitioned table or materialized view (not an index, sequence, view)
};

/// One statement of a migration as the lock trace saw it on the server.
struct TracedStatement {
    int line = 0;                       ///< 1-based, of the statement's first character
    int end_line = 0;                   ///< of its last character
    int column = 0;                     ///< of the first character (findings' spans; not in the JSON)
    int end_column = 0;                 ///< of the last character
    std::string command;                ///< the server's command tag without counts, e.g. "ALTER TABLE"
    std::vector<TracedLock> locks;      ///< per relation, the strongest mode newly taken; pre-existing relations only
    std::vector<std::string> rewrites;  ///< pre-existing relations whose relfilenode changed (pg_class)
    std::vector<std::string> scans;     ///< pre-existing tables it scanned in full (pg_stat_get_xact_numscans)
    double duration_ms = 0;             ///< wall time of the statement, trace query included
    /// Ran on its own outside a transaction block (a no-transaction file's statement that
    /// PostgreSQL refuses in one, e.g. CREATE INDEX CONCURRENTLY): its locks were released
    /// when it committed, so `locks` and `scans` are empty, not observed; `rewrites` holds.
    bool outside_transaction = false;
};

/// What happened to one migration; reports write it as to_string() gives it.
enum class MigrationStatus {
    linted,       ///< lint only: nothing ran
    applied,      ///< applied (run, migrate) or found applied (gate, status)
    pending,      ///< not applied: not reached, or not yet on the target
    failed,       ///< it raised an error
    skipped,      ///< already applied: not run again
    rolled_back,  ///< migrate's guard objected: rolled back, not recorded
    changed,      ///< status: applied, but the file's checksum differs from the history's
    missing,      ///< status: applied, and no file has it
};

/// "linted" | "applied" | "pending" | "failed" | "skipped" | "rolled-back" | "changed" | "missing".
std::string_view to_string(MigrationStatus status);
/// The status to_string() names; nullopt for any other text.
std::optional<MigrationStatus> parse_migration_status(std::string_view text);

/// What happened to one migration. `duration_ms` < 0 when not applied.
struct MigrationRecord {
    MigrationRecord() = default;
    MigrationRecord(std::string file_, std::string version_, std::string checksum_, MigrationStatus status_,
                    double duration_ms_ = -1, std::string reason_ = {})
            : file(std::move(file_)),
              version(std::move(version_)),
              checksum(std::move(checksum_)),
              status(status_),
              duration_ms(duration_ms_),
              reason(std::move(reason_)) {}

    std::string file;
    std::string version;
    std::string checksum;  ///< "sha256:<64 hex>" of the file's bytes as stored
    MigrationStatus status = MigrationStatus::pending;
    double duration_ms = -1;
    std::string reason;                         ///< why "skipped" or "pending", e.g. "already applied"; may be empty
    bool traced = false;                        ///< the lock trace ran on it: `statements` is its trace
    std::vector<TracedStatement> statements{};  ///< when traced: every statement, in order
};

/// Who, what, when and where of the run that made a report: the report as an audit record
/// (ARCHITECTURE.md, "Report JSON"). Empty `run_id`: not recorded (writers leave it out).
struct RunInfo {
    std::string run_id;      ///< random UUID (core::new_run_id)
    std::string started_at;  ///< ISO 8601, UTC
    double duration_ms = -1;
    std::string command;         ///< the command line as given, passwords redacted
    std::string git_commit;      ///< HEAD of the repository holding the current directory; "" when not in git
    std::string git_branch;      ///< "" when HEAD is detached or not in git
    std::string target;          ///< where migrations ran: "ephemeral PostgreSQL", a URL without password; "" for lint
    std::string server_version;  ///< that server's version ("15.8"); "" when none ran
    bool dry_run = false;
};

struct Summary {
    int migrations = 0;
    int checks = 0;
    int passed = 0;
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    int blockers = 0;
    int linted_in_full = -1;  ///< files every rule looked at; -1 when nothing was linted
    int integrity_only = 0;   ///< files counted as applied: integrity rules only
};

struct Report {
    std::vector<Finding> findings;
    std::vector<MigrationRecord> migrations;
    nlohmann::json schema = nlohmann::json::object();  ///< snapshot, empty when nothing ran
    int checks = 0;                                    ///< checks performed by all stages
    int failed_checks = 0;                             ///< checks that produced at least one finding
    bool migration_failed = false;
    std::vector<RuleInfo> rules;  ///< descriptions of the rules findings refer to (filled by the CLI)
    int linted_in_full = -1;      ///< see Summary
    int integrity_only = 0;       ///< see Summary
    std::string scope_base;  ///< what integrity-only files are unchanged since ("origin/main", "HEAD", "baseline 0042")
    RunInfo run;             ///< the audit record (filled by the CLI)
    int lock_timeout_ms = -1;       ///< the lock_timeout the runner/migrate set per migration; -1 none set, 0 off
    int statement_timeout_ms = -1;  ///< the statement_timeout likewise

    /// Sorts findings into report order (file, line, column, rule).
    void sort();
    Summary summary() const;
    /// "fail" exactly when a finding blocks or a migration failed.
    bool passed() const;
    /// Moves another stage's findings, records and counts into this report.
    void merge(Report&& other);
    /// One failure said once: drops each parse-error on a line where the same file has a
    /// migration-failed (the server that ran it is the judge, with its SQLSTATE).
    void drop_parse_errors_the_server_reported();
    /// Counts one check per migration record (was it applied?) into checks and failed_checks:
    /// a failed migration, and one left pending by a failure, are never counted as passed.
    void count_migration_checks(int mismatched);
    /// The migrations not applied because one failed (status "pending" after a failure).
    std::vector<std::string> not_applied() const;
};

}  // namespace core
