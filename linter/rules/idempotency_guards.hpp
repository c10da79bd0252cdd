#pragma once
// What makes a non-repeatable statement safe to re-run, for the idempotency rule:
// a preceding DROP ... IF EXISTS of the same object in the file, or (for statements
// inside a DO block) a block that checks the catalog or catches duplicate_object.

#include "linter/parse.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace linter::rules {

/// A guard key: "<type>:<name>[:<table>]", lowercase, names without schema, e.g.
/// "type:mood", "policy:owner_only:documents", "constraint:orders_user_fk:orders".
std::string guard_key(std::string_view type, std::string_view name, std::string_view table = {});

/// The keys of objects a statement drops with IF EXISTS (DROP ... IF EXISTS, DROP ROLE
/// IF EXISTS, ALTER TABLE ... DROP CONSTRAINT IF EXISTS).
std::vector<std::string> dropped_if_exists(const Statement& statement);

/// The guard key type for a DropStmt removeType ("OBJECT_MATVIEW" -> "matview").
std::string_view drop_key_type(std::string_view remove_type);

/// The SQL words of a DropStmt removeType ("OBJECT_MATVIEW" -> {"MATERIALIZED", "VIEW"});
/// empty when unknown.
std::vector<std::string_view> drop_words(std::string_view remove_type);

/// For a DO block: what it creates that cannot be re-run ("CREATE TYPE", "ADD CONSTRAINT",
/// ...) when the block neither checks the catalog nor handles an exception; "" otherwise.
std::string unguarded_in_do_block(const Statement& statement);

}  // namespace linter::rules
