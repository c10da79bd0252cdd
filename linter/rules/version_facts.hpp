#pragma once
// What changed between PostgreSQL major versions that changes a lint verdict: one table,
// read by the rules (and listed in docs/rules/README.md, "PostgreSQL versions"). The
// target major comes from LintOptions::postgres_version (schemagate.yaml's
// `postgres: {version: N}`), 15 when unset. Sources: each major's release notes and the
// reference pages named in `source`.

#include <string_view>
#include <vector>

namespace linter::rules {

/// The major version rules assume when none is configured.
constexpr int k_default_major = 15;

enum class Fact {
    /// ADD COLUMN with a non-volatile DEFAULT stores the default in the catalog: no rewrite.
    fast_column_default,
    /// SET NOT NULL skips its full-table scan when a validated CHECK (col IS NOT NULL) proves it.
    set_not_null_uses_check,
    /// REINDEX CONCURRENTLY exists.
    reindex_concurrently,
    /// ALTER TYPE ... ADD VALUE may run inside a transaction block.
    enum_add_value_in_transaction,
    /// ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the partitioned table (was ACCESS EXCLUSIVE).
    attach_partition_share_update_exclusive,
    /// DETACH PARTITION ... CONCURRENTLY exists.
    detach_partition_concurrently,
    /// 14.0 to 14.3: CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY can build a
    /// corrupt index (fixed in 14.4); a major-only target cannot tell the minor release.
    concurrent_index_corruption,
};

struct VersionFact {
    Fact fact;
    int since;                ///< first major it holds in
    int until;                ///< last major it holds in; 0: still holds
    std::string_view what;    ///< one line, for docs and messages
    std::string_view source;  ///< where PostgreSQL documents it
};

/// Every fact, oldest first.
const std::vector<VersionFact>& version_facts();

/// The row of `fact`.
const VersionFact& version_fact(Fact fact);

/// True when `fact` holds on PostgreSQL major `major`.
bool holds(Fact fact, int major);

}  // namespace linter::rules
