#pragma once
// A small project (orgs, users, memberships, invites) with its required schema and data
// check, and helpers to build a "production" database from it on the shared cluster.

#include "core/report.hpp"
#include "gate/production.hpp"
#include "migration_dir.hpp"

#include <memory>
#include <string>

namespace production_test {

/// The project's migrations 0001..0003 and required_schema.yaml in a temp directory.
class Project {
public:
    Project();
    runner_test::MigrationDir& dir() { return m_dir; }
    core::MigrationSet set() const { return m_dir.discover(); }
    gate::RequiredSchema required() const;

private:
    runner_test::MigrationDir m_dir;
};

/// A fresh database on the shared cluster with `project`'s migrations applied by migrate.
std::string production_database(Project& project);

/// Runs a statement on `url` (as the test, not the gate).
void exec(const std::string& url, const std::string& sql);
/// The first column of the first row of `sql` on `url`, as text ("" for NULL or no row).
std::string query(const std::string& url, const std::string& sql);

/// Gate options for `url` with the project's required schema; drift off unless asked.
gate::ProductionOptions gate_options(const Project& project, const std::string& url, bool drift = false);

/// Findings of `rule` in `report`.
std::vector<core::Finding> findings_of(const core::Report& report, const std::string& rule);

}  // namespace production_test
