#pragma once
// Where two versions of a file first differ, for a finding's position.

#include <string_view>
#include <vector>

namespace history {

struct ChangedLine {
    int line = 1;        ///< 1-based line of `after`
    int end_column = 1;  ///< that line's width in characters (at least 1)
};

/// The first line of `after` that differs from the same line of `before` (bytes, line
/// ending included, so whitespace-only edits count). When `after` is a prefix of
/// `before` (lines removed at the end): its last line. Identical texts: line 1.
ChangedLine first_changed_line(std::string_view before, std::string_view after);

/// 1-based, inclusive lines of a file.
struct LineRange {
    int first = 1;
    int last = 1;
};

/// The lines of `after` that a line diff (libgit2, no context lines) finds added or
/// changed against `before`; where lines were only removed, the line that follows the
/// removal. Empty when the texts are equal.
std::vector<LineRange> changed_lines(std::string_view before, std::string_view after);

}  // namespace history
