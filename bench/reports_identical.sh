#!/usr/bin/env bash
# Output unchanged by a speed change: the reports of two schemagate binaries on every corpus
# of ../shared/corpora, compared byte for byte after leaving out what differs between runs
# (run_id, started_at, duration_ms; SARIF's startTimeUtc/endTimeUtc). Each binary gets its
# own cache directory, so each case is run three ways: --no-cache, cold (empty cache: the
# run that writes it) and warm (the same command again, reading it). The exit codes must
# match too.
#
#   bench/reports_identical.sh OLD_BINARY NEW_BINARY [CORPORA_DIR]
#   FORMATS="json sarif" (default: json)      report formats compared
#
# Cases, each from the directory the case names (file paths in reports are relative to it):
#   dir:<corpus>     `lint CORPUS` from outside any git work tree (with a schemagate.yaml naming its
#                    APPLY_ORDER.txt as `order:` when it has one: temporal, supabase-postgres)
#   files:all        `lint FILE...` on every *.sql file of all corpora at once (bench/lint.sh's "all")
#   git:<corpus>     the corpus committed on main in a fresh repository, then on a branch its
#                    first migration edited and its last deleted (edited only with an order file): `lint . --base main` (history
#                    checks, scope by base, findings kept on changed lines)
#   staged:<corpus>  the same edits staged on top of main: `lint --staged .` (the hook)
# Prints one line per case and "identical: N cases" (exit 0), or the first differing lines
# of each case that differs (exit 1).
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n '2,20p' "$0" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
corpora=$(cd "${3:-$here/../../shared/corpora}" && pwd)
formats=${FORMATS:-json}
for bin in "$old" "$new"; do [[ -x $bin ]] || { echo "reports_identical.sh: $bin is not executable" >&2; exit 2; }; done

work=$(mktemp -d "${TMPDIR:-/tmp}/sg-identical-XXXXXX")
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
git_q() { git -c user.name=bench -c user.email=bench@example.com "$@"; }

# Run-specific fields removed at any depth; the rest re-printed as it was (key order kept).
normalise() {
    python3 -c '
import json, sys
drop = {"run_id", "started_at", "duration_ms", "startTimeUtc", "endTimeUtc"}
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k not in drop}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
text = sys.stdin.read()
try:
    print(json.dumps(strip(json.loads(text)), indent=1, ensure_ascii=False))
except ValueError:
    sys.stdout.write(text)  # not JSON (text formats): compared as they are
'
}

# The git cases' repositories: base = the corpus, change = first migration edited, last deleted.
make_repo() {  # corpus, staged (0/1) -> repository path
    local name=$1 staged=$2 repo
    repo="$work/repos/$name-$staged"
    mkdir -p "$repo"
    cp -r "$corpora/$name/." "$repo"
    [[ ! -f $repo/APPLY_ORDER.txt ]] || printf 'migrations: .\norder: APPLY_ORDER.txt\n' > "$repo/schemagate.yaml"
    git_q -C "$repo" init -q -b main
    git_q -C "$repo" add -A
    git_q -C "$repo" commit -qm base
    [[ $staged == 1 ]] || git_q -C "$repo" checkout -q -b change
    mapfile -t files < <(cd "$repo" && find . -name '*.sql' | sort)
    printf -- '-- edited\nSELECT 1;\n' >> "$repo/${files[0]}"
    [[ -f $repo/APPLY_ORDER.txt ]] || rm "$repo/${files[-1]}"
    if [[ $staged == 1 ]]; then git_q -C "$repo" add -A; else git_q -C "$repo" commit -qam change; fi
    echo "$repo"
}

# case name, cwd, args...: runs both binaries the three ways, in every format; compares.
cases=0
failed=0
compare() {
    local name=$1 cwd=$2
    shift 2
    local format bin tag mode out status
    for format in $formats; do
        for tag in old new; do
            bin=${!tag}
            rm -rf "$work/cache-$tag"
            for mode in no-cache cold warm; do
                out="$work/out/$name.$format.$mode.$tag"
                mkdir -p "$(dirname "$out")"
                local extra=()
                [[ $mode == no-cache ]] && extra=(--no-cache)
                status=0
                (cd "$cwd" && XDG_CACHE_HOME="$work/cache-$tag" "$bin" lint "$@" "${extra[@]}" --format "$format" \
                    2>"$out.err") > "$out.raw" || status=$?
                { echo "exit $status"; normalise < "$out.raw"; } > "$out"
            done
        done
        for mode in no-cache cold warm; do
            cases=$((cases + 1))
            local a="$work/out/$name.$format.$mode.old" b="$work/out/$name.$format.$mode.new"
            if cmp -s "$a" "$b"; then
                printf '%-28s %-6s %-9s identical (%s bytes)\n' "$name" "$format" "$mode" "$(wc -c < "$a")"
            else
                failed=$((failed + 1))
                printf '%-28s %-6s %-9s DIFFERENT\n' "$name" "$format" "$mode"
                diff "$a" "$b" | head -20 | sed 's/^/    /'
            fi
        done
    done
}

for dir in "$corpora"/*/; do
    name=$(basename "$dir")
    cwd="$work/neutral/$name"  # outside any git work tree (mktemp's dir is not in one)
    mkdir -p "$cwd"
    [[ ! -f $dir/APPLY_ORDER.txt ]] || printf 'migrations: %s\norder: %s\n' "$dir" "$dir/APPLY_ORDER.txt" > "$cwd/schemagate.yaml"
    compare "dir:$name" "$cwd" "$dir"
done
mkdir -p "$work/neutral/all"
mapfile -t all < <(find "$corpora" -name '*.sql' | sort)
compare "files:all" "$work/neutral/all" "${all[@]}"
for dir in "$corpora"/*/; do
    name=$(basename "$dir")
    repo=$(make_repo "$name" 0)
    compare "git:$name" "$repo" . --base main
    repo=$(make_repo "$name" 1)
    compare "staged:$name" "$repo" --staged .
done

if ((failed > 0)); then
    echo "DIFFERENT: $failed of $cases cases"
    exit 1
fi
echo "identical: $cases cases"
