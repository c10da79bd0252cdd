#pragma once
// PostgreSQL's programs for a major version: where initdb/postgres (and pg_dump) of major N
// are found, which version a bin directory holds, and whether the unprivileged user the
// server runs as (when we are root) can run them.

#include "runner/process.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace runner {

/// $XDG_DATA_HOME/schemagate/postgresql, else $HOME/.local/share/schemagate/postgresql: where
/// scripts/install-postgres.sh N puts major N as <N>/bin, <N>/lib, <N>/share.
std::filesystem::path user_postgres_root();

/// The version of the server binaries in `bindir` ("17.4", "15.18"): `<bindir>/postgres
/// --version` (source: its output "postgres (PostgreSQL) 17.4"). nullopt when it cannot be run
/// or says something else. Results are remembered per directory for the process's life.
std::optional<std::string> binaries_version(const std::filesystem::path& bindir);

/// "17.4" for PQserverVersion's 170004, "9.6.24" for 90624.
std::string version_text(int server_version_num);

/// The major of a version string: 17 for "17.4", 9 for "9.6.24"; 0 when it has no number.
int major_of_version(const std::string& version);

/// Where initdb and postgres of major `version` live (0: any major), the first of:
/// `explicit_dir` (--pg-bindir / postgres.bindir); $SCHEMAGATE_PG_BINDIR;
/// /usr/lib/postgresql/<version>/bin; `pg_config --bindir`; user_postgres_root()/<version>/bin.
/// With `version` 0: the newest /usr/lib/postgresql/*/bin, then `pg_config --bindir` (Debian's is a
/// shell wrapper costing 60-150 ms: it runs only when that finds none), then the newest user
/// directory. The result is canonical (symbolic links resolved). Throws core::Error (exit 2)
/// when none holds initdb and postgres (saying what to install), and when the directory
/// given or found holds another major than `version` (naming both).
std::filesystem::path find_bindir(const std::filesystem::path& explicit_dir, int version);

/// "" when `user` may run `file`: search permission on every directory above it and read and
/// execute permission on the file, as the user's uid and primary group (what the server gets
/// after setgroups/setgid/setuid). Otherwise the reason, e.g. "/root is mode 0700, owner uid 0".
std::string why_user_cannot_run(const std::filesystem::path& file, const User& user);

/// Throws core::Error (one line naming the file and the user) when `user` cannot run initdb or
/// postgres in `bindir`, or read its ../lib and ../share when they exist.
void check_runnable_by(const std::filesystem::path& bindir, const User& user);

}  // namespace runner
