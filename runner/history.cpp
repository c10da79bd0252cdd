#include "runner/history.hpp"

#include <pqxx/pqxx>

#include <cstdlib>
#include <optional>

namespace runner {
namespace {

std::string name_of(const core::Migration& migration) { return migration.name.empty() ? migration.id : migration.name; }

std::optional<std::string> or_null(const std::string& text) {
    if (text.empty()) { return std::nullopt; }
    return text;
}

}  // namespace

std::string HistoryContext::environment_actor() {
    for (const char* name : {"SCHEMAGATE_ACTOR", "GITHUB_ACTOR"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') { return value; }
    }
    return "";
}

std::string history_key(const core::Migration& migration) { return migration.version + '|' + name_of(migration); }

void ensure_history(pqxx::transaction_base& tx) {
    tx.exec(
        "CREATE TABLE IF NOT EXISTS public.schemagate_history ("
        " version text NOT NULL,"
        " name text NOT NULL,"
        " checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now(),"
        " execution_ms double precision NOT NULL,"
        " success boolean NOT NULL,"
        " run_id text,"
        " git_commit text,"
        " applied_by text)");
    // A table of an older release: add what it lacks (ALTER only then: it locks the table).
    int present = tx.exec1(
                        "SELECT count(*) FROM pg_attribute WHERE attrelid = 'public.schemagate_history'::regclass "
                        "AND attname IN ('run_id', 'git_commit', 'applied_by') AND NOT attisdropped")[0]
                      .as<int>();
    if (present < 3) {
        tx.exec(
            "ALTER TABLE public.schemagate_history ADD COLUMN IF NOT EXISTS run_id text, "
            "ADD COLUMN IF NOT EXISTS git_commit text, ADD COLUMN IF NOT EXISTS applied_by text");
    }
}

std::map<std::string, std::string> read_history(pqxx::transaction_base& tx) {
    std::map<std::string, std::string> applied;
    for (const auto& row : tx.exec("SELECT version, name, checksum FROM public.schemagate_history WHERE success")) {
        applied[row[0].as<std::string>() + '|' + row[1].as<std::string>()] = row[2].as<std::string>();
    }
    return applied;
}

void record_history(pqxx::transaction_base& tx, const core::Migration& migration, double execution_ms,
                    const HistoryContext& context) {
    tx.exec_params(
        "INSERT INTO public.schemagate_history "
        "(version, name, checksum, execution_ms, success, run_id, git_commit, applied_by) "
        "VALUES ($1, $2, $3, $4, true, $5, $6, session_user::text || coalesce(' (' || $7::text || ')', ''))",
        migration.version, name_of(migration), migration.checksum, execution_ms, or_null(context.run_id),
        or_null(context.git_commit), or_null(context.actor));
}

}  // namespace runner
