#include "linter/node.hpp"

#include <vector>

namespace linter {

Node Node::operator[](std::string_view key) const {
    if (!m_valid) { return {}; }
    simdjson::dom::object object;
    if (m_element.get_object().get(object) != simdjson::SUCCESS) { return {}; }
    simdjson::dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS) { return {}; }
    return Node(value, m_base);
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
    return NodeItems(array, m_base);
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
    return Node((*object.begin()).value, m_base);
}

std::int64_t Node::location() const {
    Node at = (*this)["location"];
    if (!at) { return -1; }
    std::int64_t offset = at.integer();
    return offset < 0 ? offset : m_base + offset;
}

namespace {

// One container being walked by Node::find: an object's fields or an array's elements.
struct Frame {
    bool is_object = false;
    simdjson::dom::object::iterator field{};
    simdjson::dom::object::iterator fields_end{};
    simdjson::dom::array::iterator element{};
    simdjson::dom::array::iterator elements_end{};
};

// Adds a frame for `element` when it is an object or a non-empty array.
void push_container(std::vector<Frame>& frames, simdjson::dom::element element) {
    simdjson::dom::object object;
    if (element.get_object().get(object) == simdjson::SUCCESS) {
        Frame frame;
        frame.is_object = true;
        frame.field = object.begin();
        frame.fields_end = object.end();
        frames.push_back(frame);
        return;
    }
    simdjson::dom::array array;
    if (element.get_array().get(array) == simdjson::SUCCESS) {
        Frame frame;
        frame.element = array.begin();
        frame.elements_end = array.end();
        frames.push_back(frame);
    }
}

}  // namespace

// Depth first, fields in document order, with an explicit stack: a parse tree can be
// nested deeper than the thread's stack would allow recursion to follow.
Node Node::find(std::string_view key) const {
    if (!m_valid) { return {}; }
    std::vector<Frame> frames;
    push_container(frames, m_element);
    while (!frames.empty()) {
        Frame& top = frames.back();
        if (top.is_object ? !(top.field != top.fields_end) : !(top.element != top.elements_end)) {
            frames.pop_back();
            continue;
        }
        simdjson::dom::element child;
        if (top.is_object) {
            simdjson::dom::key_value_pair field = *top.field;
            ++top.field;
            if (field.key == key) { return Node(field.value, m_base); }
            child = field.value;
        } else {
            child = *top.element;
            ++top.element;
        }
        push_container(frames, child);  // may reallocate: `top` is not used after this
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
