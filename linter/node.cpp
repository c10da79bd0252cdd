#include "linter/node.hpp"

namespace linter {

Node Node::operator[](std::string_view key) const {
    if (!m_valid) { return {}; }
    simdjson::dom::object object;
    if (m_element.get_object().get(object) != simdjson::SUCCESS) { return {}; }
    simdjson::dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS) { return {}; }
    return Node(value);
}

std::string_view Node::str() const {
    std::string_view value;
    if (!m_valid || m_element.get_string().get(value) != simdjson::SUCCESS) { return {}; }
    return value;
}

std::int64_t Node::integer() const {
    std::int64_t value = 0;
    if (!m_valid || m_element.get_int64().get(value) != simdjson::SUCCESS) { return 0; }
    return value;
}

bool Node::boolean() const {
    bool value = false;
    if (!m_valid || m_element.get_bool().get(value) != simdjson::SUCCESS) { return false; }
    return value;
}

NodeItems Node::items() const {
    simdjson::dom::array array;
    if (!m_valid || m_element.get_array().get(array) != simdjson::SUCCESS) { return {}; }
    return NodeItems(array);
}

Node NodeItems::operator[](std::size_t index) const {
    for (Node item : *this) {
        if (index-- == 0) { return item; }
    }
    return {};
}

std::string_view Node::kind() const {
    simdjson::dom::object object;
    if (!m_valid || m_element.get_object().get(object) != simdjson::SUCCESS || object.size() != 1) { return {}; }
    return (*object.begin()).key;
}

Node Node::inner() const {
    simdjson::dom::object object;
    if (!m_valid || m_element.get_object().get(object) != simdjson::SUCCESS || object.size() != 1) { return {}; }
    return Node((*object.begin()).value);
}

std::int64_t Node::location() const {
    Node at = (*this)["location"];
    return at ? at.integer() : -1;
}

Node Node::find(std::string_view key) const {
    if (!m_valid) { return {}; }
    simdjson::dom::object object;
    if (m_element.get_object().get(object) == simdjson::SUCCESS) {
        for (auto field : object) {
            if (field.key == key) { return Node(field.value); }
            if (Node found = Node(field.value).find(key)) { return found; }
        }
        return {};
    }
    simdjson::dom::array array;
    if (m_element.get_array().get(array) == simdjson::SUCCESS) {
        for (simdjson::dom::element element : array) {
            if (Node found = Node(element).find(key)) { return found; }
        }
    }
    return {};
}

bool Node::contains(std::string_view key) const { return static_cast<bool>(find(key)); }

std::vector<std::string_view> Node::names() const {
    std::vector<std::string_view> out;
    for (const Node& item : items()) { out.push_back(item["String"]["sval"].str()); }
    return out;
}

}  // namespace linter
