#include "runner/binaries.hpp"

#include "core/error.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>

namespace fs = std::filesystem;

namespace runner {
namespace {

bool has_server(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "initdb", ec) && fs::is_regular_file(dir / "postgres", ec);
}

fs::path pg_config_bindir() {
    std::string out = output_of({"pg_config", "--bindir"}).value_or("");
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) { out.pop_back(); }
    return out;
}

// The <root>/<N>/bin with the highest N that holds a server.
fs::path newest_in(const fs::path& root) {
    std::error_code ec;
    int best = -1;
    fs::path found;
    for (const fs::directory_entry& entry : fs::directory_iterator(root, ec)) {
        int version = std::atoi(entry.path().filename().c_str());
        if (version > best && has_server(entry.path() / "bin")) {
            best = version;
            found = entry.path() / "bin";
        }
    }
    return found;
}

fs::path resolved(const fs::path& dir) {
    std::error_code ec;
    fs::path resolved = fs::canonical(dir, ec);
    return ec ? dir : resolved;
}

std::string octal(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

// "" when the uid/gid has every bit of `wanted` (a mask of S_IROTH/S_IWOTH/S_IXOTH) on `path`.
std::string missing_permission(const fs::path& path, const User& user, unsigned wanted) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) { return path.string() + " does not exist"; }
    unsigned shift = st.st_uid == user.uid ? 6 : st.st_gid == user.gid ? 3 : 0;
    if (((st.st_mode >> shift) & wanted) == wanted) { return ""; }
    return path.string() + " is mode " + octal(st.st_mode) + ", owner uid " + std::to_string(st.st_uid) +
           ", group gid " + std::to_string(st.st_gid);
}

}  // namespace

fs::path user_postgres_root() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
        return fs::path(xdg) / "schemagate" / "postgresql";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : "/nonexistent") / ".local" / "share" / "schemagate" /
           "postgresql";
}

std::string version_text(int num) {
    if (num >= 100000) { return std::to_string(num / 10000) + "." + std::to_string(num % 10000); }
    return std::to_string(num / 10000) + "." + std::to_string(num / 100 % 100) + "." + std::to_string(num % 100);
}

int major_of_version(const std::string& version) { return std::atoi(version.c_str()); }

std::optional<std::string> binaries_version(const fs::path& bindir) {
    static std::mutex mutex;
    static std::map<fs::path, std::optional<std::string>> known;
    std::lock_guard lock(mutex);
    if (auto it = known.find(bindir); it != known.end()) { return it->second; }
    std::string out = output_of({(bindir / "postgres").string(), "--version"}).value_or("");
    static const std::regex k_version(R"(\(PostgreSQL\) (\d+(\.\d+)*))");
    std::smatch match;
    std::optional<std::string> version;
    if (std::regex_search(out, match, k_version)) { version = match[1].str(); }
    known[bindir] = version;
    return version;
}

fs::path find_bindir(const fs::path& explicit_dir, int version) {
    std::string wanted = "PostgreSQL " + std::to_string(version);
    // A directory named by the user: it must hold a server, of the configured major.
    auto checked = [&](const fs::path& dir, const std::string& source) {
        if (!has_server(dir)) {
            throw core::Error(source + " " + dir.string() +
                              " holds no initdb and postgres: point it at a PostgreSQL bin directory");
        }
        fs::path found = resolved(dir);
        std::optional<std::string> have = binaries_version(found);
        if (version > 0 && (!have || major_of_version(*have) != version)) {
            throw core::Error("postgres.version is " + std::to_string(version) + " but " + source + " " + dir.string() +
                              " holds " + (have ? "PostgreSQL " + *have : "a postgres whose --version cannot be read") +
                              ": point it at " + wanted + "'s binaries or set postgres.version to " +
                              (have ? std::to_string(major_of_version(*have)) : "its major"));
        }
        return found;
    };
    if (!explicit_dir.empty()) { return checked(explicit_dir, "--pg-bindir"); }
    if (const char* env = std::getenv("SCHEMAGATE_PG_BINDIR"); env != nullptr && *env != '\0') {
        return checked(env, "SCHEMAGATE_PG_BINDIR");
    }
    fs::path user_root = user_postgres_root();
    if (version > 0) {
        std::string major = std::to_string(version);
        for (int source = 0; source < 3; ++source) {  // pg_config runs only when needed
            fs::path dir = source == 0   ? fs::path("/usr/lib/postgresql") / major / "bin"
                           : source == 1 ? pg_config_bindir()
                                         : user_root / major / "bin";
            if (dir.empty() || !has_server(dir)) { continue; }
            fs::path found = resolved(dir);
            std::optional<std::string> have = binaries_version(found);
            if (have && major_of_version(*have) == version) { return found; }
        }
        throw core::Error("postgres.version " + major + ": no " + wanted +
                          " server binaries (initdb, postgres) in /usr/lib/postgresql/" + major +
                          "/bin, pg_config --bindir or " + (user_root / major / "bin").string() +
                          ": run scripts/install-postgres.sh " + major + " (or install postgresql-" + major +
                          "), or pass --pg-bindir");
    }
    // Debian's pg_config is a shell wrapper (4 processes, 60-150 ms) that answers with the
    // newest /usr/lib/postgresql/N/bin too: it runs only when that directory holds none.
    if (fs::path dir = newest_in("/usr/lib/postgresql"); !dir.empty()) { return resolved(dir); }
    if (fs::path dir = pg_config_bindir(); !dir.empty() && has_server(dir)) { return resolved(dir); }
    if (fs::path dir = newest_in(user_root); !dir.empty()) { return resolved(dir); }
    throw core::Error(
        "no PostgreSQL server binaries found (initdb, postgres): install postgresql-15, "
        "run scripts/install-postgres.sh <major>, or pass --pg-bindir / set SCHEMAGATE_PG_BINDIR");
}

std::string why_user_cannot_run(const fs::path& file, const User& user) {
    fs::path absolute = fs::absolute(file);
    fs::path dir = absolute.root_path();
    for (const fs::path& part : absolute.parent_path().relative_path()) {
        dir /= part;
        if (std::string why = missing_permission(dir, user, S_IXOTH); !why.empty()) { return why; }
    }
    return missing_permission(absolute, user, S_IROTH | S_IXOTH);
}

void check_runnable_by(const fs::path& bindir, const User& user) {
    std::error_code ec;
    std::vector<fs::path> needed = {bindir / "initdb", bindir / "postgres"};
    for (const char* sibling : {"lib", "share"}) {
        if (fs::is_directory(bindir.parent_path() / sibling, ec)) { needed.push_back(bindir.parent_path() / sibling); }
    }
    for (const fs::path& file : needed) {
        if (std::string why = why_user_cannot_run(file, user); !why.empty()) {
            throw core::Error("the PostgreSQL server runs as user " + user.name +
                              " (schemagate runs as root), who cannot use " + file.string() + ": " + why +
                              ": install PostgreSQL outside /root and other private "
                              "directories (scripts/install-postgres.sh does, as root) or make it readable by " +
                              user.name);
        }
    }
}

}  // namespace runner
