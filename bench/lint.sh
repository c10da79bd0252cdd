#!/usr/bin/env bash
# Lint speed and memory: `schemagate lint --format json` (cold with --no-cache, and warm)
# against squawk 2.66 (`--reporter json`) and the bare libpg_query parse of the same files
# (bench/parse_floor.cpp), whole processes, medians side by side in one hyperfine run per
# corpus. Then peak RSS on a 10,000-file set built from the corpora in a temp dir.
#
#   bench/lint.sh [CORPORA_DIR] [BUILD_DIR]      defaults: ../shared/corpora, build
#   RUNS=N (default 10) runs per command (RUNS_10K, default 3, on the 10,000-file set);
#   SKIP_SPEED=1 measures memory only. bench/all.sh runs it with the other benchmarks.
#
# Needs: hyperfine (apt-get install hyperfine), python3, /usr/bin/time (apt-get install time),
# npm (squawk-cli is installed into bench/node_modules on first use), a built schemagate.
# Writes bench/out/lint-<corpus>.json (hyperfine exports), bench/out/lint-rss.tsv (peak RSS,
# KiB) and prints Markdown tables.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpora=$(cd "${1:-$root/../shared/corpora}" && pwd)
build=$(cd "${2:-$root/build}" && pwd)
out="$here/out"
mkdir -p "$out"

schemagate="$build/schemagate"
[[ -x $schemagate ]] || { echo "lint.sh: $schemagate not found: build it first (see README)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "lint.sh: hyperfine not found: apt-get install hyperfine" >&2; exit 2; }

# The bare parse: the CMake target when bench/ is part of the build, else compiled here.
floor="$build/bench/parse_floor"
if ! cmake --build "$build" --target parse_floor >/dev/null 2>&1 || [[ ! -x $floor ]]; then
    floor="$out/parse_floor"
    c++ -O2 -std=c++20 "$here/parse_floor.cpp" -o "$floor" -lpg_query -lpthread
fi

squawk="$here/node_modules/@squawk-cli/linux-x64/bin/squawk"
if [[ ! -x $squawk ]]; then
    (cd "$here" && npm install --no-audit --no-fund >/dev/null)
fi
"$squawk" --version | grep -q '2\.66\.' || { echo "lint.sh: expected squawk 2.66 in bench/node_modules" >&2; exit 2; }

cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
export XDG_CACHE_HOME="$cache"

runs=${RUNS:-10}
rows=()
bench_files() {  # name, file list
    local name=$1 list=$2
    # Paths relative to the files' common directory, run from there: 4 commands of 10,000
    # absolute paths would pass ARG_MAX (2 MiB) in hyperfine's own arguments.
    local files base
    base=$(python3 -c 'import os, sys; print(os.path.commonpath([l.strip() for l in open(sys.argv[1])]))' "$list")
    [[ -d $base ]] || base=$(dirname "$base")
    files=$(sed "s|^$base/||" "$list" | tr '\n' ' ')
    pushd "$base" >/dev/null
    local r=$runs
    (( $(wc -l < "$list") <= 5000 )) || r=${RUNS_10K:-3}  # 10,000 files: seconds a run
    # Warm the cache once; cold runs wipe it first so that they never read it.
    "$schemagate" lint $files --format json >/dev/null 2>&1 || true
    # A command is one argument of hyperfine's, at most 128 KiB (MAX_ARG_STRLEN): longer file
    # lists go through a script that dash execs (~1 ms more for every command alike).
    local -a cmds=("$squawk --reporter json $files" "$floor $files" "$schemagate lint $files --format json --no-cache"
                   "$schemagate lint $files --format json")
    if (( ${#files} > 100000 )); then
        local k
        for k in 0 1 2 3; do
            printf 'exec %s\n' "${cmds[k]}" > "$out/cmd-$name-$k.sh"
            cmds[k]="sh $out/cmd-$name-$k.sh"
        done
    fi
    # --prepare pairs with the commands in order: cold runs start from an empty cache.
    hyperfine -N -i -w 1 -r "$r" --style none --export-json "$out/lint-$name.json" \
        --prepare true --prepare true --prepare "rm -rf $cache/schemagate" --prepare true \
        -n squawk "${cmds[0]}" -n parse-floor "${cmds[1]}" -n cold "${cmds[2]}" -n warm "${cmds[3]}" >/dev/null 2>&1
    rows+=("$name $(wc -l < "$list") $(sed "s|^$base/||" "$list" | xargs cat | wc -c)")
    popd >/dev/null
}

# N small migrations in DIR that produce no finding: the per-file cost alone.
clean_migrations() {  # dir, count
    python3 - "$1" "$2" <<'PY'
import sys
for i in range(int(sys.argv[2])):
    with open(f"{sys.argv[1]}/{20240101000000 + i}_m{i}.sql", "w") as f:
        f.write("SET lock_timeout = '5s';\n")
        for k in range(8):
            f.write(f"CREATE TABLE IF NOT EXISTS t_{i}_{k} (id bigint PRIMARY KEY, name text NOT NULL, "
                    f"created_at timestamptz NOT NULL DEFAULT now());\n")
PY
}

lists="$out/lists"
rm -rf "$lists" && mkdir -p "$lists"
for dir in "$corpora"/*/; do
    name=$(basename "$dir")
    find "$dir" -name '*.sql' | sort > "$lists/$name"
done
cat "$lists"/* > "$lists/all"
# The warm target's own scale (ARCHITECTURE.md: "a warm run over 1,000 files"): 1,000 copies
# of the real migrations (pg-regress left out: it is a test suite, not migrations) under new
# names, and 1,000 generated clean ones (no finding: the per-file cost alone).
sets="$cache/sets"
mkdir -p "$sets/realistic-1000" "$sets/clean-1000" "$sets/clean-10000"
mapfile -t real < <(grep -v /pg-regress/ "$lists/all")
for ((i = 0; i < 1000; i++)); do
    cp "${real[i % ${#real[@]}]}" "$sets/realistic-1000/$((20240101000000 + i))_m$i.sql"
done
clean_migrations "$sets/clean-1000" 1000
clean_migrations "$sets/clean-10000" 10000  # the 10,000 generated files of issue 18's table
for set in realistic-1000 clean-1000 clean-10000; do find "$sets/$set" -name '*.sql' | sort > "$lists/$set"; done
[[ -n ${SKIP_SPEED:-} ]] || for list in "$lists"/*; do bench_files "$(basename "$list")" "$list"; done

[[ -n ${SKIP_SPEED:-} ]] || python3 - "$out" "${rows[@]}" <<'PY'
import json, sys
out, rows = sys.argv[1], sys.argv[2:]
print("| corpus | files | MB | squawk ms | parse floor ms | cold ms | warm ms | cold vs squawk | cold / floor | cold / warm |")
print("|---|---|---|---|---|---|---|---|---|---|")
for row in rows:
    name, files, size = row.split()
    results = {r["command"]: r for r in json.load(open(f"{out}/lint-{name}.json"))["results"]}
    med = {k: results[k]["median"] * 1000 for k in results}
    print(f"| {name} | {files} | {int(size)/1e6:.2f} | {med['squawk']:.1f} | {med['parse-floor']:.1f} | {med['cold']:.1f} | "
          f"{med['warm']:.1f} | {med['squawk']/med['cold']:.1f}x | {med['cold']/med['parse-floor']:.2f} | {med['cold']/med['warm']:.1f}x |")
PY

# Process start-up alone, the fixed cost in every row above: `schemagate --version` against
# parse_floor with no file (the shared libraries each maps and initialises).
if [[ -z ${SKIP_SPEED:-} ]]; then
    hyperfine -N -w 3 -r $((runs * 5)) --style none --export-json "$out/lint-startup.json" \
        -n floor "$floor" -n schemagate "$schemagate --version" >/dev/null 2>&1
    python3 - "$out/lint-startup.json" <<'PY'
import json, sys
med = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
print(f"\nstart-up: schemagate --version {med['schemagate']:.1f} ms, parse_floor without files {med['floor']:.1f} ms")
PY
fi

# Peak RSS on 10,000 files: copies of the corpora's files under new names (findings-heavy),
# and 10,000 small generated migrations that produce no finding (the per-file cost alone).
rss() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1; }
memory() {  # name, directory
    local name=$1 dir=$2 cold warm bare findings findings_kib
    cold=$(rss "$schemagate" lint "$dir" --format json --no-cache)
    "$schemagate" lint "$dir" --format json >/dev/null 2>&1 || true
    warm=$(rss "$schemagate" lint "$dir" --format json)
    bare=$(rss "$floor" "$dir"/*.sql)
    # The findings' count and own size (their compact JSON, in KiB: what the target adds to 64 MiB).
    read -r findings findings_kib < <({ "$schemagate" lint "$dir" --format json 2>/dev/null || true; } |
        python3 -c 'import json,sys; f=json.load(sys.stdin)["findings"]; print(len(f), len(json.dumps(f, separators=(",", ":"))) // 1024)')
    echo "| $name | $(du -sm --apparent-size "$dir" | cut -f1) | $findings | $((cold / 1024)) | $((warm / 1024)) | $((bare / 1024)) |"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$findings" "$cold" "$warm" "$bare" "$findings_kib" >> "$out/lint-rss.tsv"  # KiB
}
copies="$cache/corpus-10k"
generated="$sets/clean-10000"
mkdir -p "$copies"
mapfile -t all < "$lists/all"
for ((i = 0; i < 10000; i++)); do
    cp "${all[i % ${#all[@]}]}" "$copies/$((20240101000000 + i))_m$i.sql"
done
echo
echo "| 10,000 files | MB | findings | peak RSS cold MiB | warm MiB | parse floor MiB |"
echo "|---|---|---|---|---|---|"
rm -f "$out/lint-rss.tsv"
memory "copies of the corpora" "$copies"
memory "generated, clean" "$generated"
