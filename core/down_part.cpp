// Down parts: where each layout keeps a migration's rollback (core/migration.hpp, DownPart).
#include "core/down_part.hpp"

#include "core/error.hpp"
#include "core/file.hpp"

#include <map>
#include <set>

namespace fs = std::filesystem;

namespace core {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The id without its extension: "0001_a.up.sql" -> "0001_a", "0001_a.sql" -> "0001_a".
std::string stem_of(const std::string& id) {
    for (std::string_view ext : {".up.sql", ".sql"}) {
        if (ends_with(id, ext)) { return id.substr(0, id.size() - ext.size()); }
    }
    return id;
}

// Offset of the start of the line that begins with `-- migrate:<which>` at or after `from`;
// npos when none. dbmate allows blanks between `--` and `migrate:`.
std::size_t dbmate_marker(const std::string& text, std::string_view which, std::size_t from = 0) {
    for (std::size_t at = from; at < text.size();) {
        std::size_t end = text.find('\n', at);
        std::string_view line(text.data() + at, (end == std::string::npos ? text.size() : end) - at);
        if (line.substr(0, 2) == "--") {
            std::size_t word = line.find_first_not_of(" \t", 2);
            if (word != std::string_view::npos &&
                line.substr(word, 8 + which.size()) == "migrate:" + std::string(which)) {
                return at;
            }
        }
        if (end == std::string::npos) { break; }
        at = end + 1;
    }
    return std::string::npos;
}

DownPart down_file(const fs::path& path) {
    std::optional<std::string> bytes = read_regular_file(path);
    if (!bytes) {
        throw Error(display_path(path) + ": cannot read the down migration: check that it is a readable file");
    }
    DownPart down{path, display_path(path), std::move(*bytes), false};
    down.empty = !has_statement(down.text);
    return down;
}

std::optional<DownPart> down_at(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) { return std::nullopt; }
    return down_file(path);
}

// dbmate: the `-- migrate:down` section of the file, to the next `-- migrate:up` or the end.
void find_dbmate_section(Migration& m) {
    std::size_t up = dbmate_marker(m.text, "up");
    if (up == std::string::npos) { return; }
    m.down_expected = true;
    std::size_t begin = dbmate_marker(m.text, "down");
    if (begin == std::string::npos) { return; }
    std::size_t end = begin < up ? up : m.text.size();
    m.down_begin = begin;
    m.down_end = end;
    DownPart down{m.path, m.file, m.text, false};
    for (std::size_t i = 0; i < down.text.size(); ++i) {
        if ((i < begin || i >= end) && down.text[i] != '\n') { down.text[i] = ' '; }
    }
    down.empty = !has_statement(std::string_view(m.text).substr(begin, end - begin));
    m.down = std::move(down);
}

// Flyway undo files of a directory: version (as the V file's is read) -> path.
std::map<std::string, fs::path> flyway_undo_files(const fs::path& dir) {
    std::map<std::string, fs::path> undo;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        std::size_t sep = name.find("__");
        if (name.size() < 2 || name[0] != 'U' || sep == std::string::npos || !ends_with(name, ".sql")) { continue; }
        std::string version = name.substr(1, sep - 1);
        std::replace(version.begin(), version.end(), '_', '.');
        undo[version] = entry.path();
    }
    return undo;
}

std::string replace_all(std::string text, const std::string& key, const std::string& value) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
    }
    return text;
}

}  // namespace

bool has_statement(std::string_view sql) {
    for (std::size_t i = 0; i < sql.size();) {
        char c = sql[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == ';') {
            ++i;
        } else if (sql.substr(i, 2) == "--") {
            i = sql.find('\n', i);
        } else if (sql.substr(i, 2) == "/*") {
            int depth = 0;
            do {
                if (sql.substr(i, 2) == "/*") {
                    ++depth, i += 2;
                } else if (sql.substr(i, 2) == "*/") {
                    --depth, i += 2;
                } else {
                    ++i;
                }
            } while (depth > 0 && i < sql.size());
        } else {
            return true;
        }
    }
    return false;
}

std::string down_pattern_path(const std::string& pattern, const Migration& m) {
    std::string path = replace_all(pattern, "{id}", m.id);
    path = replace_all(path, "{stem}", stem_of(m.id));
    path = replace_all(path, "{version}", m.version);
    return replace_all(path, "{name}", m.name);
}

void find_down_parts(MigrationSet& set, const std::string& pattern, bool read) {
    fs::path root = set.root;
    if (!pattern.empty()) {
        // Files the pattern names are down parts: out of the set.
        std::set<fs::path> downs;
        for (const Migration& m : set.migrations) {
            fs::path base = root.empty() ? m.path.parent_path() : root;
            downs.insert((base / down_pattern_path(pattern, m)).lexically_normal());
        }
        std::erase_if(set.migrations, [&](const Migration& m) { return downs.count(m.path.lexically_normal()) > 0; });
    }
    if (!read) { return; }
    std::map<fs::path, std::map<std::string, fs::path>> undo;  // Flyway: per directory
    for (Migration& m : set.migrations) {
        if (!pattern.empty()) {
            m.down_expected = true;
            m.down = down_at((root.empty() ? m.path.parent_path() : root) / down_pattern_path(pattern, m));
        } else if (set.naming.preset == "diesel") {
            m.down_expected = true;
            m.down = down_at(m.path.parent_path() / "down.sql");
        } else if (ends_with(m.id, ".up.sql")) {
            m.down_expected = true;
            m.down = down_at(m.path.parent_path() / (stem_of(m.id) + ".down.sql"));
        } else if (set.naming.preset == "flyway") {
            fs::path dir = m.path.parent_path();
            if (!undo.count(dir)) { undo[dir] = flyway_undo_files(dir); }
            auto found = undo[dir].find(m.version);
            if (found != undo[dir].end()) { m.down = down_file(found->second); }
        } else if (!m.text.empty()) {
            find_dbmate_section(m);
        }
    }
}

std::string up_text(const Migration& m) {
    std::string text = m.text;
    for (std::size_t i = m.down_begin; i < m.down_end && i < text.size(); ++i) {
        if (text[i] != '\n') { text[i] = ' '; }
    }
    return text;
}

}  // namespace core
