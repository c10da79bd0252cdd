#pragma once
// Internal to gate: reads one entry of `tables:` in the required schema.

#include "gate/required_schema.hpp"
#include "gate/yaml_reader.hpp"

namespace gate::detail {

/// `key` is the table name node ("users", "auth.users"); `value` its mapping (or null).
TableSpec read_table_spec(const YamlReader& reader, const YAML::Node& key, const YAML::Node& value);

}  // namespace gate::detail
