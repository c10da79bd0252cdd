#!/usr/bin/env bash
# schemagate installed as users get it, run from where it was installed, never from build/:
#   1. `cmake --install BUILD_DIR --prefix TMP/prefix --strip`: the layout (both binaries in
#      one bin/, docs, hook script), then --version, lint and check from TMP/prefix/bin;
#   2. scripts/package-deb.sh (the GitHub Action's packing): `cpack -G DEB` from a staged
#      install tree (`DESTDIR=... cmake --install BUILD_DIR --prefix /usr --strip`), never
#      from BUILD_DIR itself: cpack's own
#      install step builds `all` and re-runs CMake when BUILD_DIR's configure is stale, and
#      under this test's temporary HOME CMake would not find libpg_query 17 and would
#      reconfigure BUILD_DIR with Debian's parser 15. The package's name, Depends (libpq5,
#      libpqxx, libgit2, ... from dpkg-shlibdeps) and Recommends (postgresql) still come from
#      BUILD_DIR/CPackConfig.cmake; then `dpkg-deb -x` into a temp root (a chroot-like
#      DESTDIR; dpkg -i would change this machine) and the same runs from TMP/root/usr/bin;
#   3. BUILD_DIR is left as it was: CMakeCache.txt and both binaries unchanged.
#
# usage: tests/install/install_test.sh BUILD_DIR
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd) || exit 2
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ ! -f "$build/cmake_install.cmake" ] || [ ! -f "$build/CPackConfig.cmake" ]; then
  echo "install_test: $1 is not a configured schemagate build directory" >&2
  exit 2
fi

# What must not change: the configure (CMakeCache.txt) and the binaries.
build_state() { (cd "$build" && sha1sum CMakeCache.txt schemagate schemagate-db 2>&1 && stat -c '%n %Y' CMakeCache.txt schemagate schemagate-db 2>&1); }
state_before=$(build_state)

tmp=$(mktemp -d)
chmod 755 "$tmp"   # as root the ephemeral PostgreSQL runs as postgres, and reads nothing here
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home
export GIT_CONFIG_NOSYSTEM=1
export XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME"
unset DATABASE_URL SCHEMAGATE SCHEMAGATE_PG_BINDIR
# Nothing of the build on PATH: each run names the installed binary.
PATH=/usr/bin:/bin
export PATH

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
expect() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}
show() { printf '%s\n' "$1" | sed 's/^/    | /'; }

# A small project: one clean migration and a required schema; a second dir with a bad one.
project=$tmp/project
mkdir -p "$project/migrations" "$project/bad/migrations"
cat >"$project/migrations/0001_users.sql" <<'SQL'
CREATE TABLE IF NOT EXISTS users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
SQL
cat >"$project/migrations/required_schema.yaml" <<'YAML'
tables:
  users:
    required: [id, email]
YAML
cat >"$project/bad/migrations/0001_users.sql" <<'SQL'
CREATE TABLE users (id bigint PRIMARY KEY);
SQL

# run_installed NAME BINDIR: the installed binaries, from a directory with no build in it.
run_installed() {
  local name=$1 bindir=$2 out code
  expect "$name: schemagate and schemagate-db side by side" \
    test -x "$bindir/schemagate" -a -x "$bindir/schemagate-db"
  out=$(cd "$project" && "$bindir/schemagate" --version 2>&1)
  code=$?
  expect "$name: schemagate --version: exit 0" test "$code" -eq 0
  expect "$name: schemagate --version prints a version" grep -Eq '[0-9]+\.[0-9]+\.[0-9]+' <<<"$out"
  out=$(cd "$project" && "$bindir/schemagate" lint migrations 2>&1)
  code=$?
  expect "$name: lint of a clean migration: exit 0" test "$code" -eq 0
  [ "$code" -eq 0 ] || show "$out"
  out=$(cd "$project/bad" && "$bindir/schemagate" lint migrations 2>&1)
  code=$?
  expect "$name: lint of a bad migration: exit 1, idempotency" test "$code" -eq 1
  grep -q idempotency <<<"$out" || { fail "$name: lint names idempotency"; show "$out"; }
  out=$(cd "$project" && "$bindir/schemagate" rules 2>&1)
  expect "$name: rules lists the catalog" grep -q 'require-concurrent-index-creation' <<<"$out"
  # check: lint + the ephemeral PostgreSQL (postgresql-15) + the required schema.
  out=$(cd "$project" && "$bindir/schemagate" check migrations --require migrations/required_schema.yaml 2>&1)
  code=$?
  expect "$name: check with the ephemeral PostgreSQL: exit 0" test "$code" -eq 0
  [ "$code" -eq 0 ] || show "$out"
  out=$(cd "$project" && "$bindir/schemagate" rules idempotency 2>&1)
  expect "$name: rules idempotency explains the rule" test -n "$out"
}

# 1. cmake --install into a fresh prefix.
prefix=$tmp/prefix
out=$(cmake --install "$build" --prefix "$prefix" --strip 2>&1)
code=$?
expect "cmake --install --prefix: exit 0" test "$code" -eq 0
[ "$code" -eq 0 ] || show "$out"
expect "prefix: docs installed" test -f "$prefix/share/doc/schemagate/README.md" \
  -a -f "$prefix/share/doc/schemagate/rules/idempotency.md" -a -f "$prefix/share/doc/schemagate/hooks.md"
expect "prefix: hook script installed, executable" test -x "$prefix/share/schemagate/hooks/pre-commit"
expect "prefix: hook script keeps its placeholder" grep -q '@SCHEMAGATE_BIN@' "$prefix/share/schemagate/hooks/pre-commit"
run_installed prefix "$prefix/bin"

# 2. The Debian package, as scripts/package-deb.sh (the GitHub Action's build) makes it from a
#    staged install tree: no CMake project for cpack to install, so nothing to build or reconfigure.
pkgdir=$tmp/package
out=$(bash "$src/scripts/package-deb.sh" "$build" "$pkgdir" 2>&1)
code=$?
expect "scripts/package-deb.sh: exit 0" test "$code" -eq 0
[ "$code" -eq 0 ] || show "$out"
deb=$(find "$pkgdir" -maxdepth 1 -name 'schemagate_*.deb' | head -n 1)
expect "scripts/package-deb.sh: schemagate_<version>_<arch>.deb, its path printed" test -n "$deb" -a "$out" = "$deb"
if [ -n "$deb" ]; then
  echo "install_test: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"
  expect ".deb: Package schemagate" test "$(dpkg-deb -f "$deb" Package)" = schemagate
  expect ".deb: Architecture is this machine's" \
    test "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)"
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "install_test: Depends: $depends"
  libs=(libpq5 libpqxx-6.4 libgit2-1.5 libyaml-cpp0.7 libarchive13)
  # libpg_query 17 from scripts/install-deps.sh is linked statically; Debian's 15 is a package.
  if readelf -d "$build/schemagate" | grep -q 'libpg_query'; then libs+=(libpg-query); fi
  for lib in "${libs[@]}"; do
    expect ".deb: Depends names $lib" grep -q "$lib" <<<"$depends"
  done
  expect ".deb: Recommends postgresql" \
    grep -q 'postgresql-15 | postgresql' <<<"$(dpkg-deb -f "$deb" Recommends)"
  root=$tmp/root
  expect "dpkg-deb -x into a temp root" dpkg-deb -x "$deb" "$root"
  expect ".deb: files under /usr" test -x "$root/usr/bin/schemagate" \
    -a -f "$root/usr/share/doc/schemagate/rules/idempotency.md" \
    -a -x "$root/usr/share/schemagate/hooks/pre-commit"
  # Every library the binaries need is on this machine, as Depends promises on a fresh one.
  missing=$(ldd "$root/usr/bin/schemagate" "$root/usr/bin/schemagate-db" 2>&1 | grep 'not found')
  expect ".deb: every shared library resolves" test -z "$missing"
  run_installed ".deb" "$root/usr/bin"
fi

# 3. The build directory as it was: neither reconfigured nor rebuilt.
state_after=$(build_state)
expect "$build: CMakeCache.txt and binaries unchanged" test "$state_before" = "$state_after"
[ "$state_before" = "$state_after" ] || show "$(diff <(echo "$state_before") <(echo "$state_after"))"

echo "install_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
