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

namespace fs = std::filesystem;

namespace runner {
namespace {

// bindir/<name>, else the first <name> on PATH.
fs::path program(const fs::path& bindir, const std::string& name) {
    if (fs::exists(bindir / name)) { return bindir / name; }
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path != nullptr ? path : "/usr/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (!dir.empty() && fs::exists(fs::path(dir) / name)) { return fs::path(dir) / name; }
    }
    throw core::Error(name + " not found next to initdb or on PATH: install postgresql-client");
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
    LocalClusterOptions options;
    options.pg_bindir = local.pg_bindir;
    options.postgres_version = local.postgres_version;
    LocalCluster cluster(options);
    fs::path bindir = find_bindir(local.pg_bindir, local.postgres_version);
    fs::path dump = cluster.dir() / "target_schema.sql";
    fs::path log = cluster.dir() / "copy.log";
    // pg_dump sets lock_timeout and statement_timeout to 0 itself: --lock-wait-timeout bounds
    // its table locks, the deadline the rest, and client_connection_check_interval (14+)
    // makes its backend stop, and let go of its locks, as soon as it is killed.
    ReadOnlySession probe(url, session);
    SessionOptions dump_session = session;
    dump_session.check_client_connection = probe.connection().server_version() >= 140000;
    auto [conninfo, password] = split_password(session_conninfo(url, dump_session, true));
    std::vector<std::string> dump_argv = {program(bindir, "pg_dump").string(), "--schema-only", "--no-owner",
                                          "--no-privileges", "--file=" + dump.string(), "--dbname=" + conninfo};
    if (session.lock_timeout_ms > 0) { dump_argv.push_back("--lock-wait-timeout=" + std::to_string(session.lock_timeout_ms)); }
    std::string shown = redact_conninfo(url);
    run_tool(dump_argv, log, "pg_dump --schema-only of " + shown, password, dump_deadline(session),
             [&] { return probe.lock_holders(); });
    run_tool({program(bindir, "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", dump.string(),
              "--dbname=" + cluster.conninfo()}, log, "restoring the schema of " + shown + " with psql", {},
             std::chrono::hours(1));
    CopyRun result;
    pqxx::connection cx(cluster.conninfo());
    {
        pqxx::read_transaction tx(cx);
        result.before = introspect(tx);
    }
    ApplyOptions apply_options;
    apply_options.placeholders = local.placeholders;
    result.report = apply(cx, pending, apply_options);
    pqxx::read_transaction tx(cx);
    result.after = introspect(tx);
    return result;
}

}  // namespace runner
