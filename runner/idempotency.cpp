#include "runner/idempotency.hpp"

#include "runner/diagnosis.hpp"
#include "runner/failure.hpp"
#include "runner/introspect.hpp"

#include <pqxx/pqxx>
#include <pqxx/subtransaction>

#include <vector>

namespace runner {
namespace {

const char* const k_help =
    "guard each statement so that running the file again changes nothing "
    "(IF NOT EXISTS, OR REPLACE, ON CONFLICT DO NOTHING)";

void add_named(DatabaseState& state, const std::string& kind, const std::string& owner, const nlohmann::json& items) {
    for (const nlohmann::json& item : items) {
        std::string name = item.is_string() ? item.get<std::string>() : item.value("name", "");
        state[kind + ' ' + owner + name] = item.dump();
    }
}

void add_map(DatabaseState& state, const std::string& kind, const nlohmann::json& items) {
    for (const auto& [name, value] : items.items()) { state[kind + ' ' + name] = value.dump(); }
}

}  // namespace

DatabaseState capture_state(pqxx::transaction_base& tx) {
    nlohmann::json snapshot = introspect_json(tx);
    DatabaseState state;
    std::string counts;
    for (const nlohmann::json& table : snapshot["tables"]) {
        std::string qualified = table["schema"].get<std::string>() + '.' + table["name"].get<std::string>();
        std::string owner = qualified + '.';
        state["table " + qualified] = table["kind"].dump() + table["rls_enabled"].dump() + table["rls_forced"].dump();
        add_named(state, "column", owner, table["columns"]);
        add_named(state, "constraint", owner, table["constraints"]);
        add_named(state, "index", owner, table["indexes"]);
        add_named(state, "policy", owner, table["policies"]);
        add_named(state, "trigger", owner, table["triggers"]);
        std::string quoted = tx.quote_name(table["schema"].get<std::string>()) + '.' +
                             tx.quote_name(table["name"].get<std::string>());
        counts += (counts.empty() ? "" : " UNION ALL ") + std::string("SELECT ") + tx.quote(qualified) +
                  ", count(*) FROM ONLY " + quoted;
    }
    add_named(state, "schema", "", snapshot["schemas"]);
    add_named(state, "sequence", "", snapshot["sequences"]);
    add_map(state, "view", snapshot["views"]);
    add_map(state, "materialized view", snapshot["materialized_views"]);
    add_map(state, "enum", snapshot["enums"]);
    add_map(state, "domain", snapshot["domains"]);
    add_map(state, "extension", snapshot["extensions"]);
    for (const nlohmann::json& routine : snapshot["routines"]) {
        state["routine " + routine["schema"].get<std::string>() + '.' + routine["name"].get<std::string>() + '(' +
              routine["signature"].get<std::string>() + ')'] = routine.dump();
    }
    if (!counts.empty()) {
        for (const auto& row : tx.exec(counts)) {
            state["rows in " + row[0].as<std::string>()] = row[1].as<std::string>();
        }
    }
    return state;
}

std::vector<std::string> differences(const DatabaseState& before, const DatabaseState& after) {
    std::vector<std::string> changes;
    for (const auto& [key, value] : before) {
        auto found = after.find(key);
        if (found == after.end()) {
            changes.push_back(key + " removed");
        } else if (found->second != value) {
            changes.push_back(key.rfind("rows in ", 0) == 0 ? key + ' ' + value + " -> " + found->second
                                                            : key + " changed");
        }
    }
    for (const auto& [key, value] : after) {
        if (!before.count(key)) { changes.push_back(key + " added"); }
    }
    return changes;
}

std::string describe_difference(const DatabaseState& before, const DatabaseState& after) {
    std::vector<std::string> changes = differences(before, after);
    std::string text;
    for (std::size_t i = 0; i < changes.size() && i < 5; ++i) { text += (i ? ", " : "") + changes[i]; }
    if (changes.size() > 5) { text += ", and " + std::to_string(changes.size() - 5) + " more"; }
    return text;
}

std::optional<core::Finding> verify_replay(pqxx::dbtransaction& tx, const std::string& file, const std::string& text,
                                           const Body& body) {
    DatabaseState before = capture_state(tx);
    std::string difference;
    try {
        pqxx::subtransaction replay(tx, "schemagate_replay");
        exec_diagnosed(replay, text.substr(body.offset, body.length));
        difference = describe_difference(before, capture_state(replay));
        replay.abort();
    } catch (const pqxx::sql_error& e) {
        throw_if_disk_full(e, file);
        std::optional<FailedStatement> failed = find_failing_statement(tx, text, body);
        std::string message = "running the migration again fails: " + (failed ? failed->message : server_message(e));
        std::size_t at = failed ? failed->caret.value_or(failed->statement.offset) : body.offset;
        std::size_t end = failed ? failed->statement.offset + failed->statement.length : at;
        return finding_at(core::rule_id::not_idempotent, file, text, at, end > at ? end - at : 0, message, k_help);
    }
    if (difference.empty()) { return std::nullopt; }
    return finding_at(core::rule_id::not_idempotent, file, text, body.offset, 0,
                      "running the migration again changes " + difference, k_help);
}

}  // namespace runner
