#include "runner/history.hpp"

#include <pqxx/pqxx>

namespace runner {
namespace {

std::string name_of(const core::Migration& migration) {
    return migration.name.empty() ? migration.id : migration.name;
}

}  // namespace

std::string history_key(const core::Migration& migration) {
    return migration.version + '|' + name_of(migration);
}

void ensure_history(pqxx::transaction_base& tx) {
    tx.exec(
        "CREATE TABLE IF NOT EXISTS public.schemagate_history ("
        " version text NOT NULL,"
        " name text NOT NULL,"
        " checksum text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now(),"
        " execution_ms double precision NOT NULL,"
        " success boolean NOT NULL)");
}

std::map<std::string, std::string> read_history(pqxx::transaction_base& tx) {
    std::map<std::string, std::string> applied;
    for (const auto& row : tx.exec("SELECT version, name, checksum FROM public.schemagate_history WHERE success")) {
        applied[row[0].as<std::string>() + '|' + row[1].as<std::string>()] = row[2].as<std::string>();
    }
    return applied;
}

void record_history(pqxx::transaction_base& tx, const core::Migration& migration, double execution_ms) {
    tx.exec_params(
        "INSERT INTO public.schemagate_history (version, name, checksum, execution_ms, success) "
        "VALUES ($1, $2, $3, $4, true)",
        migration.version, name_of(migration), migration.checksum, execution_ms);
}

}  // namespace runner
