#include "tool.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace e2e {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Outcome schemagate(const std::string& args, const fs::path& cwd) { return run("'" SCHEMAGATE_BINARY "' " + args, cwd); }

Outcome run(const std::string& command_line, const fs::path& cwd) {
    fs::path err = fs::temp_directory_path() / ("sg-e2e-err-" + std::to_string(getpid()));
    std::string command = "cd '" + cwd.string() + "' && " + command_line + " 2>'" + err.string() + "'";
    Outcome outcome;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
        outcome.out.append(buffer.data(), n);
    }
    int status = pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    outcome.err = slurp(err);
    fs::remove(err);
    return outcome;
}

std::string postgres_processes(const std::string& needle) {
    std::string out;
    FILE* pipe = popen("ps -eo pid,args", "r");
    std::array<char, 4096> line{};
    while (fgets(line.data(), static_cast<int>(line.size()), pipe)) {
        std::string text = line.data();
        if (text.find("postgres") != std::string::npos && text.find(needle) != std::string::npos) { out += text; }
    }
    pclose(pipe);
    return out;
}

}  // namespace e2e
