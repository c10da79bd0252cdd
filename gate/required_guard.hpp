#pragma once
// `migrate`'s guard: a pending migration that breaks the required schema is rolled back
// inside its own transaction, before its history row is written.

#include "core/finding.hpp"
#include "core/migration.hpp"
#include "gate/required_schema.hpp"
#include "runner/snapshot.hpp"

#include <vector>

namespace gate {

/// Objections to `migration`, given the schema `before` and `after` it (inside its
/// transaction); `last` is true for the last pending migration. Empty: it may commit.
///
/// An expectation of `required` is identified by its rule and its node in the required-
/// schema file (check_schema locates each finding there: one node is one table, column or
/// property), never by the finding's message. The migration is objected to when it breaks
/// an expectation of a table that existed before it (failing after, held before); the last
/// migration also when any expectation fails after it (tables created during the release
/// are checked then). Each objection is a `required-schema-broken` error at 1:1 of the
/// migration, naming the expectation's message and rule.
std::vector<core::Finding> required_schema_objections(const RequiredSchema& required, const core::Migration& migration,
                                                      const runner::SchemaSnapshot& before,
                                                      const runner::SchemaSnapshot& after, bool last);

}  // namespace gate
