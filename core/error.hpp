#pragma once
// Errors of the tool itself (bad arguments, bad config, unreachable database):
// the CLI catches them once, prints "schemagate: error: <what>" and exits 2.
// Problems *in migrations* are never errors: they are core::Finding values.

#include <stdexcept>
#include <string>

namespace core {

/// The tool cannot do its job. `what()` is one line: where (file:line:column
/// when there is a file) and what to do about it.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An Error located in an input file of the tool (config, required schema).
/// Lines and columns are 1-based; 0 means unknown.
Error error_at(const std::string& file, int line, int column, const std::string& message);

}  // namespace core
