#pragma once
// The keys of schemagate.yaml, from the reader itself (core/config.cpp): what the docs
// test checks docs/configuration.md and `schemagate init`'s template against.

#include <string>
#include <vector>

namespace core {

/// Every key load_config accepts, nested ones dotted ("postgres.version"), in the reader's
/// order; `rules` stands for its map of rule ids.
std::vector<std::string> config_keys();

}  // namespace core
