#include "cli/common.hpp"

#include "cli/app.hpp"
#include "cli/audit.hpp"
#include "cli/catalog.hpp"
#include "core/error.hpp"
#include "core/secrets.hpp"
#include "gate/report/writer.hpp"
#include "linter/lint.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace cli {
namespace {

struct Destination {
    gate::Format format;
    std::string file;       ///< empty: stdout
    bool inferred = false;  ///< no --format given for it: text, or what the file's extension says
};

// Pairs each --output with the --format given before it, in command-line order.
std::vector<Destination> destinations(const CommonOptions& options, const CLI::App& command) {
    std::vector<Destination> out;
    std::size_t format_index = 0;
    std::size_t output_index = 0;
    for (const CLI::Option* option : command.parse_order()) {
        if (option == options.format_option) {
            const std::string& name = options.formats[format_index++];
            auto format = gate::parse_format(name);
            if (!format) {
                throw core::Error("--format " + name + ": use text, json, sarif, junit, markdown, github or gitlab");
            }
            out.push_back({*format, ""});
        } else if (option == options.output_option) {
            const std::string& file = options.outputs[output_index++];
            if (out.empty() || !out.back().file.empty()) { out.push_back({gate::Format::text, "", true}); }
            out.back().file = file;
        }
    }
    if (out.empty()) { out.push_back({gate::Format::text, ""}); }
    for (Destination& d : out) {  // `--output x.sarif` alone: the format from the extension
        if (d.inferred && !d.file.empty()) {
            std::string ext = fs::path(d.file).extension().string();
            if (auto format = gate::parse_format(ext.empty() ? "" : ext.substr(1))) { d.format = *format; }
            if (ext == ".md") { d.format = gate::Format::markdown; }
            if (ext == ".xml") { d.format = gate::Format::junit; }
        }
    }
    if (std::count_if(out.begin(), out.end(), [](const Destination& d) { return d.file.empty(); }) > 1) {
        throw core::Error(
            "several --format without --output would write several reports to stdout: give each but one an --output "
            "FILE");
    }
    return out;
}

}  // namespace

void add_common_options(CLI::App& command, CommonOptions& options) {
    options.format_option = command
                                .add_option(
                                    "--format", options.formats,
                                    "report format: text, json, sarif, junit, markdown, github, gitlab (repeatable)")
                                ->expected(1)
                                ->allow_extra_args(false)
                                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    options.output_option = command
                                .add_option("--output", options.outputs,
                                            "write the report of the --format before it to FILE (repeatable)")
                                ->expected(1)
                                ->allow_extra_args(false)
                                ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command.add_option("--config", options.config, "schemagate.yaml to use instead of the one found walking up");
    options.command = &command;
}

core::Config load_project_config(const CommonOptions& options) {
    if (options.command != nullptr) {
        destinations(options, *options.command);
    }  // bad --format/--output: exit 2 before any work
    core::Config config;
    if (!options.config.empty()) {
        config = core::load_config(options.config);
    } else if (auto found = core::find_config(fs::current_path())) {
        config = core::load_config(*found);
    }
    core::validate_rule_settings(config);
    return config;
}

std::vector<fs::path> migration_paths(const std::vector<std::string>& args, const core::Config& config) {
    std::vector<fs::path> paths(args.begin(), args.end());
    if (paths.empty()) { paths.push_back(config.migrations.empty() ? fs::path("migrations") : config.migrations); }
    return paths;
}

fs::path required_schema_path(const std::string& flag, const core::Config& config, const std::vector<fs::path>& paths) {
    if (!flag.empty()) { return flag; }
    if (!config.require.empty()) { return config.require; }
    if (paths.size() == 1 && fs::is_regular_file(paths[0] / "required_schema.yaml")) {
        return paths[0] / "required_schema.yaml";
    }
    return {};
}

namespace {

// In GitHub Actions, where Markdown reports link file:line: the commit under test's tree
// at the current directory ("https://github.com/o/r/blob/<sha>/sub/"); empty elsewhere.
std::string github_link_base() {
    auto env = [](const char* name) {
        const char* value = std::getenv(name);
        return value ? std::string(value) : "";
    };
    std::string server = env("GITHUB_SERVER_URL"), repository = env("GITHUB_REPOSITORY"), sha = env("GITHUB_SHA");
    if (server.empty() || repository.empty() || sha.empty()) { return ""; }
    std::string base = server + "/" + repository + "/blob/" + sha + "/";
    std::string workspace = env("GITHUB_WORKSPACE");
    if (workspace.empty()) { return base; }
    std::error_code ec;
    fs::path here = fs::relative(fs::current_path(), workspace, ec);
    if (ec || here.empty() || *here.begin() == "..") { return ""; }  // outside the checkout: no link is right
    return here == "." ? base : base + here.generic_string() + "/";
}

// Streams the report; when the run was given secrets, writes it through redaction.
void write_redacted(const core::Report& report, gate::Format format, std::ostream& out, bool color) {
    gate::WriteOptions options{color, format == gate::Format::markdown ? github_link_base() : ""};
    if (!core::has_known_secrets()) {
        gate::write_report(report, format, out, options);
        return;
    }
    std::ostringstream text;
    gate::write_report(report, format, text, options);
    out << core::redact_known(text.str());
}

}  // namespace

int emit(core::Report report, const CommonOptions& options) {
    stamp_audit(report);
    for (const Destination& destination : destinations(options, *options.command)) {
        if (destination.file.empty()) {
            bool color = destination.format == gate::Format::text && isatty(STDOUT_FILENO) != 0 &&
                         std::getenv("NO_COLOR") == nullptr;
            write_redacted(report, destination.format, std::cout, color);
            std::cout.flush();
            continue;
        }
        std::ofstream file(destination.file, std::ios::binary);
        if (!file) {
            throw core::Error(destination.file + ": cannot write the report: check that the directory exists");
        }
        write_redacted(report, destination.format, file, false);
        if (!file.flush()) { throw core::Error(destination.file + ": cannot write the report: disk full?"); }
    }
    return report.passed() ? k_exit_pass : k_exit_fail;
}

}  // namespace cli
