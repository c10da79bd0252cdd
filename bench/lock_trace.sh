#!/usr/bin/env bash
# Cost of the lock trace, side by side in one run: `schemagate check` with the trace (the
# default) and with --no-lock-trace, alternating, whole processes, median of N runs each.
# Usage: bench/lock_trace.sh [CORPUS...] (default: ../shared/corpora/documenso and harbor,
# harbor with its SETUP.sql). Env: BUILD (default build), RUNS (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
runs=${RUNS:-7}
bin=$(realpath "$build/schemagate")
[ "$#" -gt 0 ] || set -- ../shared/corpora/documenso ../shared/corpora/harbor

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for corpus in "$@"; do
  corpus=$(realpath "$corpus")
  work=$(mktemp -d /tmp/schemagate-trace-bench-XXXXXX)
  config="migrations: $corpus"$'\n'
  [ -f "$corpus/SETUP.sql" ] && config+="setup: $corpus/SETUP.sql"$'\n'
  printf '%s' "$config" > "$work/schemagate.yaml"
  on=(); off=()
  for _ in $(seq "$runs"); do
    for mode in on off; do
      flag=(); [ "$mode" = off ] && flag=(--no-lock-trace)
      start=$(now_ms)
      (cd "$work" && "$bin" check --no-cache "${flag[@]}" --format json --output "$work/$mode.json" >/dev/null 2>&1) || true
      took=$(( $(now_ms) - start ))
      if [ "$mode" = on ]; then on+=("$took"); else off+=("$took"); fi
    done
  done
  m_on=$(printf '%s\n' "${on[@]}" | median)
  m_off=$(printf '%s\n' "${off[@]}" | median)
  statements=$(python3 -c "import json,sys; r=json.load(open('$work/on.json')); print(sum(len(m.get('statements',[])) for m in r['migrations']))")
  echo "$(basename "$corpus"): check ${m_on} ms with the lock trace, ${m_off} ms without (--no-lock-trace):" \
       "$(awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "%+.1f%%", (a / b - 1) * 100}'), $statements statements traced, $runs runs each"
  rm -rf "$work"
done
