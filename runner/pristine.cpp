#include "runner/pristine.hpp"

#include "core/error.hpp"
#include "runner/local_cluster.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <random>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace runner {
namespace {

// Bump when the initdb options change: old entries are then simply not used.
constexpr const char* k_initdb_format = "1:-U postgres --auth=trust -E UTF8 --locale=C --wal-segsize=1";

std::string binary_identity(const fs::path& file) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0) { return file.string(); }
    return file.string() + ':' + std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.' +
           std::to_string(st.st_mtim.tv_nsec);
}

std::string major_of(const fs::path& bindir) {
    std::smatch match;
    std::string text = bindir.string();
    static const std::regex k_versioned(R"(postgresql/(\d+)/bin/?$)");
    return std::regex_search(text, match, k_versioned) ? match[1].str() : "pg";
}

void run_initdb(const fs::path& bindir, const fs::path& data_dir, const std::optional<User>& user, const fs::path& log) {
    SpawnOptions spawn;
    spawn.argv = {(bindir / "initdb").string(), "-D", data_dir.string(), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C", "--no-sync", "--wal-segsize=1"};
    spawn.log = log;
    spawn.cwd = data_dir.parent_path();
    spawn.user = user;
    spawn.death_signal = SIGTERM;  // initdb removes its half-made directory on SIGTERM
    int code = run_to_completion(spawn);
    if (code != 0) {
        throw core::Error("initdb failed (exit " + std::to_string(code) + "): " + tail_of(log, 8) +
                          ": check the PostgreSQL installation or pass --pg-bindir");
    }
}

void publish(const fs::path& data_dir, const fs::path& entry) {
    std::error_code ec;
    fs::create_directories(entry.parent_path(), ec);
    std::random_device random;
    fs::path staging = entry.string() + ".tmp-" + std::to_string(getpid()) + '-' + std::to_string(random());
    try {
        copy_tree(data_dir, staging);
        fs::rename(staging, entry, ec);  // fails when another run published first: fine
    } catch (const std::exception&) {
        // the cache is only an optimisation
    }
    fs::remove_all(staging, ec);
}

// copy_file_range: the kernel copies (or clones) without a trip through user space.
void copy_file(const fs::path& from, const fs::path& to, const struct stat& st) {
    int in = open(from.c_str(), O_RDONLY | O_CLOEXEC);
    int out = open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 07777);
    bool ok = in >= 0 && out >= 0;
    for (off_t left = st.st_size; ok && left > 0;) {
        ssize_t n = copy_file_range(in, nullptr, out, nullptr, static_cast<std::size_t>(left), 0);
        if (n <= 0) {
            ok = false;
        } else {
            left -= n;
        }
    }
    int saved = errno;
    if (in >= 0) { close(in); }
    if (out >= 0) { close(out); }
    if (!ok) { throw core::Error("cannot copy " + from.string() + ": " + std::strerror(saved)); }
}

}  // namespace

fs::path pristine_entry(const fs::path& bindir) {
    std::string identity = std::string(k_initdb_format) + '|' + binary_identity(bindir / "initdb") + '|' +
                           binary_identity(bindir / "postgres");
    std::ostringstream hex;
    hex << std::hex << std::hash<std::string>{}(identity);
    return cache_root() / ("pristine-" + major_of(bindir) + '-' + hex.str());
}

bool make_data_dir(const fs::path& bindir, const fs::path& data_dir, const std::optional<User>& user, const fs::path& log,
                   bool use_cache) {
    fs::path entry = use_cache ? pristine_entry(bindir) : fs::path();
    std::error_code ec;
    if (use_cache && fs::exists(entry / "PG_VERSION", ec)) {
        copy_tree(entry, data_dir);
        if (user) { chown_tree(data_dir, *user); }
        return true;
    }
    run_initdb(bindir, data_dir, user, log);
    if (use_cache) { publish(data_dir, entry); }
    return false;
}

void copy_tree(const fs::path& from, const fs::path& to) {
    struct stat root {};
    if (stat(from.c_str(), &root) != 0 || mkdir(to.c_str(), root.st_mode & 07777) != 0) {
        throw core::Error("cannot copy " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
    }
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(from)) {
        fs::path target = to / entry.path().lexically_relative(from);
        struct stat st {};
        if (lstat(entry.path().c_str(), &st) != 0) { throw core::Error("cannot read " + entry.path().string()); }
        if (S_ISDIR(st.st_mode)) {
            if (mkdir(target.c_str(), st.st_mode & 07777) != 0) { throw core::Error("cannot create " + target.string()); }
        } else if (S_ISLNK(st.st_mode)) {
            fs::copy_symlink(entry.path(), target);
        } else if (S_ISREG(st.st_mode)) {
            copy_file(entry.path(), target, st);
        }
    }
}

void chown_tree(const fs::path& root, const User& user) {
    auto change = [&](const fs::path& path) {
        if (lchown(path.c_str(), user.uid, user.gid) != 0) {
            throw core::Error("cannot give " + path.string() + " to user " + user.name + ": " + std::strerror(errno));
        }
    };
    change(root);
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) { change(entry.path()); }
}

}  // namespace runner
