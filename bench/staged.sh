#!/usr/bin/env bash
# The commit hook's rows: `schemagate lint --staged migrations` (3 staged files) against
# `git diff --cached --quiet` in the same repository, warm (lint cache filled) and cold
# (cache directory removed before each run), whole processes, medians, side by side in one
# hyperfine run per repository:
#   real       a clone of crates.io (diesel layout, ~285 migrations, ~25,000 commits; bench/repos.sh)
#   synthetic  1,000 migrations x 5,000 commits (bench/repos.sh)
#
#   bench/staged.sh [BUILD_DIR]         default: build; RUNS=N (default 30); REPOS="real synthetic"
# With BUILD_DIR/bench/git_floor built, also the least a libgit2-based hook does (bench/git_floor.cpp).
# Writes bench/out/staged-<repo>.json (hyperfine exports) and prints one line per repository.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
schemagate="$build/schemagate"
[[ -x $schemagate ]] || { echo "staged.sh: $schemagate not found: build it first" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "staged.sh: hyperfine not found: apt-get install hyperfine" >&2; exit 2; }
source "$here/repos.sh"
out="$here/out"
mkdir -p "$out"
runs=${RUNS:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/sg-staged-XXXXXX")
if [[ -n ${KEEP:-} ]]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export XDG_CACHE_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# The libgit2 floor (bench/git_floor.cpp) when built: cmake --build BUILD_DIR --target git_floor
floor_cmd=()
[[ ! -x $build/bench/git_floor ]] || floor_cmd=(--prepare true -n git-floor "$build/bench/git_floor migrations")

for name in ${REPOS:-real synthetic}; do
    repo="$work/$name"
    "${name}_repo" "$repo"
    # The clone's ~100 MB just written: flushed before timing, or its writeback lands in the
    # cold runs (which write the cache) and doubled them (14-17 ms against 7-8 ms after a sync).
    sync
    (
        cd "$repo"
        "$schemagate" lint --staged migrations >/dev/null  # fills the cache for the warm runs
        hyperfine -N -i -w 3 -r "$runs" --style none --export-json "$out/staged-$name.json" \
            --prepare true --prepare true --prepare "rm -rf $XDG_CACHE_HOME/schemagate" \
            -n git "git diff --cached --quiet" \
            -n warm "$schemagate lint --staged migrations" \
            -n cold "$schemagate lint --staged migrations" \
            "${floor_cmd[@]}" >/dev/null 2>&1
    )
    python3 - "$out/staged-$name.json" "$name" \
        "$(git -C "$repo" rev-list --count HEAD)" "$(git -C "$repo" ls-files migrations | grep -c '\.sql$')" <<'PY'
import json, sys
path, name, commits, files = sys.argv[1:]
med = {r["command"]: r["median"] * 1000 for r in json.load(open(path))["results"]}
print(f"staged {name}: {commits} commits, {files} .sql files in the index: git diff --cached --quiet {med['git']:.1f} ms, "
      f"lint --staged warm {med['warm']:.1f} ms ({med['warm'] / med['git']:.2f}x), cold {med['cold']:.1f} ms ({med['cold'] / med['git']:.2f}x)"
      + (f"; libgit2 floor (git_floor) {med['git-floor']:.1f} ms ({med['git-floor'] / med['git']:.2f}x)" if "git-floor" in med else ""))
PY
done
