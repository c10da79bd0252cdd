#pragma once
// Node: a read-only view of one node of libpg_query's parse tree (the JSON form of
// PostgreSQL 15's parse nodes, pg_query.proto field names). A missing field reads as
// a null Node, so rules can chain lookups without checks:
//     stmt["AlterTableStmt"]["relation"]["relname"].str()

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace linter {

class NodeItems;

class Node {
public:
    Node() = default;
    /// `base`: the byte offset in the file of the text this tree was parsed from (a file
    /// parsed in pieces, parse.hpp), added to every location read below this node.
    explicit Node(simdjson::dom::element element, std::int64_t base = 0)
            : m_element(element), m_base(base), m_valid(true) {}

    /// The field `key` of an object node; null when absent or not an object.
    Node operator[](std::string_view key) const;
    bool is_null() const { return !m_valid || m_element.is_null(); }
    explicit operator bool() const { return !is_null(); }

    std::string_view str() const;  ///< string value, "" otherwise
    std::int64_t integer() const;  ///< integer value, 0 otherwise (proto3 omits zeros)
    bool boolean() const;          ///< boolean value, false otherwise (proto3 omits false)
    /// Elements of an array node (empty otherwise), iterated without allocating.
    NodeItems items() const;

    /// For a wrapper node {"CreateStmt": {...}}: "CreateStmt". "" otherwise.
    std::string_view kind() const;
    /// For a wrapper node: its single value ({...} above).
    Node inner() const;
    /// Byte offset of "location" in the parsed file, or -1 when absent (or unknown: -1).
    std::int64_t location() const;

    /// True when this node or any node below it has a field named `key` (e.g. a kind
    /// such as "SubLink", or "location").
    bool contains(std::string_view key) const;
    /// The first node below (or at) this one that is a field named `key`; null if none.
    Node find(std::string_view key) const;

    /// The sval of every {"String": {"sval": ...}} in a name list, e.g. ["public", "users"].
    std::vector<std::string_view> names() const;

private:
    simdjson::dom::element m_element;
    std::int64_t m_base = 0;
    bool m_valid = false;
};

/// The elements of an array node: a forward range of Node.
class NodeItems {
public:
    class iterator {
    public:
        iterator() = default;
        iterator(simdjson::dom::array::iterator it, std::int64_t base) : m_it(it), m_base(base), m_valid(true) {}
        Node operator*() const { return Node(*m_it, m_base); }
        iterator& operator++() {
            ++m_it;
            return *this;
        }
        bool operator!=(const iterator& other) const { return m_valid && other.m_valid && m_it != other.m_it; }
        bool operator==(const iterator& other) const { return !(*this != other); }

    private:
        simdjson::dom::array::iterator m_it{};
        std::int64_t m_base = 0;
        bool m_valid = false;
    };

    NodeItems() = default;
    NodeItems(simdjson::dom::array array, std::int64_t base) : m_array(array), m_base(base), m_valid(true) {}
    iterator begin() const { return m_valid ? iterator(m_array.begin(), m_base) : iterator(); }
    iterator end() const { return m_valid ? iterator(m_array.end(), m_base) : iterator(); }
    bool empty() const { return !(begin() != end()); }
    std::size_t size() const { return m_valid ? m_array.size() : 0; }
    /// The first element; null when empty.
    Node front() const { return empty() ? Node() : *begin(); }
    /// The element at `index` (linear time); null when out of range.
    Node operator[](std::size_t index) const;

private:
    simdjson::dom::array m_array{};
    std::int64_t m_base = 0;
    bool m_valid = false;
};

}  // namespace linter
