#include "core/config_template.hpp"

namespace core {
namespace {

// A YAML scalar for `text`: plain when it is a simple path or version made of letters,
// digits and _ . / - (and not all digits), else single-quoted ('' doubles a quote).
std::string quoted(const std::string& text) {
    bool plain = !text.empty() &&
                 text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-") ==
                     std::string::npos &&
                 text.find_first_not_of("0123456789.") != std::string::npos && text[0] != '-' && text[0] != '.';
    if (plain) { return text; }
    std::string out = "'";
    for (char c : text) { out += c == '\'' ? std::string("''") : std::string(1, c); }
    return out + "'";
}

// The `history:` suggestion: the table of the layout's own tool, when it keeps one.
std::string history_example(const std::string& preset) {
    if (preset == "flyway") {
        return "# history:\n#   format: flyway              # this project's Flyway table\n"
               "#   table: public.flyway_schema_history\n#   column: version           # versions only\n";
    }
    if (preset == "golang-migrate") {
        return "# history:\n#   format: golang-migrate      # this project's schema_migrations\n"
               "#   table: public.schema_migrations\n#   column: version           # versions only\n";
    }
    if (preset == "diesel") {
        return "# history:\n#   format: versions            # diesel's table of applied versions\n"
               "#   table: public.__diesel_schema_migrations\n#   column: version\n";
    }
    return "# history:\n#   format: flyway\n#   table: public.flyway_schema_history\n#   column: version           # "
           "versions only\n";
}

}  // namespace

std::string config_template(const DetectedProject& p) {
    std::string found = p.migration_count == 0
                            ? "no migration found yet"
                            : std::to_string(p.migration_count) + " migration" + (p.migration_count == 1 ? "" : "s") +
                                  ", newest " + p.newest_version;
    std::string text =
        "# schemagate.yaml, written by `schemagate init`. Reference: docs/configuration.md.\n"
        "# Relative paths are relative to this file. An unknown key is an error (exit 2).\n\n"
        "# The migrations directory (" +
        found +
        ").\n"
        "migrations: " +
        quoted(p.migrations) +
        "\n\n"
        "# Which files are migrations and how their version is read: a preset (default,\n"
        "# flyway, golang-migrate, timestamp, prisma, diesel) or a regex on the file name.\n"
        "# Detected from the files: " +
        p.preset +
        ".\n"
        "naming: " +
        p.preset +
        "\n\n"
        "# The git ref whose migrations count as applied: editing, deleting or adding one\n"
        "# before them is reported. Default: the merge-base with origin/HEAD (then\n"
        "# origin/main, origin/master, main, master).\n"
        "# immutable_after: origin/main\n\n"
        "# Migrations at or below this version count as applied (integrity rules only), for a\n"
        "# history git cannot tell; `schemagate baseline` prints the version to write.\n"
        "# baseline: " +
        quoted(p.newest_version.empty() ? "0001" : p.newest_version) +
        "\n\n"
        "# What production needs from the schema the migrations build (docs/required-schema.md).\n" +
        (p.require.empty() ? "# require: migrations/required_schema.yaml\n\n"
                           : "require: " + quoted(p.require) + "\n\n") +
        "# An explicit apply order, one path a line, # comments (default: by version).\n"
        "# order: db/ORDER.txt\n\n"
        "# SQL run once before the first migration (roles, schemas): a file or a list.\n"
        "# setup: [db/roles.sql]\n\n"
        "# Migrations applied outside a transaction, as if marked -- schemagate:no-transaction.\n"
        "# no_transaction: [migrations/0042_concurrent_index.sql]\n\n"
        "# Literal text replaced in every migration before it is parsed and applied.\n"
        "# placeholders: {'${schema}': public}\n\n"
        "# The ephemeral PostgreSQL: a major version (default: the newest installed), or the\n"
        "# directory of its binaries (bindir wins over version).\n"
        "# postgres:\n"
        "#   version: 15\n"
        "#   bindir: /usr/lib/postgresql/15/bin\n\n"
        "# Severity per rule id: error, warning, info or off (`schemagate rules` lists them).\n"
        "# rules:\n"
        "#   prefer-bigint-over-int: off\n\n"
        "# Set for every migration by run, check, the gate's replay and migrate (0: off).\n"
        "# lock_timeout: 5s\n"
        "# statement_timeout: 10min\n\n"
        "# Where the down migrations are, when the layout does not say ({stem}, {version}, {name}).\n"
        "# down: 'rollback/{stem}.sql'\n\n"
        "# Where your team publishes docs/rules/ (SARIF links each rule there).\n"
        "# docs_url: https://github.com/OWNER/schemagate/blob/main/docs/rules/\n\n"
        "# Where `gate`, `status` and `migrate` read the applied migrations: format schemagate\n"
        "# (the default), flyway, golang-migrate or versions; table and column override the\n"
        "# format's defaults.\n" +
        history_example(p.preset);
    return text;
}

}  // namespace core
