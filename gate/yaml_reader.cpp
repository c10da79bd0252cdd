#include "gate/yaml_reader.hpp"

#include "core/config.hpp"
#include "core/error.hpp"

#include <algorithm>

namespace gate::detail {
namespace {

int utf8_length(const std::string& text) {
    return static_cast<int>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

core::Position start_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) { return {}; }
    return {mark.line + 1, mark.column + 1};
}

core::Position end_of(const YAML::Node& node) {
    core::Position start = start_of(node);
    if (!node.IsScalar() || start.line == 0 || node.Scalar().empty() || node.Scalar().find('\n') != std::string::npos) {
        return start;
    }
    return {start.line, start.column + utf8_length(node.Scalar()) - 1};
}

void YamlReader::fail(const YAML::Node& node, const std::string& message) const {
    core::Position at = start_of(node);
    throw core::error_at(m_file, at.line, at.column, message);
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string>& known,
                            const std::string& where) const {
    for (const auto& item : map) {
        std::string key = item.first.Scalar();
        if (std::find(known.begin(), known.end(), key) != known.end()) { continue; }
        std::string near = core::nearest(key, known);
        std::string hint;
        if (near.empty()) {
            hint = ": expected one of ";
            for (std::size_t i = 0; i < known.size(); ++i) { hint += (i ? ", " : "") + known[i]; }
        } else {
            hint = ": did you mean '" + near + "'?";
        }
        fail(item.first, "unknown key '" + key + "' in " + where + hint);
    }
}

void YamlReader::expect_map(const YAML::Node& node, const std::string& what) const {
    if (!node.IsNull() && !node.IsMap()) { fail(node, what + " must be a mapping"); }
}

std::string YamlReader::scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) { fail(node, what + " must be a single value"); }
    return node.Scalar();
}

Located<std::string> YamlReader::located_scalar(const YAML::Node& node, const std::string& what) const {
    return {scalar(node, what), start_of(node), end_of(node)};
}

Located<bool> YamlReader::boolean(const YAML::Node& node, const std::string& what) const {
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) { fail(node, what + " must be true or false"); }
    return {value, start_of(node), end_of(node)};
}

std::vector<Located<std::string>> YamlReader::names(const YAML::Node& node, const std::string& what) const {
    std::vector<Located<std::string>> out;
    if (node.IsNull()) { return out; }
    if (node.IsScalar()) {
        out.push_back(located_scalar(node, what));
        return out;
    }
    if (!node.IsSequence()) { fail(node, what + " must be a name or a list of names"); }
    for (const auto& item : node) {
        if (!item.IsScalar()) { fail(item, what + " must be a list of names"); }
        out.push_back(located_scalar(item, what));
    }
    return out;
}

std::vector<std::string> YamlReader::name_list(const YAML::Node& node, const std::string& what) const {
    std::vector<std::string> out;
    for (auto& name : names(node, what)) { out.push_back(std::move(name.value)); }
    return out;
}

}  // namespace gate::detail
