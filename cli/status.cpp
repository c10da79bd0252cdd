// schemagate status --database-url URL [DIR]: applied / pending / failed / changed /
// missing migrations of a live database, read only (gate/status.hpp).
#include "cli/commands.hpp"

#include "cli/catalog.hpp"
#include "core/error.hpp"
#include "gate/status.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace cli {

void add_status_command(CLI::App& app, int& exit_code) {
    struct State {
        std::vector<std::string> paths;
        std::string database_url;
        runner::SessionOptions session;
        CommonOptions common;
    };
    auto state = std::make_shared<State>();
    CLI::App* command = app.add_subcommand(
        "status", "list the applied, pending, failed and changed migrations of a database, read only");
    command->add_option("dir", state->paths, "migrations directory (default: config, ./migrations)");
    command->add_option("--database-url", state->database_url,
                        "libpq URL or keywords of the target (default: $DATABASE_URL)");
    command
        ->add_option("--lock-timeout", state->session.lock_timeout_ms,
                     "give up waiting for a lock after MS milliseconds")
        ->capture_default_str();
    command
        ->add_option("--statement-timeout", state->session.statement_timeout_ms, "cancel a query after MS milliseconds")
        ->capture_default_str();
    add_common_options(*command, state->common);
    command->callback([state, &exit_code] {
        core::Config config = load_project_config(state->common);
        gate::StatusOptions options;
        options.database_url = state->database_url;
        if (const char* url = std::getenv("DATABASE_URL"); options.database_url.empty() && url != nullptr) {
            options.database_url = url;
        }
        if (options.database_url.empty()) {
            throw core::Error("no target database: pass --database-url or set DATABASE_URL");
        }
        options.session = state->session;
        options.history = runner::HistorySource::from_config(config.history.format, config.history.table,
                                                             config.history.column);
        core::DiscoverOptions digests;
        digests.keep_text = false;
        core::MigrationSet set = linter::discover_project(migration_paths(state->paths, config), config, digests);
        gate::Status status = gate::migration_status(set, options);
        core::apply_severities(status.report, config.rules);
        status.report.rules = all_rule_infos();
        const std::vector<std::string>& formats = state->common.formats;
        bool text_on_stdout = state->common.outputs.empty() &&
                              std::all_of(formats.begin(), formats.end(),
                                          [](const std::string& f) { return f == "text"; });
        if (text_on_stdout) { gate::write_status_table(status.rows, std::cout); }
        exit_code = emit(status.report, state->common);
    });
}

}  // namespace cli
