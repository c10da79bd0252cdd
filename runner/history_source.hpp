#pragma once
// The history table a target database keeps of its applied migrations: schemagate's own
// (schemagate_history), or another migration tool's, read so that the production gate can
// take over a project that tool applied:
//   flyway          flyway_schema_history(installed_rank, version, description, type, script,
//                   checksum, installed_on, success): one row per migration; a BASELINE row
//                   means every version up to it counts as applied; checksum is Flyway's CRC32.
//   golang-migrate  schema_migrations(version bigint, dirty boolean): the current version only;
//                   every version up to it is applied; dirty means it failed half-way.
//   versions        any table with one version per applied migration (Rails, Diesel's
//                   __diesel_schema_migrations, hand-rolled lists): no names, no checksums.

#include "runner/pqxx_fwd.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner {

/// Where and in whose format the target records applied migrations (config `history:`).
struct HistorySource {
    enum class Format { schemagate, flyway, golang_migrate, versions };
    Format format = Format::schemagate;
    std::string table;   ///< "schema.table" or "table" (schema public); empty: the format's default
    std::string column;  ///< versions: the column holding the version; empty: "version"

    /// From config names ("schemagate", "flyway", "golang-migrate", "versions").
    /// Throws core::Error for another name.
    static HistorySource from_config(const std::string& format, std::string table, std::string column);
    /// The table read, schema-qualified: e.g. "public.flyway_schema_history".
    std::string qualified_table() const;
    /// "schemagate_history", "Flyway's flyway_schema_history", ... for messages.
    std::string describe() const;
};

/// One applied (or failed) migration as the history records it.
struct AppliedMigration {
    std::string version;
    std::string name;        ///< "" when the format does not record one (golang-migrate, versions)
    std::string checksum;    ///< schemagate: "sha256:<hex>"; flyway: the CRC32 as a signed decimal; else ""
    std::string applied_at;  ///< as text, e.g. "2024-05-01 10:00:00+00"; "" when not recorded
    bool success = true;
    // schemagate_history since 0.2 (empty in rows of older releases and in other formats):
    std::string run_id;      ///< the run that applied it
    std::string git_commit;  ///< the migrations' commit then
    std::string applied_by;  ///< database role, and " (<actor>)" when one was known
};

/// What a history table says.
struct History {
    HistorySource source;
    std::vector<AppliedMigration> rows;  ///< in applied order
    /// Every version <= this counts as applied without a row of its own (Flyway's baseline,
    /// golang-migrate's current version); "" for none.
    std::string applied_through;
};

/// Reads `source` in `tx`; nullopt when its table does not exist. schemagate_history is read
/// in both shapes: with run_id, git_commit and applied_by, and as older releases wrote it
/// (those left empty). Marker rows (schemagate's
/// "schemagate:" rows, Flyway's SCHEMA rows) are left out; Flyway's undone and deleted
/// versions are removed. Throws pqxx errors when the table lacks the format's columns.
std::optional<History> read_history(pqxx::transaction_base& tx, const HistorySource& source);

/// Flyway's checksum of a migration file: CRC-32 (IEEE) over the bytes of each line without
/// its line ending (\n, \r\n or \r), a leading UTF-8 BOM dropped, as a signed 32-bit value.
/// Line endings do not change it. (Flyway's ChecksumCalculator; it reads files as UTF-8.)
std::int32_t flyway_checksum(std::string_view bytes);

}  // namespace runner
