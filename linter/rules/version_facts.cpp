#include "linter/rules/version_facts.hpp"

#include <algorithm>

namespace linter::rules {

const std::vector<VersionFact>& version_facts() {
    static const std::vector<VersionFact> k_facts = {
        {Fact::fast_column_default, 11, 0, "ADD COLUMN with a non-volatile DEFAULT no longer rewrites the table",
         "PostgreSQL 11 release notes; ALTER TABLE, Notes"},
        {Fact::set_not_null_uses_check, 12, 0,
         "SET NOT NULL skips the table scan when a validated CHECK (col IS NOT NULL) proves it",
         "PostgreSQL 12 release notes; ALTER TABLE, SET/DROP NOT NULL"},
        {Fact::reindex_concurrently, 12, 0, "REINDEX CONCURRENTLY rebuilds an index without blocking writes",
         "PostgreSQL 12 release notes; REINDEX, Rebuilding Indexes Concurrently"},
        {Fact::enum_add_value_in_transaction, 12, 0, "ALTER TYPE ... ADD VALUE can run inside a transaction block",
         "PostgreSQL 12 release notes; ALTER TYPE, Notes"},
        {Fact::attach_partition_share_update_exclusive, 12, 0,
         "ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the partitioned table, no longer ACCESS EXCLUSIVE",
         "PostgreSQL 12 release notes; ALTER TABLE, ATTACH PARTITION"},
        {Fact::detach_partition_concurrently, 14, 0,
         "DETACH PARTITION ... CONCURRENTLY detaches with SHARE UPDATE EXCLUSIVE on the partitioned table",
         "PostgreSQL 14 release notes; ALTER TABLE, DETACH PARTITION"},
        {Fact::concurrent_index_corruption, 14, 14,
         "14.0 to 14.3: CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY can miss rows (fixed in 14.4)",
         "PostgreSQL 14.4 release notes, first item"},
    };
    return k_facts;
}

const VersionFact& version_fact(Fact fact) {
    const auto& facts = version_facts();
    return *std::find_if(facts.begin(), facts.end(), [&](const VersionFact& row) { return row.fact == fact; });
}

bool holds(Fact fact, int major) {
    const VersionFact& row = version_fact(fact);
    return major >= row.since && (row.until == 0 || major <= row.until);
}

}  // namespace linter::rules
