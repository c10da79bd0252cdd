#!/usr/bin/env bash
# One large migration: N CREATE TABLE statements in a single file, linted cold
# (`schemagate lint --no-cache`), one whole process per size, wall time and peak RSS
# from /usr/bin/time -v. Per-file work must grow linearly: doubling N should double the
# time, not quadruple it (issue 20: 6.9 / 17 / 93 s for 10k / 20k / 40k before the fix).
#
#   bench/one_file.sh [BUILD_DIR]          default: build
#   SIZES="10000 20000 40000" (default)    statements per file
#   MIX=1                                  every table also gets an index, a foreign key
#                                          to the previous table and an ALTER TABLE
#
# Needs: /usr/bin/time (apt-get install time), a built schemagate. Prints a Markdown table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
schemagate="$build/schemagate"
[[ -x $schemagate ]] || { echo "one_file.sh: $schemagate not found: build it first (see README)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "one_file.sh: /usr/bin/time not found: apt-get install time" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Writes N statements to $2/0001_schema.sql.
generate() {
    local n=$1 dir=$2
    mkdir -p "$dir"
    awk -v n="$n" -v mix="${MIX:-0}" 'BEGIN {
        for (i = 1; i <= n; i++) {
            fk = (mix && i > 1) ? sprintf(", parent_id bigint REFERENCES t_%d (id)", i - 1) : ""
            printf "CREATE TABLE t_%d (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now()%s);\n", i, fk
            if (mix) {
                printf "CREATE INDEX t_%d_name_idx ON t_%d (name);\n", i, i
                printf "ALTER TABLE t_%d ADD COLUMN note text;\n", i
            }
        }
    }' > "$dir/0001_schema.sql"
}

echo "| statements | file size | wall (s) | peak RSS (MiB) |"
echo "|---:|---:|---:|---:|"
for n in ${SIZES:-10000 20000 40000}; do
    dir="$work/$n"
    generate "$n" "$dir"
    status=0
    (cd "$work" && /usr/bin/time -v "$schemagate" lint --no-cache --format json --output /dev/null "$dir") \
        2> "$work/time-$n.txt" || status=$?
    if (( status > 1 )); then
        echo "one_file.sh: schemagate lint exited $status on $n statements:" >&2
        cat "$work/time-$n.txt" >&2
        exit 2
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$work/time-$n.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/time-$n.txt")
    size=$(du -h "$dir/0001_schema.sql" | cut -f1)
    echo "| $n | $size | $wall | $rss |"
done
