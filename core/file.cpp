#include "core/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>

namespace fs = std::filesystem;

namespace core {

namespace {

// Reads `fd` to its end and closes it; nullopt on a read error. `size`: what fstat gave,
// read in one call; a read that stops at exactly that size is the end (the file did not
// grow), so a whole small file costs a single read(2). Beyond it, or short of it, chunks
// until read(2) returns 0. `padding` zero bytes stay allocated past the end (capacity).
std::optional<std::string> read_all(int fd, std::size_t size, std::size_t padding) {
    std::string bytes(size + 1 + padding, '\0');
    std::size_t have = 0;
    for (;;) {
        std::size_t room = bytes.size() - padding;
        if (have == room) { bytes.resize(bytes.size() + std::max<std::size_t>(room, 65536)); }
        room = bytes.size() - padding;
        ssize_t n = ::read(fd, bytes.data() + have, room - have);
        if (n > 0) {
            have += static_cast<std::size_t>(n);
            if (have == size && have + 1 == room) { break; }
        } else if (n == 0 || errno != EINTR) {
            if (n < 0) {
                ::close(fd);
                return std::nullopt;
            }
            break;
        }
    }
    ::close(fd);
    bytes.resize(have);
    return bytes;
}

// The size fstat gives a regular file, 0 otherwise (a pipe, /proc: read until the end).
std::size_t regular_size(int fd) {
    struct stat info {};
    return ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0;
}

}  // namespace

std::optional<std::string> read_file(const fs::path& path, std::size_t padding) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) { return std::nullopt; }
    return read_all(fd, regular_size(fd), padding);
}

std::optional<std::string> read_regular_file(const fs::path& path, bool stat_checked) {
    struct stat info {};
    if (!stat_checked && (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))) { return std::nullopt; }
    // O_NONBLOCK: should a FIFO replace the file after the stat, open() does not wait for a
    // writer; fstat then sees it. (The flag changes nothing for a regular file.)
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { return std::nullopt; }
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    return read_all(fd, static_cast<std::size_t>(info.st_size), 0);
}

FileKind file_kind(const fs::path& path) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec == std::errc::too_many_symbolic_link_levels) { return FileKind::link_loop; }
    switch (status.type()) {
        case fs::file_type::regular: return FileKind::regular;
        case fs::file_type::directory: return FileKind::directory;
        case fs::file_type::fifo: return FileKind::fifo;
        case fs::file_type::character: return FileKind::character_device;
        case fs::file_type::block: return FileKind::block_device;
        case fs::file_type::socket: return FileKind::socket;
        case fs::file_type::not_found: return fs::is_symlink(path, ec) ? FileKind::dangling_link : FileKind::missing;
        default: return FileKind::other;
    }
}

std::string_view describe(FileKind kind) {
    switch (kind) {
        case FileKind::regular: return "a regular file";
        case FileKind::directory: return "a directory";
        case FileKind::fifo: return "a FIFO";
        case FileKind::character_device: return "a character device";
        case FileKind::block_device: return "a block device";
        case FileKind::socket: return "a socket";
        case FileKind::link_loop: return "a symbolic link loop";
        case FileKind::dangling_link: return "a dangling symbolic link";
        case FileKind::missing: return "missing";
        case FileKind::other: break;
    }
    return "not a regular file";
}

bool write_file_atomically(const fs::path& path, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fs::path temp = path;
    temp += ".tmp." + std::to_string(getpid());
    {
        std::ofstream file(temp, std::ios::binary);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!file.flush()) {
            fs::remove(temp, ec);
            return false;
        }
    }
    fs::rename(temp, path, ec);
    if (ec) { fs::remove(temp, ec); }
    return !ec;
}

std::optional<std::string_view> plain_relative_path(std::string_view path) {
    while (path.starts_with("./")) { path.remove_prefix(2); }
    if (path.empty() || path.front() == '/') { return std::nullopt; }
    for (std::size_t begin = 0; begin <= path.size();) {
        std::size_t end = std::min(path.find('/', begin), path.size());
        std::string_view step = path.substr(begin, end - begin);
        if (step.empty() || step == "." || step == "..") { return std::nullopt; }
        begin = end + 1;
    }
    return path;
}

std::optional<std::string_view> plain_absolute_path(std::string_view path) {
    if (!path.starts_with('/') || !plain_relative_path(path.substr(1)) || path.substr(1).starts_with("./")) {
        return std::nullopt;
    }
    return path;
}

std::string absolute_normal(std::string_view cwd, const fs::path& path) {
    if (plain_absolute_path(path.native())) { return path.native(); }
    std::optional<std::string_view> plain = plain_relative_path(path.native());
    if (!plain || !cwd.starts_with('/')) { return (fs::path(cwd) / path).lexically_normal().string(); }
    std::string absolute(cwd);
    if (!absolute.ends_with('/')) { absolute += '/'; }
    absolute += *plain;
    return absolute;
}

}  // namespace core
