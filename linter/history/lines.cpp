#include "linter/history/lines.hpp"

#include <git2.h>

#include <algorithm>

namespace history {
namespace {

// The line starting at `pos`, its '\n' included; empty at the end.
std::string_view line_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) { return {}; }
    std::size_t end = text.find('\n', pos);
    return text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos + 1);
}

int width(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) { line.remove_suffix(1); }
    int characters = static_cast<int>(
        std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    return std::max(1, characters);
}

}  // namespace

ChangedLine first_changed_line(std::string_view before, std::string_view after) {
    std::size_t a = 0;
    std::size_t b = 0;
    int line = 1;
    std::string_view last;
    while (b < after.size()) {
        std::string_view old_line = line_at(before, a);
        std::string_view new_line = line_at(after, b);
        if (old_line != new_line) { return {line, width(new_line)}; }
        a += old_line.size();
        b += new_line.size();
        last = new_line;
        ++line;
    }
    // `after` is exhausted: its last line (before it lost what followed).
    return {std::max(1, line - 1), width(last)};
}

std::vector<LineRange> changed_lines(std::string_view before, std::string_view after) {
    std::vector<LineRange> ranges;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = 0;
    auto on_hunk = [](const git_diff_delta*, const git_diff_hunk* hunk, void* payload) {
        auto* out = static_cast<std::vector<LineRange>*>(payload);
        int first = std::max(1, hunk->new_start);
        out->push_back({first, std::max(first, hunk->new_start + hunk->new_lines - 1)});
        return 0;
    };
    git_diff_buffers(before.data(), before.size(), nullptr, after.data(), after.size(), nullptr, &options, nullptr,
                     nullptr, on_hunk, nullptr, &ranges);
    return ranges;
}

}  // namespace history
