#include "runner/production_copy.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"
#include "runner/apply.hpp"
#include "runner/introspect.hpp"
#include "runner/local_cluster.hpp"
#include "runner/process.hpp"
#include "runner/throwaway_database.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace runner {
namespace {

// Where a client program may be: bindir, the /usr/lib/postgresql/*/bin directories newest
// first, then PATH.
std::vector<fs::path> candidates(const fs::path& bindir, const std::string& name) {
    std::vector<fs::path> found;
    std::error_code ec;
    if (fs::exists(bindir / name, ec)) { found.push_back(bindir / name); }
    std::vector<fs::path> packaged;
    for (const fs::directory_entry& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        if (fs::exists(entry.path() / "bin" / name, ec)) { packaged.push_back(entry.path() / "bin" / name); }
    }
    std::sort(packaged.begin(), packaged.end(), [](const fs::path& a, const fs::path& b) {
        return std::atoi(a.parent_path().parent_path().filename().c_str()) >
               std::atoi(b.parent_path().parent_path().filename().c_str());
    });
    found.insert(found.end(), packaged.begin(), packaged.end());
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "/usr/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (!dir.empty() && fs::exists(fs::path(dir) / name, ec)) { found.push_back(fs::path(dir) / name); }
    }
    return found;
}

// bindir/<name>, else the first <name> found.
fs::path program(const fs::path& bindir, const std::string& name) {
    std::vector<fs::path> found = candidates(bindir, name);
    if (found.empty()) { throw core::Error(name + " not found next to initdb or on PATH: install postgresql-client"); }
    return found.front();
}

// "17.4" from `pg_dump --version` ("pg_dump (PostgreSQL) 17.4"); "" when unreadable.
std::string tool_version(const fs::path& tool) {
    std::string out = output_of({tool.string(), "--version"}).value_or("");
    std::size_t at = out.find(") ");
    return at == std::string::npos ? "" : out.substr(at + 2, out.find_first_of(" \n", at + 2) - at - 2);
}

// A pg_dump that can dump a server of `major` (its own major or newer: pg_dump refuses newer
// servers), or core::Error naming the version needed.
fs::path pg_dump_for(const fs::path& bindir, int major, const std::string& target_version) {
    std::string newest;
    for (const fs::path& tool : candidates(bindir, "pg_dump")) {
        std::string version = tool_version(tool);
        if (major_of_version(version) >= major) { return tool; }
        if (newest.empty() && !version.empty()) { newest = "pg_dump " + version + " (" + tool.string() + ")"; }
    }
    std::string needed = std::to_string(major);
    throw core::Error("gate --dry-run: the target runs PostgreSQL " + target_version +
                      " and its schema needs pg_dump " + needed + " or newer; " +
                      (newest.empty() ? "no pg_dump was found" : "the newest found is " + newest) +
                      ": install postgresql-client-" + needed + " or pass --pg-bindir with PostgreSQL " + needed +
                      "'s binaries (pg_dump included)");
}

// The binaries of the ephemeral cluster: as configured, else the newest installed; a major
// older than the target's cannot restore its dump: then the target's major (binaries.hpp).
fs::path cluster_bindir(const RunOptions& local, int major, const std::string& target_version) {
    fs::path bindir = find_bindir(local.pg_bindir, local.postgres_version);
    int have = major_of_version(binaries_version(bindir).value_or(""));
    if (have >= major) { return bindir; }
    const char* env = std::getenv("SCHEMAGATE_PG_BINDIR");
    bool chosen = !local.pg_bindir.empty() || (env != nullptr && *env != '\0') || local.postgres_version > 0;
    std::string refusal = "gate --dry-run: the target runs PostgreSQL " + target_version +
                          ", newer than the PostgreSQL " + std::to_string(have) + " of " + bindir.string() +
                          " that would restore its schema";
    if (chosen) {
        throw core::Error(refusal + ": configure postgres.version " + std::to_string(major) + " or pass --pg-bindir");
    }
    try {
        return find_bindir({}, major);
    } catch (const core::Error& e) { throw core::Error(refusal + "; " + e.what()); }
}

// The conninfo without its password, and the password: the password goes to pg_dump and
// psql in PGPASSWORD, never on a command line that `ps` shows to every user.
std::pair<std::string, std::string> split_password(const std::string& conninfo) {
    std::string password;
    std::string rest = edit_conninfo(conninfo, [&](const std::string& key, const std::string& value) {
        if (key != "password") { return value; }
        password = value;
        return std::string();
    });
    return {rest, password};
}

// Runs a client program; throws core::Error naming `what` when it fails or outlives
// `deadline` (it is killed then). `blocked_by()` names lock holders for the message.
void run_tool(const std::vector<std::string>& argv, const fs::path& log, const std::string& what,
              const std::string& password, std::chrono::milliseconds deadline,
              const std::function<std::string()>& blocked_by = {}) {
    SpawnOptions spawn;
    spawn.argv = argv;
    if (!password.empty()) { spawn.extra_env.push_back("PGPASSWORD=" + password); }
    spawn.log = log;
    spawn.cwd = log.parent_path();
    Child child(spawn);
    std::optional<int> code = child.wait_for(deadline);
    if (code == 0) { return; }
    std::string holders = blocked_by ? blocked_by() : "";
    if (!code) {
        child.signal(SIGKILL);
        throw core::Error(what + " did not finish within " + std::to_string(deadline.count() / 1000) +
                          " s and was stopped" + holders + ": run the gate when the target is less busy");
    }
    throw core::Error(what + " failed: " + tail_of(log, 5) + holders + ": see " + log.string());
}

// How long pg_dump may take in all: its queries run without statement_timeout (it sets 0).
std::chrono::milliseconds dump_deadline(const SessionOptions& session) {
    return std::chrono::milliseconds(std::max(60000, 2 * session.statement_timeout_ms));
}

}  // namespace

CopyRun apply_to_copy(const std::string& url, const core::MigrationSet& pending, const RunOptions& local,
                      const SessionOptions& session) {
    // pg_dump sets lock_timeout and statement_timeout to 0 itself: --lock-wait-timeout bounds
    // its table locks, the deadline the rest, and client_connection_check_interval (14+)
    // makes its backend stop, and let go of its locks, as soon as it is killed.
    ReadOnlySession probe(url, session);
    int target = probe.connection().server_version();
    std::string target_version = version_text(target);
    fs::path bindir = cluster_bindir(local, target / 10000, target_version);
    fs::path pg_dump = pg_dump_for(bindir, target / 10000, target_version);
    LocalClusterOptions options;
    options.pg_bindir = bindir;
    LocalCluster cluster(options);
    fs::path dump = cluster.dir() / "target_schema.sql";
    // Beside the cluster's directory, not in it: kept when an error message points to it.
    fs::path log = cluster.dir().parent_path() / ("schemagate-dry-run-" + std::to_string(getpid()) + ".log");
    std::error_code ec;
    fs::remove(log, ec);
    SessionOptions dump_session = session;
    dump_session.check_client_connection = target >= 140000;
    auto [conninfo, password] = split_password(session_conninfo(url, dump_session, true));
    std::vector<std::string> dump_argv = {pg_dump.string(),  "--schema-only",           "--no-owner",
                                          "--no-privileges", "--file=" + dump.string(), "--dbname=" + conninfo};
    if (session.lock_timeout_ms > 0) {
        dump_argv.push_back("--lock-wait-timeout=" + std::to_string(session.lock_timeout_ms));
    }
    std::string shown = redact_conninfo(url);
    run_tool(dump_argv, log, "pg_dump --schema-only of " + shown, password, dump_deadline(session),
             [&] { return probe.lock_holders(); });
    run_tool({program(bindir, "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", dump.string(),
              "--dbname=" + cluster.conninfo()},
             log, "restoring the schema of " + shown + " with psql", {}, std::chrono::hours(1));
    fs::remove(log, ec);  // no error points to it
    CopyRun result;
    pqxx::connection cx(cluster.conninfo());
    {
        pqxx::read_transaction tx(cx);
        result.before = introspect(tx);
    }
    ApplyOptions apply_options;
    apply_options.placeholders = local.placeholders;
    result.report = apply(cx, pending, apply_options);
    result.report.run.server_version = version_text(cx.server_version());
    pqxx::read_transaction tx(cx);
    result.after = introspect(tx);
    return result;
}

}  // namespace runner
