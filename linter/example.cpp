#include "linter/example.hpp"

#include "core/error.hpp"

#include <fstream>

namespace linter {
namespace {

// "NAME" when `line` is `-- file: NAME`, "" otherwise.
std::string_view file_marker(std::string_view line) {
    constexpr std::string_view k_marker = "-- file:";
    if (line.substr(0, k_marker.size()) != k_marker) { return {}; }
    std::string_view name = line.substr(k_marker.size());
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) { name.remove_prefix(1); }
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r' || name.back() == '\t')) {
        name.remove_suffix(1);
    }
    return name;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::vector<ExampleFile> split_files(std::string_view text) {
    std::vector<ExampleFile> files;
    ExampleFile current{std::string(k_example_file), {}};
    bool named = false;
    while (!text.empty()) {
        std::size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol == std::string_view::npos ? text.size() : eol + 1);
        text.remove_prefix(line.size());
        std::string_view name = file_marker(line.substr(0, line.find('\n')));
        if (name.empty()) {
            current.text += line;
            continue;
        }
        if (named || !blank(current.text)) { files.push_back(std::move(current)); }
        current = {std::string(name), {}};
        named = true;
    }
    if (named || !blank(current.text)) { files.push_back(std::move(current)); }
    return files;
}

void write_files(const std::filesystem::path& dir, const std::vector<ExampleFile>& files) {
    for (const ExampleFile& file : files) {
        std::filesystem::path path = dir / file.name;
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        std::ofstream out(path, std::ios::binary);
        out << file.text;
        if (!out) {
            throw core::Error(path.generic_string() + ": cannot write the file: check the directory's permissions");
        }
    }
}

}  // namespace linter
