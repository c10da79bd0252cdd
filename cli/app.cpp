#include "cli/app.hpp"

#include "cli/audit.hpp"

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/secrets.hpp"
#include "linter/parse.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
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
                             : arg.starts_with("--format=")    ? std::string(arg.substr(9))
                                                               : "";
        std::string_view after = i + 2 < argc ? argv[i + 2] : "";
        if (format.empty() || after == "--output" || after.starts_with("--output=")) { continue; }
        if (format == "json") {
            nlohmann::json doc = {{"tool",
                                   {{"name", "schemagate"},
                                    {"version", SCHEMAGATE_VERSION},
                                    {"parser", "libpg_query, PostgreSQL " + std::string(linter::parser_pg_version())}}},
                                  {"verdict", "error"},
                                  {"error", message}};
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

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(command->get_name());
    }
    return names;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) { out += (out.empty() ? "" : ", ") + word; }
    return out;
}

// "unknown command 'lnt': did you mean 'lint'? (commands: ...)", or "" when argv[1] is a
// command or an option.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') { return ""; }
    std::vector<std::string> names = command_names(app);
    if (std::find(names.begin(), names.end(), argv[1]) != names.end()) { return ""; }
    std::string near = core::nearest(argv[1], names);
    return "unknown command '" + std::string(argv[1]) + "'" + (near.empty() ? "" : ": did you mean '" + near + "'?") +
           " (commands: " + joined(names) + ")";
}

// For "The following argument was not expected: --stagd": the nearest option of the command.
std::string option_hint(const CLI::App& app, const CLI::ParseError& error) {
    const auto* extras = dynamic_cast<const CLI::ExtrasError*>(&error);
    std::vector<CLI::App*> used = app.get_subcommands();
    if (extras == nullptr || used.empty()) { return ""; }
    std::vector<std::string> options;
    for (const CLI::Option* option : used.front()->get_options()) {
        for (const std::string& name : option->get_lnames()) { options.push_back("--" + name); }
    }
    std::string text = extras->what();
    std::size_t dashes = text.find("--");
    if (dashes == std::string::npos) { return ""; }
    std::string word = text.substr(dashes, text.find_first_of(" \n", dashes) - dashes);
    std::string near = core::nearest(word, options);
    return near.empty() ? "" : "did you mean '" + near + "'?\n";
}

}  // namespace

int real_main(int argc, char** argv, std::initializer_list<AddCommand> commands, int (*elsewhere)(char** argv)) {
    CLI::App app{"schemagate: stops bad PostgreSQL migrations before they reach production", "schemagate"};
    app.set_version_flag("--version",
                         std::string("schemagate " SCHEMAGATE_VERSION " (parser: libpg_query, PostgreSQL ") +
                             std::string(linter::parser_pg_version()) + ")");
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
    start_audit(argc, argv);
    if (std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
        std::cerr << "schemagate: error: " << core::redact_known(unknown) << "\n";
        return k_exit_error;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::ostringstream out;
        std::ostringstream err;
        int code = app.exit(e, out, err);
        std::cout << core::redact_known(out.str());
        std::cerr << core::redact_known(err.str() + option_hint(app, e));
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
