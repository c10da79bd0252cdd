#pragma once
// The schemagate.yaml that `schemagate init` writes: every key the reader knows, each with
// a comment saying what it does; the detected values set, the others commented out with
// an example. load_config reads it back as the detected values.

#include <string>

namespace core {

/// What `schemagate init` found in the project.
struct DetectedProject {
    std::string migrations;  ///< the migrations directory, relative to the config file
    std::string preset;      ///< naming preset detected from its files ("default", "flyway", ...)
    int migration_count = 0;
    std::string newest_version;  ///< "" when there is no migration
    std::string require;         ///< the required schema file, relative; "" when none is written
};

/// The commented YAML text (docs/configuration.md explains each key at length).
std::string config_template(const DetectedProject& project);

}  // namespace core
