#!/usr/bin/env bash
# The GitHub Action's search for a binary (actions/schemagate/setup.sh locate), offline:
# schemagate on PATH with schemagate-db beside it is used; one without it is not; with none,
# a branch ref or `release: false` the action asks for a source build, with a cache key
# that is stable for the same source tree. (The release download and the .deb install
# need the network and root's apt: the release workflow exercises those.)
#
# usage: tests/actions/setup_sh_test.sh SCHEMAGATE_BIN [SOURCE_DIR]
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SCHEMAGATE_BIN [SOURCE_DIR]" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
setup_sh=$src/actions/schemagate/setup.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset GITHUB_OUTPUT GITHUB_ACTION_PATH SCHEMAGATE_ACTION_REPOSITORY SCHEMAGATE_ACTION_REF \
  SCHEMAGATE_RELEASE
export RUNNER_TEMP=$tmp/runner
mkdir -p "$RUNNER_TEMP"
base_path=/usr/bin:/bin

passed=0
failed=0
expect() {
  local name=$1
  shift
  if "$@"; then echo "ok: $name"; passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}
# locate [VAR=VALUE...]: setup.sh locate's outputs (key=value lines).
locate() { env "$@" bash "$setup_sh" locate 2>"$tmp/stderr"; }
value() { sed -n "s/^$1=//p" <<<"$2"; }

mkdir -p "$tmp/on-path" "$tmp/alone"
ln -s "$bin" "$tmp/on-path/schemagate"
cp "$bin" "$tmp/alone/schemagate"

out=$(locate PATH="$tmp/on-path:$base_path")
expect "on PATH (a link to a build with schemagate-db): used" test "$(value bin "$out")" = "$tmp/on-path/schemagate"
expect "on PATH: source=path" test "$(value source "$out")" = path

out=$(locate PATH="$tmp/alone:$base_path")
expect "on PATH without schemagate-db beside it: not used, source build" test "$(value build "$out")" = true
expect "on PATH without schemagate-db: says why" grep -q 'schemagate-db is missing' "$tmp/stderr"

out=$(locate PATH="$base_path")
key=$(value cache-key "$out")
expect "nothing on PATH: source build" test "$(value build "$out")" = true
expect "cache key names the OS, the architecture and a hash" \
  grep -Eq '^schemagate-deb-[a-z]+-[0-9.a-z]+-[a-z0-9_]+-[0-9a-f]{32}$' <<<"$key"
expect "the .deb directory is under RUNNER_TEMP" test "$(value deb-dir "$out")" = "$RUNNER_TEMP/schemagate-deb"
out=$(locate PATH="$base_path")
expect "the cache key is the same for the same source" test "$(value cache-key "$out")" = "$key"

out=$(locate PATH="$base_path" GITHUB_ACTION_PATH=/runner/_actions/acme/schemagate/feature/x/actions/schemagate)
expect "a branch ref: no release download, source build" test "$(value build "$out")" = true
expect "a branch ref: says it is not a release tag" grep -q 'not a release tag' "$tmp/stderr"

out=$(locate PATH="$base_path" SCHEMAGATE_RELEASE=false \
  GITHUB_ACTION_PATH=/runner/_actions/acme/schemagate/v1.2.3/actions/schemagate)
expect "release: false: no download, source build" test "$(value build "$out")" = true
expect "release: false: nothing downloaded" test ! -e "$RUNNER_TEMP/schemagate-release"

: >"$tmp/github_output"
locate PATH="$tmp/on-path:$base_path" GITHUB_OUTPUT="$tmp/github_output" >/dev/null
expect "outputs go to GITHUB_OUTPUT when set" grep -qx 'source=path' "$tmp/github_output"

echo "setup_sh_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
