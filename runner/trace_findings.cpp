// The trace-only rules (runner/rules.cpp describes them): what the server did that a
// static rule cannot see (DDL in DO blocks, functions, dynamic SQL) or did not predict.
//   table-rewrite        a statement rewrote a pre-existing table or index
//   exclusive-lock-held  statements ran after an ACCESS EXCLUSIVE lock on a pre-existing
//                        table was taken in the same transaction
#include "runner/lock_trace.hpp"

#include <algorithm>
#include <cstdio>

namespace runner {
namespace {

core::Finding at_statement(core::RuleId rule, const std::string& file, const core::TracedStatement& s,
                           std::string message, std::string help) {
    core::Finding f;
    f.rule = rule;
    f.severity = core::Severity::warning;
    f.file = file;
    f.start = {s.line, s.column};
    f.end = {s.end_line, s.end_column};
    f.message = std::move(message);
    f.help = std::move(help);
    return f;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) { out += (out.empty() ? "" : ", ") + name; }
    return out;
}

std::string milliseconds(double ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f ms", ms);
    return text;
}

void table_rewrite(const std::string& file, const core::TracedStatement& s, std::vector<core::Finding>& out) {
    if (s.rewrites.empty() || s.command == "TRUNCATE TABLE" || s.command == "TRUNCATE") { return; }
    std::string command = s.command.empty() ? "the statement" : s.command;
    out.push_back(at_statement(
        core::rule_id::table_rewrite, file, s,
        command + " rewrote " + joined(s.rewrites) +
            " on the server (new relfilenode): every row is copied under an ACCESS EXCLUSIVE lock, so reads and "
            "writes wait for as long as the table is large",
        "change the statement so that PostgreSQL need not rewrite (a new column and a batched backfill instead of a "
        "type change, a constant default), or run it in a maintenance window"));
}

// The first statement that took ACCESS EXCLUSIVE on a pre-existing table, when statements
// other than SET/RESET ran after it in the same transaction.
void exclusive_lock_held(const std::string& file, const std::vector<core::TracedStatement>& statements,
                         std::vector<core::Finding>& out) {
    for (std::size_t i = 0; i < statements.size(); ++i) {
        auto exclusive = std::find_if(
            statements[i].locks.begin(), statements[i].locks.end(),
            [](const core::TracedLock& l) { return l.table && l.mode == "ACCESS EXCLUSIVE"; });
        if (exclusive == statements[i].locks.end()) { continue; }
        int after = 0;
        double ms = 0;
        for (std::size_t j = i + 1; j < statements.size(); ++j) {
            if (statements[j].command == "SET" || statements[j].command == "RESET") { continue; }
            ++after;
            ms += statements[j].duration_ms;
        }
        if (after == 0) { return; }
        const core::TracedStatement& s = statements[i];
        out.push_back(at_statement(
            core::rule_id::exclusive_lock_held, file, s,
            (s.command.empty() ? "the statement" : s.command) + " took an ACCESS EXCLUSIVE lock on " +
                exclusive->relation + ", then " + std::to_string(after) + " more statement" + (after == 1 ? "" : "s") +
                " ran while it was held (" + milliseconds(ms) + " here, longer on real data): reads and writes of " +
                exclusive->relation + " wait until the migration commits",
            "end the migration after the statement that takes the lock: move the statements after it to a later "
            "migration, or take the lock last"));
        return;
    }
}

}  // namespace

std::vector<core::Finding> trace_findings(const std::string& file, const core::MigrationRecord& record) {
    std::vector<core::Finding> out;
    for (const core::TracedStatement& s : record.statements) { table_rewrite(file, s, out); }
    exclusive_lock_held(file, record.statements, out);
    return out;
}

}  // namespace runner
