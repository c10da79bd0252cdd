#include "core/file.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace core {

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

}  // namespace core
