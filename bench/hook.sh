#!/usr/bin/env bash
# The pre-commit benchmark (ARCHITECTURE.md, "Performance"): `lint --staged` in a repository
# of 1,000 migrations and 5,000 commits with 3 staged files, 50 ms median end to end; and
# the `history` audit over the same repository, under 2 s.
#
# usage: bench/hook.sh [BUILD_DIR]      (default: build; RUNS=N to change the run count)
#
# Builds the repository with `git fast-import` (a few seconds), then times whole processes,
# medians: `schemagate lint --staged` and `schemagate history` when BUILD_DIR/schemagate
# exists, and bench/history_bench.cpp (the history library alone, and with the linter)
# when BUILD_DIR/bench/history_bench exists (cmake --build BUILD_DIR --target history_bench). Uses hyperfine when installed, else
# a loop. The lint cache lives in a temp dir: warm runs after the first. KEEP=1 keeps the
# temp dir (repository and cache) for profiling.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${RUNS:-30}
work=$(mktemp -d "${TMPDIR:-/tmp}/sg-hook-bench-XXXXXX")
if [ -n "${KEEP:-}" ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export XDG_CACHE_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

source "$root/bench/repos.sh"

make_repo() {
    synthetic_repo "$work/repo"
    echo "$work/repo"
}

# median NAME COMMAND...: whole-process wall time, median of $runs runs after 3 warm-ups.
median() {
    local name=$1
    shift
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
        printf '%-44s %8.1f ms\n' "$name" "$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$work/h.json" | head -1 | awk '{print $1 * 1000}')"
        return
    fi
    local i start end
    for i in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        echo $(((end - start) / 1000))
    done | sort -n | awk -v name="$name" '{ t[NR] = $1 } END {
        m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%-44s %8.1f ms\n", name, m / 1000 }'
}

start=$(date +%s%N)
repo=$(make_repo)
echo "repository: $(git -C "$repo" rev-list --count main) commits, $(ls "$repo/migrations" | wc -l) migrations," \
     "$(git -C "$repo" diff --cached --name-only | wc -l) staged; built in $((($(date +%s%N) - start) / 1000000)) ms"
cd "$repo"

median "git diff --cached --quiet (the hook's gate)" git diff --cached --quiet
bench=$build/bench/history_bench
if [ -x "$bench" ]; then
    "$bench" staged migrations --lint >/dev/null 2>&1 || true
    median "history_bench staged (history only)" "$bench" staged migrations
    median "history_bench staged --lint (warm cache)" "$bench" staged migrations --lint
    median "history_bench check (working tree)" "$bench" check migrations
    median "history_bench audit" "$bench" audit migrations
    "$bench" staged migrations --lint 2>&1 >/dev/null | sed 's/^/  /' || true
    "$bench" audit migrations 2>&1 >/dev/null | sed 's/^/  /' || true
fi
if [ ! -x "$bench" ] && [ ! -x "$build/schemagate" ]; then
    echo "hook: nothing to time in $build: build the schemagate or history_bench target" >&2
    exit 2
fi
if [ -x "$build/schemagate" ]; then
    median "schemagate lint --staged" "$build/schemagate" lint --staged migrations
    if "$build/schemagate" history --help >/dev/null 2>&1; then
        median "schemagate history" "$build/schemagate" history migrations
    fi
fi
