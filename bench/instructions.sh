#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of two schemagate binaries on the runs of
# bench/README.md's "all together" tables: counts the machine's load does not move, for a
# change too small for wall-clock medians to show.
#
#   bench/instructions.sh OLD NEW     two `schemagate` binaries (copy OLD out of the build
#                                     first: the lint cache is keyed by the binary's identity)
#
# Warm runs follow a first run under valgrind (which fills the caches). The repositories are
# bench/repos.sh's; realistic-1000 is 1,000 copies of ../shared/corpora's migrations, as
# bench/lint.sh makes it. Needs valgrind (apt-get install valgrind).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
corpora=$(cd "$here/../../shared/corpora" && pwd)
[[ $# -eq 2 && -x $1 && -x $2 ]] || { echo "usage: bench/instructions.sh OLD NEW (two schemagate binaries)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind not found: apt-get install valgrind" >&2; exit 2; }
binaries=("$(realpath "$1")" "$(realpath "$2")")
source "$here/repos.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/sg-instructions-XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

real_repo "$work/real" >/dev/null
synthetic_repo "$work/synthetic" >/dev/null
mkdir -p "$work/realistic-1000"
mapfile -t real < <(find "$corpora" -name '*.sql' -not -path '*/pg-regress/*' | sort)
for ((i = 0; i < 1000; i++)); do cp "${real[i % ${#real[@]}]}" "$work/realistic-1000/$((20240101000000 + i))_m$i.sql"; done

# Instructions of one run, in millions (whatever its exit status: lint exits 1 on findings).
instructions() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | awk '{printf "%.1f M", $1 / 1e6}'
}
warm() { instructions "$@" >/dev/null; instructions "$@"; }
files() { find "$1" -name '*.sql' | sort; }

echo "| run | $1 | $2 |"
echo "|---|---|---|"
row() {
    local name=$1 how=$2 dir=$3
    shift 3
    local cells=()
    for schemagate in "${binaries[@]}"; do cells+=("$(cd "$dir" && "$how" "$schemagate" "$@")"); done
    echo "| $name | ${cells[0]} | ${cells[1]} |"
}
mapfile -t documenso < <(files "$corpora/documenso")
mapfile -t supabase < <(files "$corpora/supabase-postgres")
mapfile -t realistic < <(files "$work/realistic-1000")
row "--version" instructions "$work" --version
row "hook, crates.io clone, warm" warm "$work/real" lint --staged migrations
row "hook, synthetic 1,000 x 5,000, warm" warm "$work/synthetic" lint --staged migrations
row "documenso, warm" warm "$work" lint "${documenso[@]}" --format json
row "realistic-1000, warm" warm "$work" lint "${realistic[@]}" --format json
row "supabase-postgres, --no-cache" instructions "$work" lint "${supabase[@]}" --format json --no-cache
row "realistic-1000, --no-cache" instructions "$work" lint "${realistic[@]}" --format json --no-cache
