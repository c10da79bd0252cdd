#include "cli/app.hpp"

#include "core/error.hpp"
#include "core/secrets.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace cli {
namespace {

// On exit 2 the machine-read formats asked for on stdout still answer: `json` a document
// whose verdict is "error", `github` an ::error:: workflow command.
void tool_error_for_formats(int argc, char** argv, const std::string& message) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string format = arg == "--format" && i + 1 < argc ? argv[i + 1]
                             : arg.starts_with("--format=") ? std::string(arg.substr(9)) : "";
        std::string_view after = i + 2 < argc ? argv[i + 2] : "";
        if (format.empty() || after == "--output" || after.starts_with("--output=")) { continue; }
        if (format == "json") {
            nlohmann::json doc = {{"tool", {{"name", "schemagate"}, {"version", SCHEMAGATE_VERSION}}},
                                  {"verdict", "error"}, {"error", message}};
            std::cout << doc.dump(2) << "\n";
        } else if (format == "github") {
            std::string escaped;
            for (char c : message) {
                escaped += c == '%' ? "%25" : c == '\r' ? "%0D" : c == '\n' ? "%0A" : std::string(1, c);
            }
            std::cout << "::error title=schemagate::" << escaped << "\n";
        }
    }
}

}  // namespace

int real_main(int argc, char** argv, std::initializer_list<AddCommand> commands, int (*elsewhere)(char** argv)) {
    CLI::App app{"schemagate: stops bad PostgreSQL migrations before they reach production", "schemagate"};
    app.set_version_flag("--version", "schemagate " SCHEMAGATE_VERSION);
    app.require_subcommand(1, 1);
    int exit_code = k_exit_pass;
    for (AddCommand add : commands) { add(app, exit_code); }
    if (elsewhere != nullptr) {
        std::string_view first = argc > 1 ? argv[1] : "";
        auto named = [&](CLI::App* command) { return command->check_name(std::string(first)); };
        if (first != "--version" && app.get_subcommands(named).empty()) { return elsewhere(argv); }
    }
    // Before anything can fail: every message on the way out is redacted.
    core::remember_secrets(argc, argv, elsewhere == nullptr);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::ostringstream out;
        std::ostringstream err;
        int code = app.exit(e, out, err);
        std::cout << core::redact_known(out.str());
        std::cerr << core::redact_known(err.str());
        return code == 0 ? k_exit_pass : k_exit_error;
    } catch (const core::Error& e) {
        std::string message = core::redact_known(e.what());
        std::cerr << "schemagate: error: " << message << "\n";
        tool_error_for_formats(argc, argv, message);
        return k_exit_error;
    } catch (const std::exception& e) {
        std::cerr << "schemagate: internal error: " << core::redact_known(e.what()) << " (please report it)\n";
        return k_exit_error;
    }
    return exit_code;
}

int exec_full_cli(char** argv) {
    std::error_code error;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    std::filesystem::path full = self.parent_path() / "schemagate-db";
    if (!error) {
        execv(full.c_str(), argv);
        error.assign(errno, std::generic_category());
    }
    std::cerr << "schemagate: error: cannot run " << full.string() << ": " << error.message()
              << " (it runs every command but lint, rules, hook and history: install it beside schemagate)\n";
    return k_exit_error;
}

}  // namespace cli
