// schemagate hook install | uninstall: the git pre-commit hook.
#include "cli/commands.hpp"

#include "hooks/install.hpp"

#include <filesystem>
#include <iostream>

namespace cli {

void add_hook_command(CLI::App& app, int& exit_code) {
    CLI::App* command = app.add_subcommand("hook", "install the git pre-commit hook in the current repository");
    command->require_subcommand(1, 1);
    command->add_subcommand("install", "write .git/hooks/pre-commit (an existing hook is kept and chained)")
        ->callback([&exit_code] {
            // The hook runs `lint --staged`: the front end, also when schemagate-db was run directly.
            std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
            if (std::filesystem::path front = self.parent_path() / "schemagate";
                self.filename() == "schemagate-db" && std::filesystem::exists(front)) {
                self = front;
            }
            std::cout << hooks::install(std::filesystem::current_path(), self).message << "\n"
                      << "commits that stage migrations now run `schemagate lint --staged`; bypass once with "
                         "`git commit --no-verify`\n";
            exit_code = 0;
        });
    command->add_subcommand("uninstall", "remove the hook and restore a chained one")->callback([&exit_code] {
        std::cout << hooks::uninstall(std::filesystem::current_path()).message << "\n";
        exit_code = 0;
    });
}

}  // namespace cli
