#include "runner/history_source.hpp"

#include "core/error.hpp"
#include "core/migration.hpp"
#include "runner/history.hpp"

#include <pqxx/pqxx>
#include <zlib.h>

#include <algorithm>

namespace runner {
namespace {

std::string text_of(const pqxx::field& field) { return field.is_null() ? "" : field.c_str(); }

// Flyway: one row per migration in installed_rank order. A BASELINE row stands for every
// version up to it; SCHEMA rows record the schema's creation; an undo or a DELETE row (repair
// of a missing migration) takes the version back out.
void read_flyway(pqxx::transaction_base& tx, const std::string& table, History& history) {
    for (const auto& row : tx.exec("SELECT version, description, type, checksum::text, installed_on::text, success "
                                   "FROM " +
                                   table + " ORDER BY installed_rank")) {
        std::string version = text_of(row[0]);
        std::string type = text_of(row[2]);
        if (version.empty() || type == "SCHEMA") { continue; }  // repeatable migrations have no version
        if (type == "BASELINE") {
            if (history.applied_through.empty() || core::compare_versions(version, history.applied_through) > 0) {
                history.applied_through = version;
            }
            continue;
        }
        if (type == "DELETE" || type.rfind("UNDO_", 0) == 0) {
            std::erase_if(history.rows,
                          [&](const AppliedMigration& m) { return core::compare_versions(m.version, version) == 0; });
            continue;
        }
        history.rows.push_back(
            {version, text_of(row[1]), text_of(row[3]), text_of(row[4]), row[5].as<bool>(), "", "", ""});
    }
}

// golang-migrate: one row, the current version; dirty when that migration failed half-way.
void read_golang_migrate(pqxx::transaction_base& tx, const std::string& table, History& history) {
    for (const auto& row : tx.exec("SELECT version::text, dirty FROM " + table)) {
        std::string version = text_of(row[0]);
        if (version.empty() || version.front() == '-') { continue; }  // -1: no version (all rolled back)
        history.applied_through = version;
        if (row[1].as<bool>()) { history.rows.push_back({version, "", "", "", false, "", "", ""}); }
    }
}

void read_versions(pqxx::transaction_base& tx, const std::string& table, const std::string& column, History& history) {
    for (const auto& row : tx.exec("SELECT " + tx.quote_name(column) + "::text FROM " + table + " ORDER BY 1")) {
        if (!row[0].is_null()) { history.rows.push_back({row[0].c_str(), "", "", "", true, "", "", ""}); }
    }
}

// Both shapes: the audit columns (run_id, git_commit, applied_by) read when the table has them.
void read_schemagate(pqxx::transaction_base& tx, const std::string& table, History& history) {
    bool audit = tx.exec_params1(
                       "SELECT count(*) = 3 FROM pg_attribute WHERE attrelid = $1::regclass AND NOT attisdropped "
                       "AND attname IN ('run_id', 'git_commit', 'applied_by')",
                       table)[0]
                     .as<bool>();
    std::string columns = audit ? "run_id, git_commit, applied_by" : "NULL, NULL, NULL";
    for (const auto& row : tx.exec("SELECT version, name, checksum, applied_at::text, success, " + columns + " FROM " +
                                   table + " ORDER BY applied_at, version COLLATE \"C\"")) {
        std::string name = text_of(row[1]);
        if (name.rfind("schemagate:", 0) == 0) { continue; }  // marker rows (e.g. a --force)
        history.rows.push_back({text_of(row[0]), name, text_of(row[2]), text_of(row[3]), row[4].as<bool>(),
                                text_of(row[5]), text_of(row[6]), text_of(row[7])});
    }
}

}  // namespace

HistorySource HistorySource::from_config(const std::string& format, std::string table, std::string column) {
    HistorySource source;
    if (format == "schemagate" || format.empty()) {
        source.format = Format::schemagate;
    } else if (format == "flyway") {
        source.format = Format::flyway;
    } else if (format == "golang-migrate") {
        source.format = Format::golang_migrate;
    } else if (format == "versions") {
        source.format = Format::versions;
    } else {
        throw core::Error("unknown history format '" + format +
                          "': use schemagate, flyway, golang-migrate or versions");
    }
    source.table = std::move(table);
    source.column = std::move(column);
    return source;
}

std::string HistorySource::qualified_table() const {
    std::string name = table;
    if (name.empty()) {
        switch (format) {
            case Format::schemagate: name = k_history_table; break;
            case Format::flyway: name = "flyway_schema_history"; break;
            case Format::golang_migrate:  // golang-migrate's table; a version list is read from one alike
            case Format::versions: name = "schema_migrations"; break;
        }
    }
    return name.find('.') == std::string::npos ? "public." + name : name;
}

std::string HistorySource::describe() const {
    switch (format) {
        case Format::flyway: return "Flyway's " + qualified_table();
        case Format::golang_migrate: return "golang-migrate's " + qualified_table();
        case Format::versions: return "the version list " + qualified_table();
        case Format::schemagate: break;
    }
    return qualified_table();
}

std::optional<History> read_history(pqxx::transaction_base& tx, const HistorySource& source) {
    std::string qualified = source.qualified_table();
    if (!tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", qualified)[0].as<bool>()) { return std::nullopt; }
    std::size_t dot = qualified.find('.');
    std::string table = tx.quote_name(qualified.substr(0, dot)) + "." + tx.quote_name(qualified.substr(dot + 1));
    History history;
    history.source = source;
    switch (source.format) {
        case HistorySource::Format::schemagate: read_schemagate(tx, table, history); break;
        case HistorySource::Format::flyway: read_flyway(tx, table, history); break;
        case HistorySource::Format::golang_migrate: read_golang_migrate(tx, table, history); break;
        case HistorySource::Format::versions:
            read_versions(tx, table, source.column.empty() ? "version" : source.column, history);
            break;
    }
    return history;
}

std::int32_t flyway_checksum(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") { bytes.remove_prefix(3); }
    uLong crc = crc32(0L, Z_NULL, 0);
    while (!bytes.empty()) {
        std::size_t end = bytes.find_first_of("\r\n");
        std::string_view line = bytes.substr(0, end);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(line.data()), static_cast<uInt>(line.size()));
        if (end == std::string_view::npos) { break; }
        bytes.remove_prefix(end + 1);
    }
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(crc));
}

}  // namespace runner
