#include "gate/init.hpp"

#include "core/config_template.hpp"
#include "core/error.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fs = std::filesystem;

namespace gate {
namespace {

// "users" for public.users, "auth.users" otherwise; a part holding a dot or a quote is
// double-quoted, as parse_qualified_name reads it.
std::string shown_name(const std::string& schema, const std::string& name) {
    auto part = [](const std::string& text) {
        return text.find_first_of(".\"") == std::string::npos ? text : "\"" + text + "\"";
    };
    return schema == "public" ? part(name) : part(schema) + "." + part(name);
}

void flow_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items) {
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& item : items) { out << item; }
    out << YAML::EndSeq;
}

void emit_table(YAML::Emitter& out, const runner::Table& table) {
    out << YAML::Key << shown_name(table.schema, table.name) << YAML::Value << YAML::BeginMap;
    std::vector<std::string> columns;
    for (const runner::Column& column : table.columns) { columns.push_back(column.name); }
    flow_list(out, "required", columns);
    for (const runner::Constraint& constraint : table.constraints) {
        if (constraint.type == "primary key") { flow_list(out, "primary_key", constraint.columns); }
    }
    if (table.rls_enabled) { out << YAML::Key << "rls" << YAML::Value << true; }
    out << YAML::EndMap;
}

// The first candidate directory holding migrations of a known naming, or "" when none does.
fs::path find_migrations(const fs::path& project) {
    core::DiscoverOptions quiet;
    quiet.keep_text = false;
    quiet.warn = [](const std::string&) {};
    for (const std::string& candidate : migration_dir_candidates()) {
        std::error_code ec;
        if (!fs::is_directory(project / candidate, ec)) { continue; }
        if (!core::discover({project / candidate}, quiet).migrations.empty()) { return candidate; }
    }
    return {};
}

void write_new_file(const fs::path& path, const std::string& text) {
    FILE* out = std::fopen(path.c_str(), "wx");  // "x": O_EXCL, never overwrites
    if (out == nullptr) {
        throw core::Error(core::display_path(path) + ": cannot create the file: " + std::strerror(errno));
    }
    bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (std::fclose(out) != 0 || !written) {
        throw core::Error(core::display_path(path) + ": cannot write the file: disk full?");
    }
}

void refuse_existing(const fs::path& path) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec))) {
        throw core::Error(core::display_path(path) +
                          ": exists already: schemagate init never overwrites a file; "
                          "move it away to start again, or edit it");
    }
}

// The schema the migrations build, from an ephemeral PostgreSQL; a failure is a warning.
runner::SchemaSnapshot build_schema(const core::MigrationSet& set, const InitOptions& options, InitResult& result) {
    if (set.migrations.empty()) { return {}; }
    runner::RunOptions local = options.local;
    local.database_url.clear();
    local.verify_idempotency = local.dry_run = local.keep = false;
    runner::RunResult run = runner::run(set, local);
    for (const core::Finding& f : run.report.findings) {
        if (f.rule != core::rule_id::migration_failed) { continue; }
        result.warnings.push_back(f.file + ":" + std::to_string(f.start.line) + ": " + f.message +
                                  ": the required schema holds what the migrations before it build");
        break;
    }
    return run.snapshot;
}

}  // namespace

const std::vector<std::string>& migration_dir_candidates() {
    static const std::vector<std::string> candidates = {"migrations",
                                                        "db/migrations",
                                                        "db/migrate",
                                                        "db/migration",
                                                        "src/main/resources/db/migration",
                                                        "prisma/migrations",
                                                        "supabase/migrations",
                                                        "database/migrations",
                                                        "sql/migrations",
                                                        "sql"};
    return candidates;
}

std::string required_schema_skeleton(const runner::SchemaSnapshot& snapshot, const std::string& origin) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    std::vector<std::string> extensions;
    for (const auto& [name, version] : snapshot.extensions) {
        if (name != "plpgsql") { extensions.push_back(name); }
    }
    if (!extensions.empty()) { flow_list(out, "extensions", extensions); }
    out << YAML::Key << "tables" << YAML::Value;
    if (snapshot.tables.empty()) { out << YAML::Flow; }
    out << YAML::BeginMap;
    for (const runner::Table& table : snapshot.tables) { emit_table(out, table); }
    out << YAML::EndMap;
    if (!snapshot.enums.empty()) {
        out << YAML::Key << "enums" << YAML::Value << YAML::BeginMap;
        for (const auto& [qualified, labels] : snapshot.enums) {
            std::size_t dot = qualified.find('.');
            out << YAML::Key << shown_name(qualified.substr(0, dot), qualified.substr(dot + 1)) << YAML::Value
                << YAML::Flow << labels;
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
    return "# required_schema.yaml: what production needs from the schema the migrations build.\n"
           "# Written by `schemagate init` from " +
           origin +
           ".\n"
           "# Trim it to what the application relies on, and add column types, indexes, foreign\n"
           "# keys, forbidden objects and data checks: docs/required-schema.md.\n"
           "# `schemagate check` fails when an object listed here is missing.\n" +
           std::string(out.c_str()) + "\n";
}

InitResult init_project(const InitOptions& options) {
    InitResult result;
    result.migrations = options.migrations.empty() ? find_migrations(options.project) : options.migrations;
    if (result.migrations.empty()) {
        result.migrations = "migrations";
        result.warnings.push_back("no migrations found in " + migration_dir_candidates().front() +
                                  ", db/migrations, ...: "
                                  "wrote the config for migrations/ (create it with `schemagate new NAME`)");
    }
    fs::path config = options.project / "schemagate.yaml";
    fs::path dir = options.project / result.migrations;
    fs::path required = dir / "required_schema.yaml";
    refuse_existing(config);
    refuse_existing(required);
    core::MigrationSet set;
    std::error_code ec;
    if (fs::is_directory(dir, ec)) { set = core::discover({dir}, {}); }
    result.preset = fs::is_directory(dir, ec) ? set.naming.preset : "default";
    result.migration_count = static_cast<int>(set.migrations.size());
    runner::SchemaSnapshot schema = build_schema(set, options, result);
    result.tables = static_cast<int>(schema.tables.size());
    std::string newest = set.migrations.empty() ? "" : set.migrations.back().version;
    std::string origin = set.migrations.empty()
                             ? "an empty migrations directory"
                             : "the schema of " + std::to_string(set.migrations.size()) + " migrations in " +
                                   result.migrations.generic_string() + " (newest " + newest + ")";
    fs::create_directories(dir, ec);
    std::string required_text = required_schema_skeleton(schema, origin);
    std::string config_text = core::config_template({result.migrations.generic_string(), result.preset,
                                                     result.migration_count, newest,
                                                     (result.migrations / "required_schema.yaml").generic_string()});
    write_new_file(config, config_text);
    result.written.push_back(config);
    write_new_file(required, required_text);
    result.written.push_back(required);
    return result;
}

std::string next_steps(const InitResult& result, const std::string& version) {
    std::string dir = result.migrations.generic_string();
    return "next steps:\n"
           "  the git pre-commit hook (lints the staged migrations):\n"
           "    schemagate hook install\n"
           "  or with the pre-commit framework, in .pre-commit-config.yaml:\n"
           "    repos:\n"
           "      - repo: https://github.com/OWNER/schemagate\n"
           "        rev: v" +
           version +
           "\n"
           "        hooks:\n"
           "          - id: schemagate-lint\n"
           "            files: ^" +
           dir +
           "/.+\\.sql$\n"
           "  the GitHub Action, a step of a pull-request workflow (actions/README.md):\n"
           "      - uses: OWNER/schemagate/actions/schemagate@v" +
           version +
           "\n"
           "        with:\n"
           "          migrations: " +
           dir +
           "\n"
           "          require: " +
           dir + "/required_schema.yaml\n";
}

}  // namespace gate
