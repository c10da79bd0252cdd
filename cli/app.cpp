#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "runner/signals.hpp"

#include <iostream>

namespace cli {

int real_main(int argc, char** argv) {
    // Before any thread starts: Ctrl-C and SIGTERM then stop an ephemeral server and
    // remove its directory on every path.
    runner::install_signal_cleanup();
    CLI::App app{"schemagate: stops bad PostgreSQL migrations before they reach production", "schemagate"};
    app.set_version_flag("--version", "schemagate " SCHEMAGATE_VERSION);
    app.require_subcommand(1, 1);
    int exit_code = k_exit_pass;
    for (auto add : {add_lint_command, add_run_command, add_check_command, add_rules_command, add_hook_command,
                     add_history_command, add_gate_command, add_migrate_command}) {
        add(app, exit_code);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? k_exit_pass : k_exit_error;
    } catch (const core::Error& e) {
        std::cerr << "schemagate: error: " << e.what() << "\n";
        return k_exit_error;
    } catch (const std::exception& e) {
        std::cerr << "schemagate: internal error: " << e.what() << " (please report it)\n";
        return k_exit_error;
    }
    return exit_code;
}

}  // namespace cli
