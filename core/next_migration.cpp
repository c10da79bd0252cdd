#include "core/next_migration.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>

namespace fs = std::filesystem;

namespace core {
namespace {

enum class Style { sequence, timestamp, unix_seconds, diesel_dashed };

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The version as the file name writes it: "V1_2__x.sql" -> "1_2", "2017-08-20-180453_x" ->
// "2017-08-20-180453", "0003_x.sql" -> "0003".
std::string written_version(const std::string& preset, const std::string& id) {
    if (preset == "flyway" && id.size() > 1 && id[0] == 'V') { return id.substr(1, id.find("__") - 1); }
    return id.substr(0, id.find('_'));
}

struct Newest {
    std::string version;  ///< canonical (Migration::version)
    std::string written;  ///< as in the name
};

// The highest version among the migrations and the retired files.
std::optional<Newest> newest_version(const MigrationSet& set) {
    std::vector<std::pair<std::string, std::string>> all;  // version, id
    for (const Migration& m : set.migrations) {
        // A file outside the naming counts when its version is a plain number ("0005_X.sql"):
        // the new one must not take it. Others ("collate.win1253.sql") have no version to follow.
        if (m.naming_ok || all_digits(m.version)) { all.emplace_back(m.version, m.id); }
    }
    for (const std::string& retired : set.retired) {
        Migration m = make_migration(retired, fs::path(retired).filename().string(), "", set.naming);
        all.emplace_back(m.version, m.id);
    }
    std::optional<Newest> newest;
    for (const auto& [version, id] : all) {
        if (version.empty() || (newest && compare_versions(version, newest->version) <= 0)) { continue; }
        newest = Newest{version, written_version(set.naming.preset, id)};
    }
    return newest;
}

Style style_of(const std::string& preset, const std::optional<Newest>& newest) {
    if (preset == "timestamp" || preset == "prisma") { return Style::timestamp; }
    bool real = newest && newest->version.find_first_not_of('0') != std::string::npos;  // not diesel's 00000000000000
    if (preset == "diesel") {
        return !real || newest->written.find('-') != std::string::npos ? Style::diesel_dashed : Style::timestamp;
    }
    if (!newest) { return preset == "golang-migrate" ? Style::timestamp : Style::sequence; }
    if (all_digits(newest->written) && newest->written.size() >= 14) { return Style::timestamp; }
    if (preset == "golang-migrate" && all_digits(newest->written) && newest->written.size() == 10) {
        return Style::unix_seconds;
    }
    return Style::sequence;
}

// "0009" -> "0010", "1_2" -> "1_3", "99" -> "100": the last number + 1, same width and separators.
std::string next_sequence(const std::string& written) {
    std::size_t end = written.find_last_of("0123456789") + 1;
    std::size_t begin = written.find_last_not_of("0123456789", end - 1);
    begin = begin == std::string::npos ? 0 : begin + 1;
    std::string digits = written.substr(begin, end - begin);
    std::string next = std::to_string(std::stoull(digits) + 1);
    if (next.size() < digits.size()) { next.insert(0, digits.size() - next.size(), '0'); }
    return written.substr(0, begin) + next + written.substr(end);
}

// The UTC time a 14-digit (or longer, suffixed) timestamp names; nullopt when it names none.
std::optional<std::time_t> parse_timestamp(const std::string& digits) {
    std::tm tm{};
    if (digits.size() < 14 || std::sscanf(digits.c_str(), "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                          &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
        return std::nullopt;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

std::string format_time(std::time_t t, const char* format) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

std::string next_version(Style style, const std::optional<Newest>& newest, std::chrono::system_clock::time_point now) {
    if (style == Style::sequence) { return newest ? next_sequence(newest->written) : "0001"; }
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    if (style == Style::unix_seconds) {
        return std::to_string(std::max<long long>(t, std::stoll(newest->written) + 1));
    }
    if (newest) {
        std::string digits = newest->version;
        std::erase(digits, '-');
        std::optional<std::time_t> last = parse_timestamp(digits);
        if (last && *last >= t) { t = *last + 1; }
    }
    return format_time(t, style == Style::diesel_dashed ? "%Y-%m-%d-%H%M%S" : "%Y%m%d%H%M%S");
}

std::string header(const std::string& id, bool down) {
    return down ? "-- Undo " + id + ": the SQL that reverts its up migration.\n"
                : "-- " + id + ": write the migration's SQL below.\n";
}

}  // namespace

std::string migration_slug(const std::string& name) {
    std::string slug;
    for (char c : name) {
        bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (word) {
            slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!slug.empty() && slug.back() != '_') {
            slug += '_';
        }
    }
    if (!slug.empty() && slug.back() == '_') { slug.pop_back(); }
    if (slug.empty()) { throw Error("migration name '" + name + "' has no letter or digit: name it, e.g. add_users"); }
    return slug;
}

NextMigration next_migration(const MigrationSet& set, const std::string& name,
                             std::chrono::system_clock::time_point now) {
    const std::string& preset = set.naming.preset;
    std::string slug = migration_slug(name);
    std::optional<Newest> newest = newest_version(set);
    NextMigration next;
    if (!newest && preset == "flyway") {
        next.version = "1";
    } else {
        next.version = next_version(style_of(preset, newest), newest, now);
    }
    if (!set.naming.folder_file.empty()) {
        next.id = next.version + "_" + slug;
        next.files.push_back({fs::path(next.id) / set.naming.folder_file, header(next.id, false)});
        if (preset == "diesel") { next.files.push_back({fs::path(next.id) / "down.sql", header(next.id, true)}); }
    } else if (preset == "flyway") {
        next.id = "V" + next.version + "__" + slug + ".sql";
        next.files.push_back({next.id, header(next.id, false)});
    } else if (preset == "golang-migrate") {
        next.id = next.version + "_" + slug + ".up.sql";
        next.files.push_back({next.id, header(next.id, false)});
        next.files.push_back({next.version + "_" + slug + ".down.sql", header(next.id, true)});
    } else {
        next.id = next.version + "_" + slug + ".sql";
        next.files.push_back({next.id, header(next.id, false)});
    }
    if (!naming_matches(set.naming, next.id)) {
        throw Error("the next migration would be '" + next.id + "', which does not match the naming '" +
                    set.naming.pattern + "': create it by hand, or set `naming:` in schemagate.yaml to a preset");
    }
    return next;
}

std::vector<fs::path> create_migration(const fs::path& root, const NextMigration& next) {
    for (const NewFile& file : next.files) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(root / file.relative, ec))) {
            throw Error(display_path(root / file.relative) +
                        ": exists already: nothing written (is another migration being added?)");
        }
    }
    std::vector<fs::path> made;
    for (const NewFile& file : next.files) {
        fs::path path = root / file.relative;
        std::error_code ec;
        fs::create_directories(path.parent_path(), ec);
        FILE* out = std::fopen(path.c_str(), "wx");  // "x": O_EXCL, never overwrites
        if (out == nullptr) { throw Error(display_path(path) + ": cannot create the file: " + std::strerror(errno)); }
        bool written = std::fwrite(file.text.data(), 1, file.text.size(), out) == file.text.size();
        if (std::fclose(out) != 0 || !written) {
            throw Error(display_path(path) + ": cannot write the file: disk full?");
        }
        made.push_back(path);
    }
    return made;
}

}  // namespace core
