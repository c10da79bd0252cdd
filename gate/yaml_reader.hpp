#pragma once
// Internal to gate: reading YAML nodes with located errors ("file:line:column: ...").

#include "core/finding.hpp"
#include "gate/required_schema.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace gate::detail {

/// 1-based start of a node.
core::Position start_of(const YAML::Node& node);
/// 1-based last character of a scalar on its line (start for other nodes).
core::Position end_of(const YAML::Node& node);

class YamlReader {
public:
    explicit YamlReader(std::string file) : m_file(std::move(file)) {}

    const std::string& file() const { return m_file; }

    /// Throws core::Error at the node's position.
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

    /// Fails at the first key of `map` not in `known`, suggesting the nearest known one.
    /// `where` names the mapping in the message ("table users").
    void check_keys(const YAML::Node& map, const std::vector<std::string>& known, const std::string& where) const;

    /// Fails unless `node` is a mapping (null counts as an empty one).
    void expect_map(const YAML::Node& node, const std::string& what) const;

    std::string scalar(const YAML::Node& node, const std::string& what) const;
    Located<std::string> located_scalar(const YAML::Node& node, const std::string& what) const;
    Located<bool> boolean(const YAML::Node& node, const std::string& what) const;

    /// A scalar or a sequence of scalars (null: empty).
    std::vector<Located<std::string>> names(const YAML::Node& node, const std::string& what) const;
    /// The same, values only.
    std::vector<std::string> name_list(const YAML::Node& node, const std::string& what) const;

private:
    std::string m_file;
};

}  // namespace gate::detail
