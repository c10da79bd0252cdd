#pragma once
// Finding each migration's down part (its rollback) in the layouts that keep one; see
// core::DownPart in core/migration.hpp. discover() calls find_down_parts().

#include "core/migration.hpp"

#include <string>
#include <string_view>

namespace core {

/// Sets Migration::down, down_expected and the dbmate section of every migration in `set`:
/// `pattern` (the config's `down:`, relative to set.root) when given, else by layout: diesel
/// `down.sql`, `<stem>.down.sql` beside `<stem>.up.sql`, Flyway `U<version>__*.sql` beside
/// the V file (never expected: undo is optional), a dbmate file's `-- migrate:down` section.
/// Files the pattern names are removed from the set (always, `read` or not). Without `read`
/// (texts not kept) nothing else is done. Throws core::Error when a down file that exists
/// cannot be read.
void find_down_parts(MigrationSet& set, const std::string& pattern, bool read);

/// The pattern's path for `m`: {id} (file or folder name), {stem} (id without .up.sql / .sql),
/// {version} and {name} replaced.
std::string down_pattern_path(const std::string& pattern, const Migration& m);

/// True when `sql` holds more than blanks, `;`, `--` and `/* */` comments.
bool has_statement(std::string_view sql);

}  // namespace core
