#pragma once
// One rule explained from its metadata (summary, default severity, the SQL it reports and
// what to write instead, options), for rules without an embedded doc page.

#include <string>
#include <string_view>

namespace linter {

/// A rule explained, for `schemagate rules ID`: id and default severity, summary,
/// "Reported:" with the bad SQL and "Instead:" with the good SQL (each file of a
/// multi-file example under its `-- file:` name), and options.
/// Throws core::Error for an unknown id, naming the nearest known one.
std::string explain_rule(std::string_view id);

/// The rule's doc page relative to the source tree: "docs/rules/<id>.md".
std::string rule_doc_path(std::string_view id);

}  // namespace linter
