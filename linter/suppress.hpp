#pragma once
// Suppression comments (ARCHITECTURE.md, "Directives inside migration files"):
//   -- schemagate:ignore RULE[, RULE] [-- reason]   the statement on the same line, or
//                                                   the statement that follows the comment
//   -- schemagate:ignore-file RULE[, RULE]           the whole file (set rules included)
// Comments are found with PostgreSQL's lexer, so text inside strings never counts.

#include "core/finding.hpp"
#include "core/migration.hpp"
#include "linter/parse.hpp"
#include "linter/rule.hpp"

#include <string>
#include <utility>
#include <vector>

namespace linter {

struct Ignore {
    core::Position start;  ///< the comment
    core::Position end;
    bool file_wide = false;
    int first_line = 0;  ///< lines whose findings it suppresses (line ignores)
    int last_line = 0;
    std::vector<std::string> rules;
    std::vector<bool> used;  ///< per rule: suppressed at least one finding
};

/// The suppression comments of a parsed file, in text order.
std::vector<Ignore> find_ignores(const ParsedFile& parsed);

/// Removes the findings that an ignore covers (all findings are of one file) and marks
/// the ignore's rules that did so as used.
void apply_ignores(std::vector<Ignore>& ignores, std::vector<core::Finding>& findings);

/// Applies the suppression comments of `set`'s files to the findings of other stages'
/// rules in `rules` (e.g. the lock trace's `table-rewrite`): removes those an ignore covers.
/// Files that do not parse keep their findings. `placeholders` as the linter applies them.
void apply_ignores_to_set(const core::MigrationSet& set, const std::vector<std::string>& rules,
                          const std::vector<std::pair<std::string, std::string>>& placeholders,
                          std::vector<core::Finding>& findings);

/// An `unused-ignore` finding for every ignored rule that is unknown or suppressed
/// nothing, unless the file ignores `unused-ignore` itself. Rules of the catalog that the
/// linter does not run (history, runner, gate) are never reported: they may be used there.
void report_unused_ignores(const std::vector<Ignore>& ignores, const std::string& file, Findings& out);

}  // namespace linter
