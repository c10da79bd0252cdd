#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS, seeded from ../shared/corpora at run time (the
# corpora are never copied into the repository). What libFuzzer learns is kept in
# BUILD_DIR/fuzz-corpus/TARGET, crashes in BUILD_DIR/fuzz-artifacts/. See fuzz/README.md.
#   usage: fuzz/run.sh BUILD_DIR fuzz_lint|fuzz_reports SECONDS [libFuzzer flags...]
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 BUILD_DIR fuzz_lint|fuzz_reports SECONDS [libFuzzer flags...]" >&2; exit 2; }
build=$(cd "$1" && pwd) target=$2 seconds=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
corpora=${SCHEMAGATE_CORPORA:-$here/../../shared/corpora}
[ -d "$corpora" ] || { echo "$0: no corpora in $corpora (set SCHEMAGATE_CORPORA)" >&2; exit 2; }
binary=$build/fuzz/$target
[ -x "$binary" ] || { echo "$0: no $binary: configure with clang and -DSCHEMAGATE_FUZZ=ON, build $target" >&2; exit 2; }
work=$build/fuzz-corpus/$target
seeds=$build/fuzz-seeds/$target
artifacts=$build/fuzz-artifacts/
mkdir -p "$work" "$seeds" "$artifacts"
# Seeds: each migration of the corpora, at most 64 KiB (longer inputs only slow the search);
# for the writers its path, a newline, then its first 2 KiB, so that file names and SQL
# text become fuzzed findings.
find "$corpora" -type f -name '*.sql' -size -65k -print0 |
while IFS= read -r -d '' file; do
    seed=$seeds/$(printf '%s' "$file" | sha1sum | cut -c1-16)
    [ -e "$seed" ] && continue
    if [ "$target" = fuzz_lint ]; then
        cp "$file" "$seed"
    else
        { printf '%s\n' "${file#"$corpora"/}"; head -c 2048 "$file"; } > "$seed"
    fi
done
exec "$binary" "$work" "$seeds" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts" -print_final_stats=1 "$@"
