#pragma once
// Positions in text: byte offsets to 1-based line and character column.

#include "core/finding.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace core {

/// Maps byte offsets of one text to positions. Columns count UTF-8 code points
/// (continuation bytes 0b10xxxxxx are not counted). The text must outlive the index.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    /// Position of the byte at `offset` (clamped to the text's end).
    Position at(std::size_t offset) const;
    /// Byte offset where 1-based `line` begins (the text's end past the last line).
    std::size_t line_start(int line) const;
    int line_count() const { return static_cast<int>(m_starts.size()); }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

/// Offset of the first byte in [at, end) that is neither blank (isspace) nor inside a SQL
/// comment: `--` to the end of its line, `/* */` nested as PostgreSQL's scanner allows
/// (scan.l, "xc"). `end` when only blanks and comments remain; an unclosed comment runs to
/// `end`. Bytes from `end` on are never read.
std::size_t skip_blanks_and_comments(std::string_view text, std::size_t at, std::size_t end);

/// True when `text` is valid UTF-8 with no NUL byte; else `bad_offset` is the first bad byte.
bool is_text(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace core
