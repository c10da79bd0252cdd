#!/usr/bin/env bash
# Cost of the lock trace, side by side in one run: `schemagate check` with the trace (the
# default) and with --no-lock-trace, alternating, whole processes, median of N runs each:
# wall time, and CPU time (user + system of schemagate and of the PostgreSQL it started,
# which a loaded machine inflates less than wall time). With BASE=<another schemagate
# binary> (e.g. main's build), that binary's traced check runs in the same rotation: before
# and after a change to the trace, side by side.
# Usage: bench/lock_trace.sh [CORPUS...] (default: ../shared/corpora/documenso and harbor,
# harbor with its SETUP.sql). Env: BUILD (default build), RUNS (default 7), BASE.
# Where the time goes: `check --database-url` on a server started with
# shared_preload_libraries=pg_stat_statements (track=all, track_utility=on) counts and times
# each trace query (PREPARE schemagate_*: calls = statements per query kind); `perf record -a -g`
# around a check splits postgres and schemagate-db CPU (ExecuteQuery frames: the trace queries).
# Measured on documenso (PostgreSQL 15, pg_stat_statements): the trace query after each of 624
# statements ~0.11 ms of server time (pg_lock_status forms a row for every lock of every
# backend, predicate locks included); the relations query at the end of each of 164 migrations
# ~0.28 ms. Two traps seen there: a prepared query with a parameter is planned again at every
# execution when the planner expects a custom plan to win (plancache.c, choose_custom_plan:
# the relations query's oid range did, ~0.5 ms a migration), so the trace's queries take no
# parameter; and an uncorrelated EXISTS in a WHERE clause is a SubPlan run once per row
# (wrapped in a scalar sub-select it is an InitPlan, a one-time filter).
# The floor (2026-12-02, RUNS=11 side by side, scratch builds of 04076c0, load 1.1-1.4):
# documenso with --no-lock-trace 710 ms; the trace 950 ms (+34%); the trace with each
# statement followed by the clock only (no pg_locks read, no lock-free proof) 820 ms (+15.5%);
# the clock only and no per-migration relations read either 760 ms (+7%). Harbor: 560, 650
# (+16%), 590 (+5%), 570 ms (+2%). Reading no lock at all already costs the 15% target on
# documenso: 766 statements in 164 migrations, each statement one more query.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
runs=${RUNS:-7}
bin=$(realpath "$build/schemagate")
base=${BASE:+$(realpath "$BASE")}
[ "$#" -gt 0 ] || set -- ../shared/corpora/documenso ../shared/corpora/harbor

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (a / b - 1) * 100}'; }

modes=(on off)
[ -n "$base" ] && modes+=(base)
for corpus in "$@"; do
  corpus=$(realpath "$corpus")
  work=$(mktemp -d /tmp/schemagate-trace-bench-XXXXXX)
  config="migrations: $corpus"$'\n'
  [ -f "$corpus/SETUP.sql" ] && config+="setup: $corpus/SETUP.sql"$'\n'
  printf '%s' "$config" > "$work/schemagate.yaml"
  for _ in $(seq "$runs"); do
    for mode in "${modes[@]}"; do
      program=$bin; flag=()
      [ "$mode" = off ] && flag=(--no-lock-trace)
      [ "$mode" = base ] && program=$base
      (cd "$work" && /usr/bin/time -f '%e %U %S' -o "$work/time" \
         "$program" check --no-cache "${flag[@]}" --format json --output "$work/$mode.json" >/dev/null 2>&1) || true
      read -r wall user system < "$work/time"
      echo "$wall" | awk '{print $1 * 1000}' >> "$work/$mode.wall"
      awk -v u="$user" -v s="$system" 'BEGIN {print (u + s) * 1000}' >> "$work/$mode.cpu"
    done
  done
  for mode in "${modes[@]}"; do
    declare "wall_$mode=$(median < "$work/$mode.wall")" "cpu_$mode=$(median < "$work/$mode.cpu")"
  done
  statements=$(python3 -c "import json,sys; r=json.load(open('$work/on.json')); print(sum(len(m.get('statements',[])) for m in r['migrations']))")
  echo "$(basename "$corpus"): check with the lock trace ${wall_on} ms wall, ${cpu_on} ms CPU;" \
       "with --no-lock-trace ${wall_off} ms wall, ${cpu_off} ms CPU: trace $(percent "$wall_on" "$wall_off") wall," \
       "$(percent "$cpu_on" "$cpu_off") CPU; $statements statements traced, $runs runs each"
  if [ -n "$base" ]; then
    echo "  $(basename "$corpus"): BASE ($base) with the lock trace ${wall_base} ms wall, ${cpu_base} ms CPU:" \
         "trace $(percent "$wall_base" "$wall_off") wall, $(percent "$cpu_base" "$cpu_off") CPU"
  fi
  rm -rf "$work"
done
