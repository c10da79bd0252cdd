#include "runner/production_copy.hpp"

#include <pqxx/pqxx>

#include "core/error.hpp"
#include "runner/apply.hpp"
#include "runner/introspect.hpp"
#include "runner/local_cluster.hpp"
#include "runner/process.hpp"
#include "runner/throwaway_database.hpp"

#include <cstdlib>
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

void run_tool(const std::vector<std::string>& argv, const fs::path& log, const std::string& what,
              const std::string& password = {}) {
    SpawnOptions spawn;
    spawn.argv = argv;
    if (!password.empty()) { spawn.extra_env.push_back("PGPASSWORD=" + password); }
    spawn.log = log;
    spawn.cwd = log.parent_path();
    if (run_to_completion(spawn) != 0) {
        throw core::Error(what + " failed: " + tail_of(log, 5) + ": see " + log.string());
    }
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
    auto [conninfo, password] = split_password(session_conninfo(url, session, true));
    std::string source = "--dbname=" + conninfo;
    std::string shown = redact_conninfo(url);
    run_tool({program(bindir, "pg_dump").string(), "--schema-only", "--no-owner", "--no-privileges",
              "--file=" + dump.string(), source}, log, "pg_dump --schema-only of " + shown, password);
    run_tool({program(bindir, "psql").string(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", dump.string(),
              "--dbname=" + cluster.conninfo()}, log, "restoring the schema of " + shown + " with psql");
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
