#pragma once
// Whether a piece of SQL is one plain query, safe to send to production: what the
// production gate requires of a data check (`checks:` of the required schema).

#include <optional>
#include <string>
#include <string_view>

namespace linter {

/// Why `sql` is not exactly one read-only SELECT, or nullopt when it is. Accepted: one
/// SelectStmt (VALUES, set operations and `WITH … SELECT` included). Refused: text that
/// does not parse, more or fewer than one statement, any other statement kind, a
/// data-modifying CTE (INSERT/UPDATE/DELETE/MERGE anywhere in the tree), SELECT INTO, and
/// row locks (FOR UPDATE/SHARE). Functions called by the query are not inspected: the
/// gate runs it in a READ ONLY transaction, which refuses their writes too.
std::optional<std::string> read_only_query_problem(std::string_view sql);

}  // namespace linter
