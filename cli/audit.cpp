#include "cli/audit.hpp"

#include "core/audit.hpp"
#include "core/secrets.hpp"
#include "linter/history/git.hpp"

#include <filesystem>

namespace cli {
namespace {

struct Started {
    std::string run_id;
    std::chrono::system_clock::time_point at;
    std::chrono::steady_clock::time_point clock;
    std::string command;
};

Started& started() {
    static Started record;
    return record;
}

// HEAD's commit and branch ("" when detached, unborn or not in git). Never throws: an
// audit field must not fail the run.
std::pair<std::string, std::string> head_revision() {
    try {
        std::error_code ec;  // open() starts libgit2 only inside a repository

        auto repo = history::git::open(std::filesystem::current_path(ec));
        if (!repo) { return {}; }
        git_reference* raw = nullptr;
        if (git_repository_head(&raw, repo->get()) < 0) { return {}; }
        history::git::Reference head(raw);
        const git_oid* oid = git_reference_target(head.get());
        std::string branch = git_reference_is_branch(head.get()) ? git_reference_shorthand(head.get()) : "";
        return {oid ? history::git::hex(*oid) : "", branch};
    } catch (const std::exception&) { return {}; }
}

}  // namespace

void start_audit(int argc, char** argv) {
    Started& record = started();
    record.run_id = core::new_run_id();
    record.at = std::chrono::system_clock::now();
    record.clock = std::chrono::steady_clock::now();
    std::string command = "schemagate";
    for (int i = 1; i < argc; ++i) { command += std::string(" ") + argv[i]; }
    record.command = core::redact_known(command);
}

const std::string& audit_run_id() { return started().run_id; }

void stamp_audit(core::Report& report) {
    const Started& record = started();
    if (record.run_id.empty()) { return; }
    core::RunInfo& run = report.run;
    run.run_id = record.run_id;
    run.started_at = core::utc_timestamp(record.at);
    run.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - record.clock).count();
    run.command = record.command;
    std::tie(run.git_commit, run.git_branch) = head_revision();
}

}  // namespace cli
