#pragma once
// The rule doc pages (docs/rules/<id>.md), embedded at build time so that `schemagate
// rules ID` shows them wherever the binary is installed.

#include <string_view>

namespace cli {

/// The Markdown of docs/rules/<id>.md as built; empty when the rule has no page.
std::string_view rule_doc(std::string_view id);

}  // namespace cli
