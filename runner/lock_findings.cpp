#include "runner/lock_findings.hpp"

#include "core/lock_mode.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace runner {
namespace {

// The lint rules that name a lock (linter/rules/*, squawk's ids): one line each.
const std::map<std::string_view, LockPrediction>& predictions() {
    static const std::map<std::string_view, LockPrediction> k_table = {
        {"adding-field-with-default", {"ACCESS EXCLUSIVE", true, false}},
        {"adding-foreign-key-constraint", {"SHARE ROW EXCLUSIVE", false, false}},
        {"adding-not-nullable-field", {"ACCESS EXCLUSIVE", false, true}},
        {"adding-required-field", {"ACCESS EXCLUSIVE", false, false}},
        {"adding-exclusion-constraint", {"ACCESS EXCLUSIVE", false, false}},
        {"adding-serial-primary-key-field", {"ACCESS EXCLUSIVE", true, false}},
        {"ban-drop-not-null", {"ACCESS EXCLUSIVE", false, false}},
        {"ban-truncate-cascade", {"ACCESS EXCLUSIVE", false, false}},
        {"ban-drop-column", {"ACCESS EXCLUSIVE", false, false}},
        {"ban-drop-table", {"ACCESS EXCLUSIVE", false, false}},
        {"changing-column-type", {"ACCESS EXCLUSIVE", true, false}},
        {"constraint-missing-not-valid", {"SHARE ROW EXCLUSIVE", false, true}},
        {"disallowed-unique-constraint", {"ACCESS EXCLUSIVE", false, false}},
        {"prefer-repack", {"ACCESS EXCLUSIVE", true, false}},
        {"primary-key-on-nullable-columns", {"ACCESS EXCLUSIVE", false, false}},
        {"renaming-column", {"ACCESS EXCLUSIVE", false, false}},
        {"renaming-table", {"ACCESS EXCLUSIVE", false, false}},
        {"require-concurrent-index-creation", {"SHARE", false, false}},
        {"require-concurrent-index-deletion", {"ACCESS EXCLUSIVE", false, false}},
        {"require-concurrent-partition-detach", {"ACCESS EXCLUSIVE", false, false}},
        {"require-concurrent-reindex", {"SHARE", false, false}},
        {"require-lock-timeout", {"ACCESS EXCLUSIVE", false, false}},
        {"require-where-clause", {"ROW EXCLUSIVE", false, false}},
    };
    return k_table;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) { out += (out.empty() ? "" : ", ") + name; }
    return out;
}

// "ACCESS EXCLUSIVE on public.users, SHARE on public.plans; rewrote public.users; scanned ..."
std::string observed_text(const std::vector<const core::TracedStatement*>& statements) {
    std::string locks;
    std::vector<std::string> rewrites;
    std::vector<std::string> scans;
    for (const core::TracedStatement* s : statements) {
        for (const core::TracedLock& l : s->locks) {
            locks += (locks.empty() ? "" : ", ") + l.mode + " on " + l.relation;
        }
        rewrites.insert(rewrites.end(), s->rewrites.begin(), s->rewrites.end());
        scans.insert(scans.end(), s->scans.begin(), s->scans.end());
    }
    std::string out = locks.empty() ? "no lock on a pre-existing relation" : locks;
    out += rewrites.empty() ? "; no rewrite" : "; rewrote " + joined(rewrites);
    out += scans.empty() ? "; no full scan" : "; scanned " + joined(scans);
    return out;
}

bool satisfied(const LockPrediction& p, const std::vector<const core::TracedStatement*>& statements, bool held) {
    bool lock = held;
    bool rewrite = false;
    bool scan = false;
    for (const core::TracedStatement* s : statements) {
        for (const core::TracedLock& l : s->locks) { lock = lock || core::lock_mode_covers(l.mode, p.mode); }
        rewrite = rewrite || !s->rewrites.empty();
        scan = scan || !s->scans.empty();
    }
    return lock && (!p.rewrite || rewrite) && (!p.scan || scan);
}

// The locks held before statement `index` of `record` (taken by the statements before it),
// as "ACCESS EXCLUSIVE on public.users (held since line 2)" entries that cover `mode`.
std::vector<std::string> held_before(const core::MigrationRecord& record, const core::TracedStatement* statement,
                                     std::string_view mode) {
    std::vector<std::string> held;
    for (const core::TracedStatement& s : record.statements) {
        if (&s == statement) { break; }
        for (const core::TracedLock& l : s.locks) {
            if (core::lock_mode_covers(l.mode, mode)) {
                held.push_back(l.mode + " on " + l.relation + " (held since line " + std::to_string(s.line) + ")");
            }
        }
    }
    return held;
}

}  // namespace

std::optional<LockPrediction> lock_prediction(std::string_view rule) {
    auto found = predictions().find(rule);
    if (found == predictions().end()) { return std::nullopt; }
    return found->second;
}

void confirm_lock_findings(core::Report& report) {
    std::map<std::string_view, const core::MigrationRecord*> traced;
    for (const core::MigrationRecord& record : report.migrations) {
        if (record.traced) { traced.emplace(record.file, &record); }
    }
    if (traced.empty()) { return; }
    std::set<std::pair<std::string, int>> rewrites_reported;  // file, statement line
    for (core::Finding& f : report.findings) {
        std::optional<LockPrediction> prediction = lock_prediction(f.rule);
        auto record = traced.find(f.file);
        if (!prediction || record == traced.end()) { continue; }
        std::vector<const core::TracedStatement*> statements;
        for (const core::TracedStatement& s : record->second->statements) {
            if (s.line <= f.start.line && f.start.line <= s.end_line) { statements.push_back(&s); }
        }
        // A statement that ran outside a transaction released its locks when it committed:
        // the trace saw none of them, so it neither confirms nor refutes.
        bool unseen = std::any_of(statements.begin(), statements.end(),
                                  [](const core::TracedStatement* s) { return s->outside_transaction; });
        if (statements.empty() || unseen) { continue; }
        f.observed = observed_text(statements);
        // A lock the transaction already holds is not taken again (pg_locks shows it once):
        // a statement that took nothing new runs under the locks held before it.
        bool took_nothing = std::all_of(statements.begin(), statements.end(),
                                        [](const core::TracedStatement* s) { return s->locks.empty(); });
        std::vector<std::string> held = took_nothing
                                            ? held_before(*record->second, statements.front(), prediction->mode)
                                            : std::vector<std::string>();
        if (!held.empty()) { f.observed = joined(held) + f.observed.substr(f.observed.find(';')); }
        if (satisfied(*prediction, statements, !held.empty())) {
            f.trace = core::Trace::confirmed;
            if (prediction->rewrite) { rewrites_reported.emplace(f.file, statements.front()->line); }
        } else {
            f.trace = core::Trace::not_observed;
            f.severity = core::Severity::info;
            f.message += " (lock trace: not observed on the server, which took " + f.observed + ")";
        }
    }
    std::erase_if(report.findings, [&](const core::Finding& f) {
        return f.rule == core::rule_id::table_rewrite && rewrites_reported.count({f.file, f.start.line}) > 0;
    });
}

}  // namespace runner
