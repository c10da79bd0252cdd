#pragma once
// `schemagate init`: a project adopts schemagate. Finds the migrations directory and its
// naming, applies the migrations to an ephemeral PostgreSQL, and writes a commented
// schemagate.yaml (core/config_template.hpp) and a required_schema.yaml skeleton of the
// schema they build, in the format gate/required_schema.hpp reads.

#include "core/migration.hpp"
#include "runner/runner.hpp"
#include "runner/snapshot.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace gate {

/// Where init looks for migrations, in order, relative to the project: the layouts of
/// schemagate, Rails/dbmate, Flyway (Maven/Gradle), Prisma, Supabase and Laravel.
const std::vector<std::string>& migration_dir_candidates();

/// The YAML of a required schema `snapshot` satisfies: every table with all its columns
/// `required`, its primary key and `rls: true` when enabled; extensions (plpgsql aside) and
/// enums. Public objects unqualified. `origin` is said in the header comment.
std::string required_schema_skeleton(const runner::SchemaSnapshot& snapshot, const std::string& origin);

struct InitOptions {
    std::filesystem::path project = ".";  ///< where schemagate.yaml is written
    std::filesystem::path migrations;     ///< relative to `project`; empty: the first candidate holding migrations
    runner::RunOptions local;             ///< the ephemeral cluster (pg_bindir, postgres_version)
};

struct InitResult {
    std::filesystem::path migrations;  ///< relative to the project
    int migration_count = 0;
    std::string preset;                          ///< detected naming
    int tables = 0;                              ///< in the skeleton
    std::vector<std::filesystem::path> written;  ///< schemagate.yaml, then the required schema
    std::vector<std::string> warnings;           ///< e.g. the migration that did not apply
};

/// Writes both files. Throws core::Error, writing nothing, when either exists already, or
/// when the ephemeral PostgreSQL cannot be started. A migration that fails to apply is a
/// warning: the skeleton holds the schema of those before it.
InitResult init_project(const InitOptions& options);

/// What to add next: the git hook command, the pre-commit framework's entry, and the
/// GitHub Action step for this project (`version`: the release tag's number).
std::string next_steps(const InitResult& result, const std::string& version);

}  // namespace gate
