#pragma once
// A migration set: the SQL files of one project, discovered on disk in version order.

#include <filesystem>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace core {

/// `-- DEPENDS: <value>` (or `-- depends:`) in the leading comment block. `value` is the raw text after
/// the colon, trimmed; the linter's `depends` rule validates it.
struct DependsDirective {
    int line = 0;
    std::string value;
    bool has_colon = true;  ///< false for "-- DEPENDS x.sql" (malformed)
};

/// Directives of a migration's leading comment block (the lines before the first
/// line that is neither blank nor a `--` comment).
struct Directives {
    std::vector<DependsDirective> depends;
    bool no_transaction = false;  ///< `-- schemagate:no-transaction`
    int no_transaction_line = 0;
};

/// Parses the leading comment block of `text`.
Directives parse_directives(std::string_view text);

/// The down part of a migration (its rollback), in the layouts that keep one: diesel's
/// `down.sql` beside `up.sql`, golang-migrate's `<version>_<name>.down.sql`, dbmate's
/// `-- migrate:down` section of the migration itself, Flyway's undo `U<version>__<desc>.sql`,
/// or the file the config's `down:` pattern names.
struct DownPart {
    std::filesystem::path path;  ///< the file on disk (the migration's own file for a dbmate section)
    std::string file;            ///< for reports: as Migration::file
    /// The SQL to run: the file's bytes; for a dbmate section, the whole file with every byte
    /// outside the section blanked (newlines kept), so that offsets, lines and columns are the file's.
    std::string text;
    bool empty = false;  ///< holds no statement (only comments and blanks): no rollback written
};

struct Migration {
    std::filesystem::path path;  ///< on disk
    std::string file;            ///< for reports: relative to the current directory, '/' separators
    std::string id;              ///< what names it inside the set: file name, or folder name for folder layouts
    std::string version;         ///< e.g. "0003", "20230101120000", "1.2" (flyway); may be empty
    std::string name;            ///< description part, e.g. "add_users"
    std::string text;            ///< bytes as stored; empty when discovered without keep_text (read `path`)
    std::string checksum;        ///< "sha256:<hex>" of `text`
    bool naming_ok = true;       ///< `id` matches the naming convention
    /// Counted as applied: unchanged since the base ref, or at or below the config's
    /// baseline. Only the integrity rules look at it (duplicate-version, depends and the
    /// history rules); a change it does not carry is not reported on it.
    bool applied = false;
    Directives directives;
    /// The down part, when one was found (discovered with keep_text only).
    std::optional<DownPart> down;
    /// The layout keeps a down part for every migration (diesel, golang-migrate, a dbmate file,
    /// a configured `down:` pattern): without one, `missing-down-migration` may be reported.
    bool down_expected = false;
    /// dbmate: the `-- migrate:down` section's byte range in `text` ([begin, end); empty when none).
    /// up_text() blanks it: applying the migration runs only its up part.
    std::size_t down_begin = 0;
    std::size_t down_end = 0;
};

/// The SQL that applies `m`: its text, with a dbmate down section blanked (newlines kept, so
/// positions stay the file's). Placeholders are not substituted.
std::string up_text(const Migration& m);

/// A naming convention: which files are migrations and how a version is read.
/// Presets: "default" (NNNN_name.sql), "flyway" (V<ver>__<desc>.sql), "golang-migrate"
/// (<ver>_<name>.up.sql; .down.sql ignored), "timestamp" (14-digit prefix), "prisma"
/// (<version>_<name>/migration.sql), "diesel" (<version>_<name>/up.sql). Any other
/// string is a regular expression on the file name (flat layout).
struct Naming {
    std::string preset;   ///< preset name, or "custom"
    std::string pattern;  ///< the regex text, for messages (a preset's documents its matcher)
    /// A preset's matcher, with the verdicts of `pattern`; nullptr for a custom naming.
    bool (*match)(std::string_view id) = nullptr;
    std::regex regex;         ///< a custom naming's `pattern`, compiled; empty for a preset
    std::string folder_file;  ///< "migration.sql" / "up.sql" for folder layouts, else empty
};

/// The naming for a preset name or regex. Throws core::Error for an invalid regex.
Naming make_naming(const std::string& preset_or_regex);
/// Whether `id` (Migration::id) follows `naming`: as std::regex_search of its pattern.
bool naming_matches(const Naming& naming, std::string_view id);

class ChecksumIndex;

struct DiscoverOptions {
    std::string naming;                ///< preset or regex; empty: detect from the directory
    std::filesystem::path order_file;  ///< explicit order (one path a line, # comments); optional
    /// Keep each file's bytes in Migration::text (the runner applies them). false: `text`
    /// stays empty and whoever needs the bytes reads `path` (the linter: one file in
    /// memory at a time per worker).
    bool keep_text = true;
    /// Without keep_text: still keep the bytes of files that had to be read (not found in
    /// `index`), up to this many bytes in all, for a caller that would read them once more
    /// (the linter: a file the index does not know is a lint cache miss too). Bounded: a large
    /// set's texts held at once, even briefly, leave the heap that much larger (measured).
    std::size_t keep_read_bytes = 0;
    /// Without keep_text: checksums and directives of unchanged files come from here
    /// (and new ones are added), so those files are not read. The caller saves it.
    ChecksumIndex* index = nullptr;
    /// Told about each entry skipped although its name makes it a migration: not a regular
    /// file (FIFO, device, directory, dangling link) or a symbolic link loop; the message
    /// names it. Empty: "schemagate: warning: <message>" on stderr.
    std::function<void(const std::string&)> warn{};
    /// The config's `down:` pattern: where each migration's down file is, relative to the
    /// migrations directory, with {id}, {stem}, {version} and {name} replaced (e.g.
    /// "rollback/{stem}.sql"). Files it names are down parts, not migrations. Empty: the layout's.
    std::string down_pattern{};
    /// The config's `setup:` files: the runner runs them before the migrations; they are
    /// never migrations, even when named like one.
    std::vector<std::filesystem::path> setup{};
    /// The config's `no_transaction:` files: migrations that run outside a transaction
    /// (Directives::no_transaction), whatever their own directives say.
    std::vector<std::filesystem::path> no_transaction{};
};

struct MigrationSet {
    std::filesystem::path root;
    Naming naming;
    std::vector<Migration> migrations;  ///< in apply order
    std::vector<std::string> retired;   ///< `*.sql.retired` files, ignored
};

/// Discovers migrations under `root` (a directory) or the given files.
/// Order: version (numeric, component-wise), then id; or the order file when given.
/// Only regular files are read: other entries are skipped and reported (options.warn).
/// options.setup files are left out and options.no_transaction files marked.
/// Throws core::Error when a given path does not exist, is no directory nor regular file,
/// or cannot be read.
MigrationSet discover(const std::vector<std::filesystem::path>& paths, const DiscoverOptions& options);

/// A migration from bytes already in memory (e.g. a git blob): version, name, checksum,
/// naming and directives as discover() computes them. `path` is where it lives (or would).
Migration make_migration(std::filesystem::path path, std::string id, std::string text, const Naming& naming);

/// A migration whose checksum and directives are known already (from the checksum index):
/// as make_migration, with no text, and nothing read, hashed or scanned.
Migration known_migration(std::filesystem::path path, std::string id, std::string checksum, Directives directives,
                          const Naming& naming);

/// The naming preset of a migrations directory, from its entries' paths relative to it
/// ("0001_a.sql", "20230101000000_init/migration.sql"): prisma / diesel folders, else
/// golang-migrate (.up.sql), flyway (V..__), timestamp (14 digits), else "default".
std::string detect_preset(const std::vector<std::string>& entries);

/// True when a file named `name`, directly in the migrations directory, is a migration
/// under `naming`: a .sql file, not .down.sql nor a Flyway undo file (U<version>__, preset
/// flyway), and .up.sql for golang-migrate.
bool is_flat_migration(std::string_view name, const Naming& naming);

/// The paths of an order file with their 1-based line numbers; `#` comments and blank
/// lines dropped, surrounding blanks trimmed.
std::vector<std::pair<int, std::string>> parse_order_file(std::string_view text);

/// Sorts into apply order: version (compare_versions), then id.
void sort_migrations(std::vector<Migration>& migrations);

/// Compares two versions numerically, component by component ("2" < "10", "1.2" < "1.10");
/// all-digit versions of 14 digits or more (timestamps) compare as strings.
int compare_versions(const std::string& a, const std::string& b);

/// `path` as reports show it: relative to the current directory when below it, '/' separators.
std::string display_path(const std::filesystem::path& path);

}  // namespace core
