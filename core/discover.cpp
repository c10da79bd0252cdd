#include "core/checksum.hpp"
#include "core/down_part.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/migration.hpp"
#include "core/parallel.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <numeric>
#include <optional>
#include <sstream>
#include <utility>

namespace fs = std::filesystem;

namespace core {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string read_migration(const fs::path& path, bool stat_checked = false) {
    std::optional<std::string> bytes = read_regular_file(path, stat_checked);
    if (!bytes) { throw Error(display_path(path) + ": cannot read the file: check that it exists and is readable"); }
    return std::move(*bytes);
}

// Version and name from an id: flyway "V1_2__add" -> ("1.2", "add"); else the part
// before the first '_' when it holds a digit ("0003_add_users.sql" -> ("0003", "add_users")).
void split_id(const std::string& preset, const std::string& id, std::string& version, std::string& name) {
    std::string stem = id;
    for (std::string_view ext : {".up.sql", ".sql"}) {
        if (ends_with(stem, ext)) {
            stem.resize(stem.size() - ext.size());
            break;
        }
    }
    if (preset == "flyway" && stem.size() > 1 && stem[0] == 'V' && stem.find("__") != std::string::npos) {
        std::size_t sep = stem.find("__");
        version = stem.substr(1, sep - 1);
        std::replace(version.begin(), version.end(), '_', '.');
        name = stem.substr(sep + 2);
        return;
    }
    std::size_t sep = stem.find('_');
    std::string prefix = stem.substr(0, sep);
    bool has_digit = std::any_of(prefix.begin(), prefix.end(), [](char c) { return c >= '0' && c <= '9'; });
    version = has_digit ? prefix : "";
    // diesel records a version without its dashes (2017-08-20-180453 is 20170820180453).
    if (preset == "diesel") { std::erase(version, '-'); }
    name = sep == std::string::npos ? (has_digit ? "" : stem) : stem.substr(sep + 1);
}

// A directory's entries, sorted; each keeps the type readdir gave, so plain files cost no stat.
std::vector<fs::directory_entry> list_dir(const fs::path& dir) {
    std::vector<fs::directory_entry> entries(fs::directory_iterator(dir), fs::directory_iterator{});
    std::sort(entries.begin(), entries.end());
    return entries;
}

std::string detect_dir_preset(const std::vector<fs::directory_entry>& listing) {
    std::vector<std::string> entries;
    for (const fs::directory_entry& entry : listing) {
        std::string name = entry.path().filename().string();
        std::error_code ec;
        if (!entry.is_directory(ec)) {
            entries.push_back(name);
        } else if (fs::exists(entry.path() / "migration.sql", ec)) {
            entries.push_back(name + "/migration.sql");
        } else if (fs::exists(entry.path() / "up.sql", ec)) {
            entries.push_back(name + "/up.sql");
        }
    }
    return detect_preset(entries);
}

// A file to load: where it is and what names it in the set.
struct Pending {
    fs::path path;
    std::string id;
    std::optional<struct stat> info;  // the stat(2) that found a file given by name: not made twice
};

// display_path() against a current directory fetched once for many paths.
std::string display_path_from(const fs::path& path, const fs::path& cwd) {
    if (std::optional<std::string_view> plain = plain_relative_path(path.native())) { return std::string(*plain); }
    std::string_view at = path.native();
    std::string_view dir = cwd.native();
    if (plain_absolute_path(at) && (dir == "/" || plain_absolute_path(dir)) && at != dir) {
        // As below, without std::filesystem's parsing (15,000 instructions a file): below the
        // current directory, the rest; else the path as it is.
        if (dir == "/") { return std::string(at.substr(1)); }
        bool below = at.starts_with(dir) && at.size() > dir.size() && at[dir.size()] == '/';
        return std::string(below ? at.substr(dir.size() + 1) : at);
    }
    fs::path shown = path.lexically_normal();
    if (shown.is_absolute() && !cwd.empty()) {
        fs::path relative = shown.lexically_relative(cwd);
        if (!relative.empty() && *relative.begin() != "..") { shown = relative; }
    }
    return shown.generic_string();
}

// A migration named by its file: version, name and naming; no checksum, text or directives.
Migration identified(fs::path path, std::string file, std::string id, const Naming& naming) {
    Migration m;
    m.path = std::move(path);
    m.file = std::move(file);
    m.id = std::move(id);
    split_id(naming.preset, m.id, m.version, m.name);
    m.naming_ok = naming_matches(naming, m.id);
    return m;
}

void set_text(Migration& m, std::string text) {
    m.checksum = sha256_checksum(text);
    m.directives = parse_directives(text);
    m.text = std::move(text);
}

// Takes `bytes` from `budget` when it has that many left.
bool take(std::atomic<std::size_t>& budget, std::size_t bytes) {
    std::size_t left = budget.load();
    while (left >= bytes) {
        if (budget.compare_exchange_weak(left, left - bytes)) { return true; }
    }
    return false;
}

// A migration whose text is not kept: checksum and directives from the index when the
// file is unchanged (the file is not opened), else from its bytes (then dropped, unless
// `budget` keeps them: DiscoverOptions::keep_read_bytes).
Migration load_digest(const Pending& pending, const Naming& naming, ChecksumIndex* index, const fs::path& cwd,
                      std::atomic<std::size_t>& budget) {
    Migration m = identified(pending.path, display_path_from(pending.path, cwd), pending.id, naming);
    struct stat info {};  // the index's key; without an index, reading checks the file alone
    if (index != nullptr) {
        if (pending.info) {
            info = *pending.info;
        } else if (::stat(pending.path.c_str(), &info) != 0) {
            throw Error(display_path(pending.path) + ": cannot read the file: check that it exists and is readable");
        }
        if (std::optional<FileDigest> known = index->find(pending.path, info)) {
            m.checksum = std::move(known->checksum);
            m.directives = std::move(known->directives);
            return m;
        }
    }
    set_text(m, read_migration(pending.path, pending.info.has_value()));
    if (index != nullptr) { index->put(pending.path, info, {m.checksum, m.directives}); }
    if (!take(budget, m.text.size())) { std::string().swap(m.text); }  // frees the bytes, capacity included
    return m;
}

// diesel's metadata.toml beside up.sql: `run_in_transaction = false` is diesel's
// no-transaction marker. One key of a flat file: a line match, no TOML parser needed.
bool diesel_outside_transaction(const fs::path& up) {
    std::ifstream in(up.parent_path() / "metadata.toml");
    for (std::string line; std::getline(in, line);) {
        std::erase_if(line, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
        if (line == "run_in_transaction=false") { return true; }
    }
    return false;
}

Migration load(const Pending& pending, const Naming& naming, const DiscoverOptions& options, const fs::path& cwd,
               std::atomic<std::size_t>& budget) {
    Migration m;
    if (!options.keep_text) {
        m = load_digest(pending, naming, options.index, cwd, budget);
    } else {
        m = identified(pending.path, display_path_from(pending.path, cwd), pending.id, naming);
        set_text(m, read_migration(pending.path, pending.info.has_value()));
    }
    if (naming.preset == "diesel" && diesel_outside_transaction(pending.path)) { m.directives.no_transaction = true; }
    return m;
}

// Loads the files in parallel (reading and hashing is most of discovery), in order, on one
// thread below 128 files: with SHA-NI a small file takes a few microseconds, less than a
// second thread saves (cold lint of supabase-auth's 71 files 2.51 -> 2.36-2.42 ms). The
// error of the first file that fails, in order, is thrown, as a serial loop would.
void load_all(const std::vector<Pending>& pending, const DiscoverOptions& options, MigrationSet& set) {
    std::vector<std::optional<Migration>> loaded(pending.size());
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    unsigned workers = worker_count(pending.size() / 128 + 1);
    std::atomic<std::size_t> budget{options.keep_read_bytes};
    parallel_for(pending.size(), workers,
                 [&](std::size_t i, unsigned) { loaded[i] = load(pending[i], set.naming, options, cwd, budget); });
    set.migrations.reserve(set.migrations.size() + loaded.size());
    for (std::optional<Migration>& m : loaded) { set.migrations.push_back(std::move(*m)); }
}

// Says that `path`, named like a migration, is skipped for being of `kind`.
void warn_skipped(const DiscoverOptions& options, const fs::path& path, FileKind kind) {
    std::string message = display_path(path) + ": skipped: " + std::string(describe(kind)) +
                          " is not a migration file; replace it with a regular file or move it out of the directory";
    if (options.warn) {
        options.warn(message);
    } else {
        std::cerr << "schemagate: warning: " << message << "\n";
    }
}

void discover_dir(const std::vector<fs::directory_entry>& entries, const DiscoverOptions& options, MigrationSet& set) {
    std::vector<Pending> pending;
    for (const fs::directory_entry& entry : entries) {
        const fs::path& path = entry.path();
        std::string file = path.filename().string();
        std::error_code ec;
        if (ends_with(file, ".sql.retired")) {
            set.retired.push_back(display_path(path));
        } else if (entry.is_symlink(ec) && file_kind(path) == FileKind::link_loop) {
            warn_skipped(options, path, FileKind::link_loop);
        } else if (!set.naming.folder_file.empty()) {
            fs::path inner = path / set.naming.folder_file;
            FileKind kind = entry.is_directory(ec) ? file_kind(inner) : FileKind::missing;
            if (kind == FileKind::regular) {
                pending.push_back({inner, file, std::nullopt});
            } else if (kind != FileKind::missing) {
                warn_skipped(options, inner, kind);
            }
        } else if (is_flat_migration(file, set.naming)) {
            FileKind kind = entry.is_regular_file(ec) ? FileKind::regular : file_kind(path);
            if (kind == FileKind::regular) {
                pending.push_back({path, file, std::nullopt});
            } else {
                warn_skipped(options, path, kind);
            }
        }
    }
    load_all(pending, options, set);
}

void apply_order_file(const fs::path& order_file, const DiscoverOptions& options, MigrationSet& set) {
    std::atomic<std::size_t> budget{options.keep_read_bytes};
    for (const auto& [number, line] : parse_order_file(read_migration(order_file))) {
        fs::path path = order_file.parent_path() / line;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) {
            throw error_at(display_path(order_file), number, 1,
                           "no migration file '" + line + "': fix the path or remove the line");
        }
        Migration m = load({path, line, std::nullopt}, set.naming, options, fs::current_path(ec), budget);
        m.version = std::to_string(set.migrations.size() + 1);
        m.naming_ok = true;  // the order file, not the name, defines the version
        set.migrations.push_back(std::move(m));
    }
}

}  // namespace

Migration known_migration(fs::path path, std::string id, std::string checksum, Directives directives,
                          const Naming& naming) {
    std::string file = display_path(path);
    Migration m = identified(std::move(path), std::move(file), std::move(id), naming);
    m.checksum = std::move(checksum);
    m.directives = std::move(directives);
    return m;
}

Migration make_migration(fs::path path, std::string id, std::string text, const Naming& naming) {
    std::string file = display_path(path);
    Migration m = identified(std::move(path), std::move(file), std::move(id), naming);
    set_text(m, std::move(text));
    return m;
}

// The set of `paths`, before setup and no-transaction files are applied.
static MigrationSet discover_paths(const std::vector<fs::path>& paths, const DiscoverOptions& options) {
    MigrationSet set;
    std::error_code ec;
    if (paths.size() == 1 && fs::is_directory(paths[0], ec)) {
        set.root = paths[0];
        std::vector<fs::directory_entry> entries = list_dir(paths[0]);
        set.naming = make_naming(options.naming.empty() ? detect_dir_preset(entries) : options.naming);
        if (!options.order_file.empty()) {
            apply_order_file(options.order_file, options, set);
            find_down_parts(set, options.down_pattern, options.keep_text);
            return set;
        }
        discover_dir(entries, options, set);
    } else {
        set.naming = make_naming(options.naming);
        std::vector<Pending> files;
        for (const fs::path& path : paths) {
            struct stat info {};
            bool regular = ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
            FileKind kind = regular ? FileKind::regular : file_kind(path);
            if (kind == FileKind::directory) {
                load_all(files, options, set);  // keeps command-line order for equal versions and ids
                files.clear();
                MigrationSet inner = discover_paths({path}, options);
                for (Migration& m : inner.migrations) { set.migrations.push_back(std::move(m)); }
                set.retired.insert(set.retired.end(), inner.retired.begin(), inner.retired.end());
            } else if (kind == FileKind::regular) {
                files.push_back({path, path.filename().string(), info});
            } else if (kind == FileKind::missing) {
                throw Error(display_path(path) +
                            ": no such file or directory: give a migrations directory or .sql files");
            } else {
                throw Error(display_path(path) + ": " + std::string(describe(kind)) +
                            " is not a migration file: give a migrations directory or .sql files");
            }
        }
        load_all(files, options, set);
    }
    sort_migrations(set.migrations);
    find_down_parts(set, options.down_pattern, options.keep_text);
    return set;
}

MigrationSet discover(const std::vector<fs::path>& paths, const DiscoverOptions& options) {
    MigrationSet set = discover_paths(paths, options);
    if (options.setup.empty() && options.no_transaction.empty()) { return set; }
    auto listed = [](const Migration& m, const std::vector<fs::path>& files) {
        std::error_code ec;
        return std::any_of(files.begin(), files.end(),
                           [&](const fs::path& f) { return fs::equivalent(m.path, f, ec); });
    };
    std::erase_if(set.migrations, [&](const Migration& m) { return listed(m, options.setup); });
    for (Migration& m : set.migrations) {
        if (listed(m, options.no_transaction)) { m.directives.no_transaction = true; }
    }
    return set;
}

std::string detect_preset(const std::vector<std::string>& entries) {
    bool up = false;
    bool flyway = false;
    bool all_timestamps = true;
    int sql = 0;
    for (const std::string& entry : entries) {
        if (ends_with(entry, "/migration.sql")) { return "prisma"; }
        if (ends_with(entry, "/up.sql")) { return "diesel"; }
        if (entry.find('/') != std::string::npos || !ends_with(entry, ".sql")) { continue; }
        ++sql;
        up = up || ends_with(entry, ".up.sql");
        flyway = flyway || (entry.size() > 1 && entry[0] == 'V' && entry.find("__") != std::string::npos);
        all_timestamps = all_timestamps && entry.size() > 14 &&
                         std::all_of(entry.begin(), entry.begin() + 14, [](char c) { return c >= '0' && c <= '9'; });
    }
    if (up) { return "golang-migrate"; }
    if (flyway) { return "flyway"; }
    if (sql > 0 && all_timestamps) { return "timestamp"; }
    return "default";
}

bool is_flat_migration(std::string_view name, const Naming& naming) {
    bool flyway_undo = naming.preset == "flyway" && name.size() > 1 && name[0] == 'U' && name[1] >= '0' &&
                       name[1] <= '9';
    return ends_with(name, ".sql") && !ends_with(name, ".down.sql") && !flyway_undo &&
           (naming.preset != "golang-migrate" || ends_with(name, ".up.sql"));
}

std::vector<std::pair<int, std::string>> parse_order_file(std::string_view text) {
    std::vector<std::pair<int, std::string>> paths;
    std::istringstream lines{std::string(text)};
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        line = line.substr(0, line.find('#'));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        line.erase(0, line.find_first_not_of(" \t"));
        if (!line.empty()) { paths.emplace_back(number, line); }
    }
    return paths;
}

void sort_migrations(std::vector<Migration>& migrations) {
    auto less = [](const Migration& a, const Migration& b) {
        int c = compare_versions(a.version, b.version);
        return c != 0 ? c < 0 : a.id < b.id;
    };
    // Usually in order already (a sorted directory listing). Else their positions are sorted,
    // and the Migrations (a dozen strings each) moved into place along the permutation's
    // cycles: about one move each, not a merge sort's through its buffer.
    if (std::is_sorted(migrations.begin(), migrations.end(), less)) { return; }
    std::vector<std::size_t> order(migrations.size());  // order[k]: the one that goes to k
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return less(migrations[a], migrations[b]); });
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) { continue; }
        Migration first = std::move(migrations[start]);
        std::size_t k = start;
        for (; order[k] != start; k = std::exchange(order[k], k)) { migrations[k] = std::move(migrations[order[k]]); }
        migrations[k] = std::move(first);
        order[k] = k;
    }
}

int compare_versions(const std::string& a, const std::string& b) {
    // Timestamps (14 digits or more) sort as strings, as diesel and Rails sort them: a
    // 20240501120000 is after 202401011200000000 (a timestamp with a 4-digit suffix).
    auto timestamp = [](const std::string& s) {
        return s.size() >= 14 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (timestamp(a) && timestamp(b)) { return a < b ? -1 : (a == b ? 0 : 1); }
    std::size_t i = 0;
    std::size_t j = 0;
    auto next = [](std::string_view s, std::size_t& k) {  // the next run of digits, without leading zeros
        while (k < s.size() && !(s[k] >= '0' && s[k] <= '9')) { ++k; }
        while (k < s.size() && s[k] == '0') { ++k; }
        std::size_t begin = k;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') { ++k; }
        return s.substr(begin, k - begin);
    };
    while (i < a.size() || j < b.size()) {
        std::string_view x = next(a, i);
        std::string_view y = next(b, j);
        if (x.size() != y.size()) { return x.size() < y.size() ? -1 : 1; }
        if (x != y) { return x < y ? -1 : 1; }
    }
    return 0;
}

std::string display_path(const fs::path& path) {
    std::error_code ec;
    return display_path_from(path, path.is_absolute() ? fs::current_path(ec) : fs::path());
}

}  // namespace core
