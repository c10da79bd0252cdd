#include "runner/pristine.hpp"

#include "core/error.hpp"
#include "runner/local_cluster.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace runner {
namespace {

// Bump when the initdb options change: old entries are then simply not used.
constexpr const char* k_initdb_format = "2:pack:-U postgres --auth=trust -E UTF8 --locale=C --wal-segsize=1";

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

// A pack is one file: a 64-byte line "schemagate-pack 1 <header bytes> <data bytes>" padded
// with spaces, a header of one line per entry, "<d|f|l> <octal mode> <size> <relative path>"
// (parents before children, "." first), then the contents of the files and the targets of
// the symlinks, in header order.
constexpr const char* k_pack_magic = "schemagate-pack 1";
constexpr std::size_t k_pack_line = 64;

struct PackEntry {
    char kind = 'f';
    mode_t mode = 0;
    off_t size = 0;
    std::string path;
};

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() { if (m_fd >= 0) { close(m_fd); } }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
    throw core::Error("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

// Copies `size` bytes from `in` (at *offset when given) to the end of `out`: copy_file_range
// while `ranged` holds (the kernel copies, or clones, without a trip through user space);
// between file systems that refuse it (EXDEV: cache in $HOME, run directory on tmpfs)
// `ranged` drops to false and sendfile copies.
bool copy_bytes(int in, off_t* offset, int out, off_t size, bool& ranged) {
    for (off_t left = size; left > 0;) {
        auto chunk = static_cast<std::size_t>(left);
        ssize_t n = ranged ? copy_file_range(in, offset, out, nullptr, chunk, 0) : sendfile(out, in, offset, chunk);
        if (n < 0 && ranged && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)) {
            ranged = false;
            continue;
        }
        if (n <= 0) { return false; }
        left -= n;
    }
    return true;
}

void write_all(int fd, const std::string& text, const fs::path& path) {
    for (std::size_t done = 0; done < text.size();) {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) { fail("write", path); }
        done += static_cast<std::size_t>(n);
    }
}

std::string read_exactly(int fd, off_t offset, std::size_t size, const fs::path& path) {
    std::string text(size, '\0');
    for (std::size_t done = 0; done < size;) {
        ssize_t n = pread(fd, text.data() + done, size - done, offset + static_cast<off_t>(done));
        if (n <= 0) { throw core::Error("cannot read " + path.string() + ": truncated or unreadable"); }
        done += static_cast<std::size_t>(n);
    }
    return text;
}

std::vector<PackEntry> list_tree(const fs::path& root) {
    auto entry_of = [](const fs::path& path, std::string relative) {
        struct stat st {};
        if (lstat(path.c_str(), &st) != 0) { fail("read", path); }
        char kind = S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : S_ISREG(st.st_mode) ? 'f' : '?';
        if (relative.find('\n') != std::string::npos) { kind = '?'; }
        off_t size = kind == 'f' ? st.st_size : kind == 'l' ? static_cast<off_t>(fs::read_symlink(path).string().size()) : 0;
        return PackEntry{kind, static_cast<mode_t>(st.st_mode & 07777), size, std::move(relative)};
    };
    std::vector<PackEntry> entries{entry_of(root, ".")};
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
        entries.push_back(entry_of(entry.path(), entry.path().lexically_relative(root).string()));
        if (entries.back().kind == '?') { entries.pop_back(); }  // sockets, fifos: nothing initdb makes
    }
    return entries;
}

std::vector<PackEntry> parse_header(const std::string& header, const fs::path& pack) {
    std::vector<PackEntry> entries;
    std::istringstream lines(header);
    PackEntry entry;
    while (lines >> entry.kind >> std::oct >> entry.mode >> std::dec >> entry.size && lines.get() == ' ' &&
           std::getline(lines, entry.path)) {
        bool escapes = entry.path.empty() || entry.path[0] == '/' || entry.path == ".." || entry.path.rfind("../", 0) == 0 ||
                       entry.path.find("/../") != std::string::npos;
        if (escapes || entry.size < 0 || (entry.kind != 'd' && entry.kind != 'f' && entry.kind != 'l')) { break; }
        entries.push_back(entry);
    }
    if (!lines.eof() || entries.empty() || entries[0].path != "." || entries[0].kind != 'd') {
        throw core::Error("cannot read " + pack.string() + ": not a pack");
    }
    return entries;
}

void give(const fs::path& path, const std::optional<User>& owner) {
    if (owner && lchown(path.c_str(), owner->uid, owner->gid) != 0) { fail("give away", path); }
}

void unpack_file(int pack, off_t* offset, const PackEntry& entry, const fs::path& target, const std::optional<User>& owner,
                 bool& ranged) {
    Fd out(open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, entry.mode));
    if (out.get() < 0 || (owner && fchown(out.get(), owner->uid, owner->gid) != 0)) { fail("create", target); }
    if (!copy_bytes(pack, offset, out.get(), entry.size, ranged)) { fail("write", target); }
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

void publish(const fs::path& data_dir, const fs::path& entry) {
    std::error_code ec;
    fs::create_directories(entry.parent_path(), ec);
    sweep_stale_staging(entry.parent_path());  // left by runs killed while publishing
    std::random_device random;
    fs::path staging = entry.string() + ".tmp-" + std::to_string(getpid()) + '-' + std::to_string(random());
    try {
        pack_tree(data_dir, staging);
        fs::rename(staging, entry, ec);  // atomic: readers see the old pack or the new one
    } catch (const std::exception&) {
        // the cache is only an optimisation
    }
    fs::remove(staging, ec);
}

}  // namespace

fs::path pristine_entry(const fs::path& bindir) {
    std::string identity = std::string(k_initdb_format) + '|' + binary_identity(bindir / "initdb") + '|' +
                           binary_identity(bindir / "postgres");
    std::ostringstream hex;
    hex << std::hex << std::hash<std::string>{}(identity);
    return cache_root() / ("pristine-" + major_of(bindir) + '-' + hex.str() + ".pack");
}

bool make_data_dir(const fs::path& bindir, const fs::path& data_dir, const std::optional<User>& user, const fs::path& log,
                   bool use_cache) {
    auto started = std::chrono::steady_clock::now();
    fs::path entry = use_cache ? pristine_entry(bindir) : fs::path();
    std::error_code ec;
    if (use_cache && fs::exists(entry, ec)) {
        try {
            unpack_tree(entry, data_dir, user);
            trace("unpack pristine", started);
            return true;
        } catch (const std::exception&) {
            fs::remove_all(data_dir, ec);  // a damaged entry: initdb, and replace it
        }
    }
    run_initdb(bindir, data_dir, user, log);
    trace("initdb", started);
    if (use_cache) {
        publish(data_dir, entry);
        trace("initdb + publish", started);
    }
    return false;
}

void pack_tree(const fs::path& root, const fs::path& pack) {
    std::vector<PackEntry> entries = list_tree(root);
    std::string header;
    off_t data = 0;
    for (const PackEntry& entry : entries) {
        std::ostringstream line;
        line << entry.kind << ' ' << std::oct << entry.mode << std::dec << ' ' << entry.size << ' ' << entry.path << '\n';
        header += line.str();
        data += entry.size;
    }
    std::string first = std::string(k_pack_magic) + ' ' + std::to_string(header.size()) + ' ' + std::to_string(data);
    first.resize(k_pack_line - 1, ' ');
    Fd out(open(pack.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (out.get() < 0) { fail("create", pack); }
    write_all(out.get(), first + '\n' + header, pack);
    bool ranged = true;
    for (const PackEntry& entry : entries) {
        fs::path source = root / entry.path;
        if (entry.kind == 'l') {
            write_all(out.get(), fs::read_symlink(source).string(), pack);
        } else if (entry.kind == 'f') {
            Fd in(open(source.c_str(), O_RDONLY | O_CLOEXEC));
            if (in.get() < 0 || !copy_bytes(in.get(), nullptr, out.get(), entry.size, ranged)) { fail("pack", source); }
        }
    }
}

void unpack_tree(const fs::path& pack, const fs::path& to, const std::optional<User>& owner) {
    Fd in(open(pack.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    if (in.get() < 0 || fstat(in.get(), &st) != 0) { fail("open", pack); }
    std::istringstream first(read_exactly(in.get(), 0, k_pack_line, pack));
    std::string magic, version;
    std::size_t header_size = 0;
    off_t data_size = 0;
    first >> magic >> version >> header_size >> data_size;
    if (magic + ' ' + version != k_pack_magic || header_size > static_cast<std::size_t>(st.st_size) || data_size < 0 ||
        st.st_size != static_cast<off_t>(k_pack_line + header_size) + data_size) {
        throw core::Error("cannot read " + pack.string() + ": not a pack, or truncated");
    }
    std::vector<PackEntry> entries = parse_header(read_exactly(in.get(), k_pack_line, header_size, pack), pack);
    off_t offset = static_cast<off_t>(k_pack_line + header_size);
    bool ranged = true;
    for (const PackEntry& entry : entries) {
        fs::path target = entry.path == "." ? to : to / entry.path;
        if (entry.kind == 'd') {
            if (mkdir(target.c_str(), entry.mode) != 0) { fail("create", target); }
            give(target, owner);
        } else if (entry.kind == 'l') {
            std::string link = read_exactly(in.get(), offset, static_cast<std::size_t>(entry.size), pack);
            offset += entry.size;
            if (symlink(link.c_str(), target.c_str()) != 0) { fail("create", target); }
            give(target, owner);
        } else {
            unpack_file(in.get(), &offset, entry, target, owner, ranged);
        }
    }
}

}  // namespace runner
