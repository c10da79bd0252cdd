#!/usr/bin/env bash
# Installs the Debian packages schemagate builds, tests and runs with.
# Does nothing when all of them are present; uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libpg-query-dev      # the PostgreSQL parser (linter)
  libgit2-dev          # git history (immutability)
  libpqxx-dev          # PostgreSQL client (runner)
  libcli11-dev         # command line
  libgtest-dev         # tests
  libyaml-cpp-dev      # config and required schema
  nlohmann-json3-dev   # JSON reports, cache
  libsimdjson-dev      # reading libpg_query's parse tree on the hot path
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
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
