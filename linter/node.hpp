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

class Node {
public:
    Node() = default;
    explicit Node(simdjson::dom::element element) : m_element(element), m_valid(true) {}

    /// The field `key` of an object node; null when absent or not an object.
    Node operator[](std::string_view key) const;
    bool is_null() const { return !m_valid || m_element.is_null(); }
    explicit operator bool() const { return !is_null(); }

    std::string_view str() const;      ///< string value, "" otherwise
    std::int64_t integer() const;      ///< integer value, 0 otherwise (proto3 omits zeros)
    bool boolean() const;              ///< boolean value, false otherwise (proto3 omits false)
    /// Elements of an array node; empty otherwise.
    std::vector<Node> items() const;

    /// For a wrapper node {"CreateStmt": {...}}: "CreateStmt". "" otherwise.
    std::string_view kind() const;
    /// For a wrapper node: its single value ({...} above).
    Node inner() const;
    /// Byte offset of "location" in the parsed text, or -1 when absent.
    std::int64_t location() const;

    /// The sval of every {"String": {"sval": ...}} in a name list, e.g. ["public", "users"].
    std::vector<std::string_view> names() const;

private:
    simdjson::dom::element m_element;
    bool m_valid = false;
};

}  // namespace linter
