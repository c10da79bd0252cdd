#include "core/error.hpp"

namespace core {

Error error_at(const std::string& file, int line, int column, const std::string& message) {
    std::string where = file;
    if (line > 0) {
        where += ":" + std::to_string(line);
        if (column > 0) { where += ":" + std::to_string(column); }
    }
    return Error(where + ": " + message);
}

}  // namespace core
