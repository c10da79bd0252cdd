#pragma once
// schemagate_history(version, name, checksum, applied_at, execution_ms, success): one row
// per applied migration, written in the migration's own transaction.

#include "core/migration.hpp"

#include <pqxx/transaction_base>

#include <map>
#include <string>

namespace runner {

constexpr const char* k_history_table = "schemagate_history";

/// The history key of a migration: "<version>|<name>" (name: Migration::name, else id).
std::string history_key(const core::Migration& migration);

/// Creates public.schemagate_history when missing.
void ensure_history(pqxx::transaction_base& tx);

/// Applied migrations (success = true): history key -> checksum.
std::map<std::string, std::string> read_history(pqxx::transaction_base& tx);

/// Records `migration` as applied, taking `execution_ms`.
void record_history(pqxx::transaction_base& tx, const core::Migration& migration, double execution_ms);

}  // namespace runner
