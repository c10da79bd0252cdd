// The production gate and `migrate`: the stages wired together.
#include "gate/production.hpp"

#include "core/error.hpp"
#include "core/rule_catalog.hpp"
#include "core/secrets.hpp"
#include "gate/check_schema.hpp"
#include "gate/required_guard.hpp"
#include "runner/history.hpp"
#include "runner/migrate.hpp"
#include "runner/production_copy.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gate {
namespace {

using History = std::optional<runner::History>;

core::Finding located(core::RuleId rule, core::Severity severity, std::string file, std::string message,
                      std::string help) {
    core::Finding f;
    f.rule = rule;
    f.severity = severity;
    f.file = std::move(file);
    f.message = std::move(message);
    f.help = std::move(help);
    return f;
}

void add_records(core::Report& report, const core::MigrationSet& set, const History& history,
                 const runner::HistorySource& source) {
    std::set<std::string> keys = applied_identities(set, history);
    for (const core::Migration& m : set.migrations) {
        report.migrations.push_back(
            {m.file, m.version, m.checksum,
             keys.count(history_identity(source, m)) ? core::MigrationStatus::applied : core::MigrationStatus::pending,
             -1});
    }
}

// Only the migrations `history` does not count as applied.
core::MigrationSet pending_of(const core::MigrationSet& set, const History& history,
                              const runner::HistorySource& source) {
    core::MigrationSet pending = set;
    std::set<std::string> keys = applied_identities(set, history);
    std::erase_if(pending.migrations,
                  [&](const core::Migration& m) { return keys.count(history_identity(source, m)); });
    return pending;
}

// Another tool's history table is that tool's object, as schemagate_history is ours: not
// part of the schema the migrations build.
void drop_history_table(runner::SchemaSnapshot& snapshot, const runner::HistorySource& source) {
    if (source.format == runner::HistorySource::Format::schemagate) { return; }
    std::string qualified = source.qualified_table();
    std::erase_if(snapshot.tables, [&](const runner::Table& t) { return t.schema + "." + t.name == qualified; });
}

// The schema the applied migrations build, replayed on an ephemeral cluster, against the live one.
core::Report drift(const core::MigrationSet& set, const History& history, const runner::SchemaSnapshot& live,
                   const ProductionOptions& options) {
    core::Report report;
    if (!history) { return report; }
    core::MigrationSet applied = set;
    std::set<std::string> keys = applied_identities(set, history);
    std::erase_if(applied.migrations,
                  [&](const core::Migration& m) { return !keys.count(history_identity(options.history, m)); });
    runner::RunOptions local = options.local;
    local.database_url.clear();
    local.verify_idempotency = local.dry_run = local.keep = local.progress = false;
    runner::RunResult replay = runner::run(applied, local);
    std::string root = core::display_path(set.root);
    if (replay.report.migration_failed) {
        report.findings = std::move(replay.report.findings);
        report.findings.push_back(
            located(core::rule_id::schema_drift, core::Severity::warning, root,
                    "schema drift not checked: the applied migrations do not replay on an empty database",
                    "fix the migration that fails (see migration-failed), then run the gate again"));
        return report;
    }
    for (SchemaDifference& d : diff_schemas(replay.snapshot, live, "the migrations", "production")) {
        ++report.checks;
        ++report.failed_checks;
        report.findings.push_back(located(core::rule_id::schema_drift, core::Severity::error, root,
                                          std::move(d.message),
                                          "put the change in a migration, or undo the hand-made change in production"));
    }
    ++report.checks;
    return report;
}

// Two environments: migrations applied in one and not the other, and schema differences.
core::Report compare_environments(const History& history, const runner::SchemaSnapshot& live,
                                  const core::MigrationSet& set, const ProductionOptions& options) {
    core::Report report;
    runner::ReadOnlySession other(options.compare_url, options.session);
    History other_history = other.history(options.history);
    std::set<std::string> here = applied_identities(set, history);
    std::set<std::string> there = applied_identities(set, other_history);
    std::string root = core::display_path(set.root);
    auto one_sided = [&](const std::set<std::string>& a, const std::set<std::string>& b, const std::string& in,
                         const std::string& not_in) {
        for (const std::string& key : a) {
            if (b.count(key)) { continue; }
            std::string shown = key;
            std::replace(shown.begin(), shown.end(), '|', ' ');
            report.findings.push_back(located(core::rule_id::environment_drift, core::Severity::warning, root,
                                              "migration " + shown + " is applied in " + in + " but not in " + not_in,
                                              "run schemagate migrate on " + not_in + " to bring it level"));
        }
    };
    one_sided(here, there, "--database-url", "--compare-url");
    one_sided(there, here, "--compare-url", "--database-url");
    runner::SchemaSnapshot other_live = other.snapshot();
    drop_history_table(other_live, options.history);
    for (SchemaDifference& d : diff_schemas(other_live, live, "--compare-url", "--database-url")) {
        report.findings.push_back(located(core::rule_id::environment_drift, core::Severity::warning, root,
                                          std::move(d.message), "bring the two environments level with migrations"));
    }
    ++report.checks;
    report.failed_checks += report.findings.empty() ? 0 : 1;
    return report;
}

// The pending migrations applied to a copy of the target's schema: what they would change,
// whether one fails, and the required schema on the result. The target is only read.
core::Report dry_run(const core::MigrationSet& set, const History& history, const ProductionOptions& options) {
    runner::CopyRun copy = runner::apply_to_copy(options.database_url, pending_of(set, history, options.history),
                                                 options.local, options.session);
    core::Report report;
    report.findings = std::move(copy.report.findings);
    report.migration_failed = copy.report.migration_failed;
    std::vector<std::string> pending;
    for (const core::MigrationRecord& record : copy.report.migrations) {
        if (record.status == core::MigrationStatus::applied) { pending.push_back(record.file); }
    }
    std::string file = pending.size() == 1 ? pending.front() : core::display_path(set.root);
    for (SchemaDifference& d : diff_schemas(copy.before, copy.after, "production", "the dry run")) {
        report.findings.push_back(located(core::rule_id::planned_change, core::Severity::info, file,
                                          d.message + " (dry run on a copy of the schema)", ""));
    }
    if (options.required && !copy.report.migration_failed && !pending.empty()) {
        for (core::Finding& f : check_schema(*options.required, copy.after).findings) {
            f.message = "after the pending migrations: " + f.message;
            report.findings.push_back(std::move(f));
        }
    }
    return report;
}

// What the gate's role could write: said in the report, never a blocker.
void add_write_access(core::Report& report, runner::ReadOnlySession& target, const core::MigrationSet& set) {
    runner::WriteAccess access = target.write_access();
    if (!access.can_write()) { return; }
    std::string what = access.superuser ? std::string("is a superuser")
                                        : "may write to " + std::to_string(access.writable_tables) + " table" +
                                              (access.writable_tables == 1 ? "" : "s");
    report.findings.push_back(
        located(core::rule_id::gate_role_can_write, core::Severity::info, core::display_path(set.root),
                "the gate's role on " + target.shown() + " " + what + " (the gate itself only reads)",
                "connect the gate with a role that has only SELECT (GRANT pg_read_all_data), or to a replica"));
}

}  // namespace

core::Report production_gate(const core::MigrationSet& set, const ProductionOptions& options) {
    runner::ReadOnlySession target(options.database_url, options.session);
    History history = target.history(options.history);
    core::Report report = compare_history(set, history, options.history);
    add_records(report, set, history, options.history);
    add_write_access(report, target, set);
    runner::SchemaSnapshot live = target.snapshot();
    drop_history_table(live, options.history);
    report.schema = live.to_json();
    if (options.required) {
        report.merge(check_schema(*options.required, live));
        report.merge(run_data_checks(target, *options.required, options.row_limit));
    }
    if (options.drift) { report.merge(drift(set, history, live, options)); }
    if (!options.compare_url.empty()) { report.merge(compare_environments(history, live, set, options)); }
    if (options.dry_run) { report.merge(dry_run(set, history, options)); }
    report.run.target = core::redact_known(options.database_url);
    report.run.dry_run = options.dry_run;
    core::apply_severities(report, options.rules);
    report.sort();
    return report;
}

core::Report migrate(const core::MigrationSet& set, const MigrateOptions& options) {
    if (options.gate.history.format != runner::HistorySource::Format::schemagate) {
        throw core::Error("migrate records what it applies in schemagate_history, but the config's history: reads " +
                          options.gate.history.describe() +
                          ": apply the release with that tool; schemagate gate checks it read-only");
    }
    core::Report report = production_gate(set, options.gate);
    // The required schema holds after the release, not before: the guard checks it then.
    std::erase_if(report.findings, [](const core::Finding& f) {
        return is_gate_rule(f.rule) || f.rule == core::rule_id::pending_migration ||
               f.rule == core::rule_id::planned_change || f.rule == core::rule_id::gate_role_can_write;
    });
    std::vector<std::string> blockers;
    for (const core::Finding& f : report.findings) {
        if (f.blocking()) { blockers.push_back(f.rule.str()); }
    }
    if (!blockers.empty() && !options.force) {
        report.sort();
        return report;  // nothing applied: the records say "pending"
    }
    runner::MigrateOptions run;
    run.session.lock_timeout_ms = options.lock_timeout_ms;
    run.session.statement_timeout_ms = options.statement_timeout_ms;
    run.placeholders = options.gate.local.placeholders;
    run.history = options.history;
    if (options.force) {
        std::sort(blockers.begin(), blockers.end());
        blockers.erase(std::unique(blockers.begin(), blockers.end()), blockers.end());
        run.forced = "--force";
        for (const std::string& rule : blockers) { run.forced += " " + rule; }
        for (core::Finding& f : report.findings) {
            if (f.blocking()) {
                f.severity = core::Severity::warning;
                f.message = "--force: " + f.message;
            }
        }
    }
    if (options.gate.required) {
        const RequiredSchema& required = *options.gate.required;
        run.guard = [&required](const core::Migration& m, const runner::SchemaSnapshot& before,
                                const runner::SchemaSnapshot& after,
                                bool last) { return required_schema_objections(required, m, before, after, last); };
    }
    report.merge(runner::migrate(options.gate.database_url, set, run));
    core::apply_severities(report, options.gate.rules);
    report.sort();
    return report;
}

}  // namespace gate
