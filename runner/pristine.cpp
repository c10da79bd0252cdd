#include "runner/pristine.hpp"

#include "core/error.hpp"
#include "runner/failure.hpp"
#include "runner/local_cluster.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace runner {
namespace {

// Bump when the initdb options change: old entries are then simply not used.
constexpr const char* k_initdb_format = "3:tar:-U postgres --auth=trust -E UTF8 --locale=C --wal-segsize=1";

constexpr auto k_max_unused = std::chrono::hours(24 * 30);

std::string binary_identity(const fs::path& file) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0) { return file.string(); }
    return file.filename().string() + ':' + std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.' +
           std::to_string(st.st_mtim.tv_nsec);
}

std::string major_of(const fs::path& bindir) {
    std::smatch match;
    std::string text = bindir.string();
    static const std::regex k_versioned(R"(postgresql/(\d+)/bin/?$)");
    return std::regex_search(text, match, k_versioned) ? match[1].str() : "pg";
}

void run_initdb(const fs::path& bindir, const fs::path& data_dir, const std::optional<User>& user,
                const fs::path& log) {
    SpawnOptions spawn;
    spawn.argv = {(bindir / "initdb").string(),
                  "-D",
                  data_dir.string(),
                  "-U",
                  "postgres",
                  "--auth=trust",
                  "-E",
                  "UTF8",
                  "--locale=C",
                  "--no-sync",
                  "--wal-segsize=1"};
    spawn.log = log;
    spawn.cwd = data_dir.parent_path();
    spawn.user = user;
    spawn.death_signal = SIGTERM;  // initdb removes its half-made directory on SIGTERM
    int code = run_to_completion(spawn);
    if (std::string full = disk_full_line(log); code != 0 && !full.empty()) {
        throw DiskFull("initdb failed: " + full);
    }
    if (code != 0) {
        std::string tail = tail_of(log, 8);
        std::replace(tail.begin(), tail.end(), '\n', ' ');
        throw core::Error("initdb failed (exit " + std::to_string(code) + "): " + tail +
                          ": check the PostgreSQL installation or pass --pg-bindir");
    }
}

// An entry is an uncompressed pax archive: the tree's directories, regular files and
// symlinks with their permissions (not owners), parents before children, and the root "./"
// last: a tar cut at an entry boundary reads as a shorter valid tar, so an archive whose
// last entry is not the root is truncated.
using ReadArchive = std::unique_ptr<archive, decltype(&archive_read_free)>;
using WriteArchive = std::unique_ptr<archive, decltype(&archive_write_free)>;
using Entry = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

[[noreturn]] void fail(const std::string& what, const fs::path& path, archive* a) {
    const char* why = a ? archive_error_string(a) : nullptr;
    if ((a ? archive_errno(a) : errno) == ENOSPC) {
        throw DiskFull("cannot " + what + " " + path.string() + ": " + std::strerror(ENOSPC));
    }
    throw core::Error("cannot " + what + " " + path.string() + ": " + (why ? why : std::strerror(errno)));
}

void pack_entry(archive* out, archive_entry* entry, const fs::path& source, const std::string& name,
                const fs::path& tar) {
    struct stat st {};
    if (lstat(source.c_str(), &st) != 0) { fail("read", source, nullptr); }
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) { return; }  // nothing initdb makes
    archive_entry_clear(entry);
    archive_entry_copy_pathname(entry, name.c_str());
    archive_entry_set_mode(entry, st.st_mode & (S_IFMT | 07777));
    archive_entry_set_mtime(entry, st.st_mtim.tv_sec, 0);
    archive_entry_set_size(entry, S_ISREG(st.st_mode) ? st.st_size : 0);
    if (S_ISLNK(st.st_mode)) { archive_entry_copy_symlink(entry, fs::read_symlink(source).c_str()); }
    if (archive_write_header(out, entry) != ARCHIVE_OK) { fail("write", tar, out); }
    if (!S_ISREG(st.st_mode)) { return; }
    std::ifstream in(source, std::ios::binary);
    std::vector<char> buffer(1 << 16);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        if (archive_write_data(out, buffer.data(), static_cast<std::size_t>(in.gcount())) != in.gcount()) {
            fail("write", tar, out);
        }
    }
    if (!in.eof()) { fail("read", source, nullptr); }
}

// Refuses what a pristine data directory never holds and what could write outside `to`:
// absolute names, hard links and special files (libarchive refuses "..", and paths through
// symlinks, itself).
void check_entry(archive_entry* entry, const fs::path& tar) {
    const char* name = archive_entry_pathname(entry);
    mode_t type = archive_entry_filetype(entry);
    if (!name || name[0] == '\0' || name[0] == '/' || archive_entry_hardlink(entry) ||
        (type != AE_IFDIR && type != AE_IFREG && type != AE_IFLNK)) {
        throw core::Error("cannot read " + tar.string() + ": unexpected entry " + (name ? name : "without a name"));
    }
}

void copy_data(archive* in, archive* out, const fs::path& tar, const fs::path& target) {
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    int status = ARCHIVE_OK;
    while ((status = archive_read_data_block(in, &block, &size, &offset)) == ARCHIVE_OK) {
        if (archive_write_data_block(out, block, size, offset) != ARCHIVE_OK) { fail("write", target, out); }
    }
    if (status != ARCHIVE_EOF) { fail("read", tar, in); }
}

void sweep_stale_staging(const fs::path& dir) {
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        std::size_t mark = name.find(".tmp-");
        if (name.rfind("pristine-", 0) != 0 || mark == std::string::npos) { continue; }
        long pid = std::strtol(name.c_str() + mark + 5, nullptr, 10);
        if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) { fs::remove_all(entry.path(), ec); }
    }
}

fs::path bindir_file(const fs::path& entry) { return fs::path(entry).replace_extension(".bindir"); }

std::string hex_hash(const std::string& text) {
    std::ostringstream hex;
    hex << std::hex << std::hash<std::string>{}(text);
    return hex.str();
}

// The tar, then its .bindir file: an entry is complete when its tar exists.
void remove_entry(const fs::path& entry) {
    std::error_code ec;
    fs::remove(entry, ec);
    fs::remove(bindir_file(entry), ec);
}

void publish(const fs::path& data_dir, const fs::path& entry, const fs::path& bindir) {
    std::error_code ec;
    fs::create_directories(entry.parent_path(), ec);
    sweep_stale_staging(entry.parent_path());  // left by runs killed while publishing
    std::random_device random;
    fs::path staging = entry.string() + ".tmp-" + std::to_string(getpid()) + '-' + std::to_string(random());
    try {
        std::ofstream(staging) << bindir.string() << '\n';
        fs::rename(staging, bindir_file(entry), ec);
        pack_tree(data_dir, staging);
        fs::rename(staging, entry, ec);  // atomic: readers see the old archive or the new one
    } catch (const std::exception&) {
        // the cache is only an optimisation
    }
    fs::remove(staging, ec);
}

// "<dir hash>" of "pristine-<major>-<dir hash>-<binaries hash>.tar"; "" for other names.
std::string directory_hash(const std::string& name) {
    std::size_t first = name.find('-');
    std::size_t second = name.find('-', first + 1);
    std::size_t third = second == std::string::npos ? second : name.find('-', second + 1);
    return third == std::string::npos ? "" : name.substr(second + 1, third - second - 1);
}

// Unpacking counts as a use: the entry's mtime is when it was last used.
void touch(const fs::path& entry) {
    std::error_code ec;
    fs::last_write_time(entry, fs::file_time_type::clock::now(), ec);
}

}  // namespace

fs::path pristine_entry(const fs::path& bindir) {
    std::string identity = std::string(k_initdb_format) + '|' + binary_identity(bindir / "initdb") + '|' +
                           binary_identity(bindir / "postgres");
    return cache_root() /
           ("pristine-" + major_of(bindir) + '-' + hex_hash(bindir.string()) + '-' + hex_hash(identity) + ".tar");
}

void discard_pristine_entry(const fs::path& bindir) { remove_entry(pristine_entry(bindir)); }

void sweep_pristine_cache(const fs::path& dir, const fs::path& keep, std::chrono::hours max_unused) {
    std::error_code ec;
    std::string keep_name = keep.filename().string();
    std::string same_dir = directory_hash(keep_name);
    auto now = fs::file_time_type::clock::now();
    for (const fs::directory_entry& file : fs::directory_iterator(dir, ec)) {
        std::string name = file.path().filename().string();
        if (name.rfind("pristine-", 0) != 0 || file.path().extension() != ".tar" || name == keep_name) { continue; }
        std::ifstream in(bindir_file(file.path()));
        std::string bindir;
        bool vanished = !std::getline(in, bindir) || !fs::exists(fs::path(bindir) / "postgres", ec);
        auto unused = now - fs::last_write_time(file.path(), ec);
        if (vanished || ec || unused > max_unused || (!same_dir.empty() && directory_hash(name) == same_dir)) {
            remove_entry(file.path());
        }
    }
}

bool make_data_dir(const fs::path& bindir, const fs::path& data_dir, const std::optional<User>& user,
                   const fs::path& log, bool use_cache) {
    auto started = std::chrono::steady_clock::now();
    fs::path entry = use_cache ? pristine_entry(bindir) : fs::path();
    std::error_code ec;
    if (use_cache) { sweep_pristine_cache(entry.parent_path(), entry, k_max_unused); }
    if (use_cache && fs::exists(entry, ec)) {
        try {
            unpack_tree(entry, data_dir, user);
            touch(entry);
            trace("unpack pristine", started);
            return true;
        } catch (const DiskFull&) {
            throw;  // not a damaged entry: initdb would not fit either
        } catch (const std::exception&) {
            fs::remove_all(data_dir, ec);  // a damaged entry: initdb, and replace it
        }
    }
    run_initdb(bindir, data_dir, user, log);
    trace("initdb", started);
    if (use_cache) {
        publish(data_dir, entry, bindir);
        trace("initdb + publish", started);
    }
    return false;
}

void pack_tree(const fs::path& root, const fs::path& tar) {
    WriteArchive out(archive_write_new(), archive_write_free);
    Entry entry(archive_entry_new(), archive_entry_free);
    if (!out || !entry || archive_write_set_format_pax_restricted(out.get()) != ARCHIVE_OK ||
        archive_write_add_filter_none(out.get()) != ARCHIVE_OK ||
        archive_write_open_filename(out.get(), tar.c_str()) != ARCHIVE_OK) {
        fail("create", tar, out.get());
    }
    for (const fs::directory_entry& file : fs::recursive_directory_iterator(root)) {
        pack_entry(out.get(), entry.get(), file.path(), file.path().lexically_relative(root).string(), tar);
    }
    pack_entry(out.get(), entry.get(), root, ".", tar);
    if (archive_write_close(out.get()) != ARCHIVE_OK) { fail("write", tar, out.get()); }
}

void unpack_tree(const fs::path& tar, const fs::path& to, const std::optional<User>& owner) {
    if (mkdir(to.c_str(), 0700) != 0 || (owner && chown(to.c_str(), owner->uid, owner->gid) != 0)) {
        fail("create", to, nullptr);
    }
    fs::path base = fs::canonical(to);  // SECURE_SYMLINKS refuses any symlink on the way, even above `to`
    ReadArchive in(archive_read_new(), archive_read_free);
    WriteArchive out(archive_write_disk_new(), archive_write_free);
    int options = ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
                  (owner ? ARCHIVE_EXTRACT_OWNER : 0);
    if (!in || !out || archive_read_support_format_tar(in.get()) != ARCHIVE_OK ||
        archive_write_disk_set_options(out.get(), options) != ARCHIVE_OK ||
        archive_read_open_filename(in.get(), tar.c_str(), 1 << 20) != ARCHIVE_OK) {
        fail("open", tar, in.get());
    }
    archive_entry* entry = nullptr;
    std::string last;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(in.get(), &entry)) == ARCHIVE_OK) {
        check_entry(entry, tar);
        last = archive_entry_pathname(entry);
        fs::path target = base / last;
        archive_entry_copy_pathname(entry, target.c_str());
        if (owner) {
            archive_entry_set_uid(entry, owner->uid);
            archive_entry_set_gid(entry, owner->gid);
        }
        if (archive_write_header(out.get(), entry) != ARCHIVE_OK) { fail("create", target, out.get()); }
        copy_data(in.get(), out.get(), tar, target);
        if (archive_write_finish_entry(out.get()) != ARCHIVE_OK) { fail("write", target, out.get()); }
    }
    if (status != ARCHIVE_EOF) { fail("read", tar, in.get()); }
    if (last != "./" && last != ".") { throw core::Error("cannot read " + tar.string() + ": truncated"); }
    if (archive_write_close(out.get()) != ARCHIVE_OK) { fail("write", to, out.get()); }
}

}  // namespace runner
