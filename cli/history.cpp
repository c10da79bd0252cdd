// schemagate history [DIR]: the tampering audit. Per migration, every commit on the base
// branch that changed it after it was first added.
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "linter/history/history.hpp"

#include <iostream>
#include <memory>

namespace cli {
namespace {

// The audit's listing, on stderr so that stdout stays the report (text, json, ...).
void print_changes(const history::AuditResult& audit) {
    std::cerr << "audited " << audit.commits << " commits of " << audit.base_ref << ", " << audit.migrations.size()
              << " migrations\n";
    for (const history::AuditEntry& entry : audit.migrations) {
        if (entry.changes.empty()) { continue; }
        std::cerr << entry.file << " (added " << entry.added.short_id << " " << entry.added.date << ")\n";
        for (const history::AuditChange& change : entry.changes) {
            std::cerr << "  " << change.kind << " in " << change.commit.short_id << " " << change.commit.date << " by "
                      << change.commit.author << ": " << change.commit.summary
                      << (change.renamed_to.empty() ? "" : " -> " + change.renamed_to) << "\n";
        }
    }
}

}  // namespace

void add_history_command(CLI::App& app, int& exit_code) {
    struct State {
        std::vector<std::string> paths;
        std::string base;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand("history", "list every commit that changed a migration after it was added");
    command->add_option("dir", state->paths, "migrations directory (default: config, ./migrations)");
    command->add_option("--base", state->base, "branch to audit (default: origin/HEAD, origin/main, main, ...)");
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        std::vector<std::filesystem::path> paths = migration_paths(state->paths, config);
        history::AuditResult audit = history::history_audit(
            paths.front(), {state->base.empty() ? config.immutable_after : state->base, config.naming, config.rules});
        if (!audit.note.empty()) { std::cerr << "schemagate: note: " << audit.note << "\n"; }
        print_changes(audit);
        audit.report.rules = all_rule_infos(docs_url(config));
        exit_code = emit(std::move(audit.report), state->common);
    });
}

}  // namespace cli
