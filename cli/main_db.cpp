// `schemagate-db`, every command, the ones that need PostgreSQL included: see cli/app.hpp.
#include "cli/app.hpp"
#include "cli/commands.hpp"
#include "runner/signals.hpp"

int main(int argc, char** argv) {
    // Before any thread starts: Ctrl-C and SIGTERM then stop an ephemeral server and
    // remove its directory on every path.
    runner::install_signal_cleanup();
    return cli::real_main(
        argc, argv,
        {cli::add_lint_command, cli::add_run_command, cli::add_check_command, cli::add_rules_command,
         cli::add_hook_command, cli::add_history_command, cli::add_baseline_command, cli::add_gate_command,
         cli::add_migrate_command, cli::add_new_command, cli::add_init_command, cli::add_status_command});
}
