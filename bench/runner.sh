#!/usr/bin/env bash
# Runner benchmark, side by side in one run (medians of N runs, whole processes):
#   1. ephemeral PostgreSQL ready for connections: cold (empty pristine cache: initdb)
#      and warm (unpack of the cached pristine data directory), from runner_cluster_helper --once;
#   2. `schemagate run CORPUS` against the floor: the same server start (copy + postgres)
#      plus psql applying the same files in one session, one transaction per file.
# Usage: bench/runner.sh [CORPUS] (default ../shared/corpora/documenso)
# Env: BUILD (default build), RUNS (default 5), SCHEMAGATE (default $BUILD/schemagate; falls
# back to "$BUILD/tests/runner/runner_cluster_helper --run"), PG_BINDIR (default: pg_config --bindir).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/corpora/documenso}
build=${BUILD:-build}
runs=${RUNS:-5}
helper=$build/tests/runner/runner_cluster_helper
bindir=${PG_BINDIR:-$(pg_config --bindir)}
[ -x "$helper" ] || { echo "bench: build $helper first (cmake --build $build --target runner_cluster_helper)" >&2; exit 2; }
if [ -x "${SCHEMAGATE:-$build/schemagate}" ]; then
  run_cmd=("${SCHEMAGATE:-$build/schemagate}" run "$corpus")
else
  run_cmd=("$helper" --run "$corpus")
fi

work=$(mktemp -d /tmp/schemagate-bench-XXXXXX)
chmod 755 "$work"  # the server user must reach the floor's data directory
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -INT "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work" "${floor_base:-/nonexistent}/schemagate-bench-floor-$$"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# As root the server runs as postgres (like the runner does).
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)

# --- 1. ready, cold and warm
cold=(); warm=()
for _ in $(seq "$runs"); do
  rm -rf "$work/cache"
  cold+=("$(XDG_CACHE_HOME=$work/cache "$helper" --once | sed 's/ready_ms=\([0-9.]*\).*/\1/')")
  warm+=("$(XDG_CACHE_HOME=$work/cache "$helper" --once | sed 's/ready_ms=\([0-9.]*\).*/\1/')")
done
# initdb alone, with the runner's options, in the directory the runner uses: the floor of a cold start.
initdb_alone=()
initdb_base=/tmp
[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ] && initdb_base=/dev/shm
for _ in $(seq "$runs"); do
  dir=$initdb_base/schemagate-bench-initdb-$$
  rm -rf "$dir"; mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  t0=$(date +%s%N)
  "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync --wal-segsize=1 >/dev/null 2>&1
  initdb_alone+=($((($(date +%s%N) - t0) / 1000000)))
  rm -rf "$dir"
done
pristine=$work/pristine  # the floor copies the same pristine tree, unpacked once
XDG_CACHE_HOME=$work/cache "$helper" --pristine "$pristine"
# The floor's server lives where ours does: TMPDIR when set, else /dev/shm when it is a
# tmpfs with 1 GiB free (runner/local_cluster.cpp, temp_base), else /tmp.
floor_base=${TMPDIR:-}
if [ -z "$floor_base" ]; then
  floor_base=/tmp
  if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ] &&
     [ "$(df -k --output=avail /dev/shm | tail -1)" -ge 1048576 ]; then
    floor_base=/dev/shm
  fi
fi

# --- 2. files in apply order (for folder and NNNN_ layouts, sorted paths are the version order)
mapfile -t files < <(find "$corpus" -name '*.sql' ! -name '*.down.sql' | sort)
script=$work/apply.psql
for f in "${files[@]}"; do printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$(realpath "$f")" >> "$script"; done

floor_once() {
  local dir=$floor_base/schemagate-bench-floor-$$
  rm -rf "$dir"; mkdir -p "$dir"
  cp -a "$pristine" "$dir/data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  "${as_pg[@]}" "$bindir/postgres" -D "$dir/data" -k "$dir" -c listen_addresses= -c fsync=off \
    -c full_page_writes=off -c synchronous_commit=off -c autovacuum=off >"$dir/log" 2>&1 &
  server_pid=$!
  until "$bindir/pg_isready" -q -h "$dir" -U postgres; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/log" >&2; exit 2; }
    sleep 0.005
  done
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -f "$script" >/dev/null
  kill -INT "$server_pid"; wait "$server_pid" || true; server_pid=
  rm -rf "$dir"
}

floor=(); ours=()
for _ in $(seq "$runs"); do
  t0=$(now_ms); floor_once; t1=$(now_ms); floor+=($((t1 - t0)))
  t0=$(now_ms); XDG_CACHE_HOME=$work/cache "${run_cmd[@]}" >/dev/null; t1=$(now_ms); ours+=($((t1 - t0)))
done

m_cold=$(printf '%s\n' "${cold[@]}" | median)
m_warm=$(printf '%s\n' "${warm[@]}" | median)
m_floor=$(printf '%s\n' "${floor[@]}" | median)
m_ours=$(printf '%s\n' "${ours[@]}" | median)
m_initdb=$(printf '%s\n' "${initdb_alone[@]}" | median)
echo "ready cold (initdb):   ${m_cold} ms   (target <= 1000)"
echo "initdb alone:          ${m_initdb} ms   (the cold floor: same options, same file system)"
echo "ready warm (cached):   ${m_warm} ms   (target <= 250)"
echo "floor (start + psql):  ${m_floor} ms   ${#files[@]} files"
echo "schemagate run:        ${m_ours} ms   ratio $(awk -v a="$m_ours" -v b="$m_floor" 'BEGIN {printf "%.2f", a / b}') (target <= 1.25)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
