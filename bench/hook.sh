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

# 5,000 commits on main: every 5th adds a migration (0001..1000), the others edit one of
# 50 source files; commits 2501 and 4001 edit an applied migration (for the audit).
fast_import_stream() {
    awk 'function blob(path, body) { printf "M 100644 inline %s\ndata %d\n%s\n", path, length(body), body }
    function table(n) {
        return sprintf("-- create table_%d\nCREATE TABLE IF NOT EXISTS table_%d (\n    id bigint PRIMARY KEY,\n" \
                       "    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()\n);\n", n, n)
    }
    BEGIN {
        migration = 0
        for (k = 1; k <= 5000; k++) {
            message = sprintf("commit %d", k)
            printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n", k, 1600000000 + k * 600
            printf "data %d\n%s\n", length(message), message
            if (k > 1) { printf "from :%d\n", k - 1 }
            if (k % 5 == 0) {
                migration++
                blob(sprintf("migrations/%04d_create_table_%d.sql", migration, migration), table(migration))
            } else if (k == 2501 || k == 4001) {
                n = k == 2501 ? 10 : 200
                blob(sprintf("migrations/%04d_create_table_%d.sql", n, n), table(n) "-- edited later\n")
            } else {
                blob(sprintf("src/module_%d.txt", k % 50), sprintf("revision %d\n", k))
            }
            printf "\n"
        }
    }'
}

make_repo() {
    local repo=$work/repo
    git init -q -b main "$repo"
    fast_import_stream | git -C "$repo" fast-import --quiet
    git -C "$repo" repack -adq
    git -C "$repo" update-ref refs/remotes/origin/main refs/heads/main
    git -C "$repo" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main
    git -C "$repo" reset -q --hard main
    git -C "$repo" checkout -q -b feature
    for n in 1001 1002 1003; do
        printf 'CREATE TABLE IF NOT EXISTS staged_%d (id bigint PRIMARY KEY);\n' "$n" >"$repo/migrations/${n}_staged_$n.sql"
    done
    git -C "$repo" add migrations
    echo "$repo"
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
