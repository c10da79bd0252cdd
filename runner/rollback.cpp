#include "runner/rollback.hpp"

#include "core/config.hpp"
#include "runner/diagnosis.hpp"
#include "runner/failure.hpp"

#include <pqxx/pqxx>
#include <pqxx/subtransaction>

#include <nlohmann/json.hpp>

#include <optional>

namespace runner {
namespace {

const char* const k_failed_help = "fix the down migration so that it runs right after the up migration";
const char* const k_incomplete_help =
    "make the down migration undo everything the up migration does: drop what it creates, restore what it "
    "drops or changes, delete the rows it inserts";
const char* const k_redo_help =
    "make the down migration remove everything the up migration creates, so that up "
    "applies again as it did the first time";

// Where in `text` the error of running `text[body]` is: the server's position, else the
// statement that fails when the body is run statement by statement in a savepoint of `tx`.
std::pair<std::size_t, std::size_t> locate(pqxx::dbtransaction& tx, const std::string& text, const Body& body,
                                           const pqxx::sql_error& error) {
    std::string body_text = text.substr(body.offset, body.length);
    if (std::optional<std::size_t> caret = caret_offset(error, body_text)) { return {body.offset + *caret, 0}; }
    if (std::optional<FailedStatement> failed = find_failing_statement(tx, text, body)) {
        std::size_t at = failed->caret.value_or(failed->statement.offset);
        std::size_t end = failed->statement.offset + failed->statement.length;
        return {at, end > at ? end - at : 0};
    }
    std::vector<Statement> statements = split_statements(body_text);
    std::size_t at = body.offset + (statements.empty() ? 0 : statements.front().offset);
    return {at, 0};
}

// A JSON value as a reader says it: strings unquoted, long values cut.
std::string shown(const nlohmann::json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.empty()) { return "none"; }
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

// "(type integer -> bigint; nullable true -> false)": the fields of an object that changed.
std::string what_differs(const std::string& before, const std::string& after) {
    nlohmann::json a = nlohmann::json::parse(before, nullptr, false);
    nlohmann::json b = nlohmann::json::parse(after, nullptr, false);
    std::string out;
    if (a.is_object() && b.is_object()) {
        for (const auto& [key, value] : a.items()) {
            nlohmann::json other = b.contains(key) ? b[key] : nlohmann::json();
            if (value != other) { out += (out.empty() ? "" : "; ") + key + ' ' + shown(value) + " -> " + shown(other); }
        }
    } else if (!a.is_discarded() && !b.is_discarded()) {
        out = shown(a) + " -> " + shown(b);
    }
    return out.empty() ? "" : " (" + out + ")";
}

// One difference as a rollback sees it: "index public.t.t_idx is left behind", "column
// public.t.c differs (type integer -> bigint)", "rows in public.t 0 -> 2".
std::string leftover(const std::string& change, const DatabaseState& before, const DatabaseState& after) {
    for (auto [suffix, said] :
         {std::pair{" added", " is left behind"}, {" removed", " is missing"}, {" changed", " differs"}}) {
        std::string_view s(suffix);
        if (change.size() > s.size() && change.compare(change.size() - s.size(), s.size(), s) == 0) {
            std::string key = change.substr(0, change.size() - s.size());
            std::string detail = s == " changed" ? what_differs(before.at(key), after.at(key)) : "";
            return key + said + detail;
        }
    }
    return change;  // "rows in public.t 0 -> 2"
}

class Prover {
public:
    Prover(pqxx::dbtransaction& tx, const core::Migration& m, const std::string& up_text, const Body& up_body,
           const std::vector<std::pair<std::string, std::string>>& placeholders)
            : m_tx(tx),
              m_m(m),
              m_up_text(up_text),
              m_up_body(up_body),
              m_down_text(core::substitute(m.down->text, placeholders)),
              m_down_body(transaction_body(m_down_text)) {}

    std::optional<core::Finding> prove(const DatabaseState& before);

private:
    std::optional<core::Finding> redo(pqxx::dbtransaction& sub, const DatabaseState& after_up);

    pqxx::dbtransaction& m_tx;
    const core::Migration& m_m;
    const std::string& m_up_text;
    const Body& m_up_body;
    std::string m_down_text;
    Body m_down_body;
};

std::optional<core::Finding> Prover::prove(const DatabaseState& before) {
    DatabaseState after_up = capture_state(m_tx);
    std::optional<core::Finding> finding;
    std::optional<std::string> error;
    try {
        pqxx::subtransaction sub(m_tx, "schemagate_rollback");
        try {
            exec_diagnosed(sub, m_down_text.substr(m_down_body.offset, m_down_body.length));
        } catch (const pqxx::sql_error& e) {
            throw_if_disk_full(e, m_m.down->file);
            error = server_message(e);
            throw;
        }
        std::string left = describe_leftovers(before, capture_state(sub));
        if (!left.empty()) {
            std::size_t at = m_m.down_end > m_m.down_begin ? m_m.down_begin : 0;
            finding = finding_at(core::rule_id::rollback_incomplete, m_m.down->file, m_down_text, at, 0,
                                 "after the down migration the database differs from before " + m_m.file + ": " + left,
                                 k_incomplete_help);
        } else {
            finding = redo(sub, after_up);
        }
        sub.abort();
    } catch (const pqxx::sql_error& e) {
        if (!error) { throw; }
        auto [at, length] = locate(m_tx, m_down_text, m_down_body, e);
        finding = finding_at(core::rule_id::rollback_failed, m_m.down->file, m_down_text, at, length,
                             "the down migration of " + m_m.file + " fails: " + *error, k_failed_help);
    }
    return finding;
}

// Up again, after a complete rollback, in `sub`: it must apply and give the state it gave first.
std::optional<core::Finding> Prover::redo(pqxx::dbtransaction& sub, const DatabaseState& after_up) {
    std::string difference;
    try {
        pqxx::subtransaction again(sub, "schemagate_redo");
        exec_diagnosed(again, m_up_text.substr(m_up_body.offset, m_up_body.length));
        difference = describe_difference(after_up, capture_state(again));
        again.abort();
    } catch (const pqxx::sql_error& e) {
        throw_if_disk_full(e, m_m.file);
        std::string message = server_message(e);
        auto [at, length] = locate(sub, m_up_text, m_up_body, e);
        return finding_at(core::rule_id::redo_failed, m_m.file, m_up_text, at, length,
                          "applying the migration again after its down migration fails: " + message, k_redo_help);
    }
    if (difference.empty()) { return std::nullopt; }
    return finding_at(core::rule_id::redo_failed, m_m.file, m_up_text, 0, 0,
                      "applying the migration again after its down migration gives another result: " + difference,
                      k_redo_help);
}

}  // namespace

bool wants_rollback_check(const core::Migration& m, const RollbackOptions& options) {
    bool in_scope = options.scope == RollbackScope::all || (options.scope == RollbackScope::changed && !m.applied);
    return in_scope && m.down && !m.down->empty && !m.directives.no_transaction;
}

void verify_rollback(pqxx::dbtransaction& tx, const core::Migration& m, const DatabaseState& before,
                     const std::string& up_text, const Body& up_body,
                     const std::vector<std::pair<std::string, std::string>>& placeholders, core::Report& report) {
    ++report.checks;
    if (std::optional<core::Finding> finding = Prover(tx, m, up_text, up_body, placeholders).prove(before)) {
        ++report.failed_checks;
        report.findings.push_back(std::move(*finding));
    }
}

std::vector<core::Finding> missing_down_findings(const core::MigrationSet& set, const RollbackOptions& options) {
    std::vector<core::Finding> findings;
    if (!options.report_missing) { return findings; }
    for (const core::Migration& m : set.migrations) {
        bool in_scope = options.scope == RollbackScope::all || (options.scope == RollbackScope::changed && !m.applied);
        if (!in_scope || !m.down_expected || (m.down && !m.down->empty)) { continue; }
        core::Finding f = finding_at(
            core::rule_id::missing_down_migration, m.file, "", 0, 0,
            m.down ? "the down migration " + m.down->file + " holds no statement: the migration cannot be rolled back"
                   : "the migration has no down migration: it cannot be rolled back",
            "write the SQL that undoes the migration in its down migration");
        f.severity = core::Severity::warning;
        findings.push_back(std::move(f));
    }
    return findings;
}

std::string describe_leftovers(const DatabaseState& before, const DatabaseState& after) {
    std::vector<std::string> changes = differences(before, after);
    std::string text;
    for (std::size_t i = 0; i < changes.size() && i < 5; ++i) {
        text += (i ? ", " : "") + leftover(changes[i], before, after);
    }
    if (changes.size() > 5) { text += ", and " + std::to_string(changes.size() - 5) + " more"; }
    return text;
}

}  // namespace runner
