#include "tmpfs.hpp"

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace runner_test {

Tmpfs::Tmpfs(std::size_t mebibytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "schemagate-tmpfs-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        m_why = std::string("mkdtemp: ") + std::strerror(errno);
        return;
    }
    m_path = pattern;
    std::string options = "size=" + std::to_string(mebibytes) + "m,mode=1777";
    if (mount("tmpfs", m_path.c_str(), "tmpfs", 0, options.c_str()) != 0) {
        m_why = std::string("mount: ") + std::strerror(errno);
        return;
    }
    m_mounted = true;
}

Tmpfs::~Tmpfs() {
    if (m_mounted) { umount2(m_path.c_str(), MNT_DETACH); }
    std::error_code ec;
    if (!m_path.empty()) { std::filesystem::remove(m_path, ec); }
}

}  // namespace runner_test
