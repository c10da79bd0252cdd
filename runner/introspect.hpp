#pragma once
// Reading a SchemaSnapshot from pg_catalog in one query (the server builds the JSON).

#include "runner/snapshot.hpp"

#include <pqxx/transaction_base>

namespace runner {

/// The schema visible to `tx`: user schemas only, without schemagate_history and without
/// objects that belong to extensions. Sorted by name (byte order).
SchemaSnapshot introspect(pqxx::transaction_base& tx);

/// The same as JSON, shaped as SchemaSnapshot::to_json.
nlohmann::json introspect_json(pqxx::transaction_base& tx);

}  // namespace runner
