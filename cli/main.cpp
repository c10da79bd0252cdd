// `schemagate`, the front end: see cli/app.hpp.
#include "cli/app.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
    return cli::real_main(argc, argv,
                          {cli::add_lint_command, cli::add_rules_command, cli::add_hook_command,
                           cli::add_history_command, cli::add_baseline_command, cli::add_new_command},
                          cli::exec_full_cli);
}
