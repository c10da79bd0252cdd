#!/usr/bin/env bash
# One big schema dump in one file, as `pg_dump --schema-only` writes it (SET lines, comment
# headers, tables with defaults and checks, sequences, primary and foreign keys, indexes,
# comments, PL/pgSQL and BEGIN ATOMIC functions, triggers, views), linted cold (`schemagate lint --no-cache`),
# one whole process per size: wall time and peak RSS from /usr/bin/time -v. Issue 20: a file
# is parsed in pieces (linter/parse.hpp), so both grow linearly with the file's size.
#
#   bench/big_file.sh [BUILD_DIR]      default: build
#   SIZES="5 10 25 50" (default)       file sizes in MB (10^6 bytes, rounded up to a whole table)
#   KEEP=DIR                           write the files to DIR/<size>mb/0001_dump.sql and keep them
#                                      (for bench/reports_identical.sh-style comparisons)
#   SCHEMAGATE_PARSE_PIECE_BYTES=N     piece size (default 131072); a size above the file's
#                                      parses it whole, as before issue 20
#
# Needs: /usr/bin/time (apt-get install time), a built schemagate. Prints a Markdown table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
schemagate="$build/schemagate"
[[ -x $schemagate ]] || { echo "big_file.sh: $schemagate not found: build it first (see README)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "big_file.sh: /usr/bin/time not found: apt-get install time" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out=${KEEP:-$work}

# Writes a dump of at least $1 MB to $2/0001_dump.sql.
generate() {
    local mb=$1 dir=$2
    mkdir -p "$dir"
    awk -v bytes="$((mb * 1000000))" 'BEGIN {
        printf "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nSET lock_timeout = 0;\n"
        printf "SET client_encoding = '\''UTF8'\'';\nSET standard_conforming_strings = on;\n"
        printf "SELECT pg_catalog.set_config('\''search_path'\'', '\'''\'', false);\n"
        printf "SET check_function_bodies = false;\n\nCREATE SCHEMA app;\n\n"
        size = 0
        for (i = 1; size < bytes; i++) {
            t = sprintf("app.t_%d", i)
            s = sprintf("--\n-- Name: t_%d; Type: TABLE; Schema: app; Owner: app\n--\n\n", i)
            s = s sprintf("CREATE TABLE %s (\n    id bigint NOT NULL,\n    name text NOT NULL,\n", t)
            s = s sprintf("    parent_id bigint,\n    amount numeric(12,2) DEFAULT 0 NOT NULL,\n")
            s = s sprintf("    flags jsonb DEFAULT '\''{}'\''::jsonb,\n")
            s = s sprintf("    created_at timestamp with time zone DEFAULT now() NOT NULL,\n")
            s = s sprintf("    CONSTRAINT t_%d_amount_check CHECK ((amount >= (0)::numeric))\n);\n\n", i)
            s = s sprintf("ALTER TABLE %s OWNER TO app;\n\nCOMMENT ON TABLE %s IS '\''Table %d; of the dump'\'';\n\n", t, t, i)
            s = s sprintf("CREATE SEQUENCE app.t_%d_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n", i)
            s = s sprintf("ALTER SEQUENCE app.t_%d_id_seq OWNED BY %s.id;\n\n", i, t)
            s = s sprintf("ALTER TABLE ONLY %s ALTER COLUMN id SET DEFAULT nextval('\''app.t_%d_id_seq'\''::regclass);\n\n", t, i)
            s = s sprintf("ALTER TABLE ONLY %s\n    ADD CONSTRAINT t_%d_pkey PRIMARY KEY (id);\n\n", t, i)
            s = s sprintf("CREATE INDEX t_%d_name_idx ON %s USING btree (name);\n\n", i, t)
            if (i > 1) {
                s = s sprintf("ALTER TABLE ONLY %s\n    ADD CONSTRAINT t_%d_parent_fkey FOREIGN KEY (parent_id) REFERENCES app.t_%d(id);\n\n", t, i, i - 1)
            }
            if (i % 10 == 0) {
                s = s sprintf("CREATE FUNCTION app.touch_%d() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n    NEW.created_at := now();\n    RETURN NEW;\nEND;\n$$;\n\n", i)
                s = s sprintf("CREATE TRIGGER t_%d_touch BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION app.touch_%d();\n\n", i, t, i)
                s = s sprintf("CREATE FUNCTION app.total_%d(p bigint) RETURNS numeric\n    LANGUAGE sql\n    BEGIN ATOMIC\n SELECT sum(t.amount) AS sum\n    FROM %s t\n   WHERE (t.id = total_%d.p);\nEND;\n\n", i, t, i)
                s = s sprintf("CREATE VIEW app.v_%d AS\n SELECT t.id,\n    t.name\n   FROM %s t\n  WHERE (t.amount > (0)::numeric);\n\n", i, t)
            }
            printf "%s", s
            size += length(s)
        }
        printf "--\n-- PostgreSQL database dump complete\n--\n\n"
    }' > "$dir/0001_dump.sql"
}

echo "| file size (MB) | tables | wall (s) | peak RSS (MiB) | findings |"
echo "|---:|---:|---:|---:|---:|"
for mb in ${SIZES:-5 10 25 50}; do
    dir="$out/${mb}mb"
    generate "$mb" "$dir"
    status=0
    (cd "$work" && /usr/bin/time -v "$schemagate" lint --no-cache --format json --output "$work/report.json" "$dir") \
        2> "$work/time-$mb.txt" || status=$?
    if (( status > 1 )); then
        echo "big_file.sh: schemagate lint exited $status on $mb MB:" >&2
        cat "$work/time-$mb.txt" >&2
        exit 2
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$work/time-$mb.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time-$mb.txt")
    size=$(awk -v b="$(stat -c %s "$dir/0001_dump.sql")" 'BEGIN { printf "%.1f", b / 1e6 }')
    tables=$(grep -c '^CREATE TABLE' "$dir/0001_dump.sql" || true)
    findings=$(grep -o '"rule":' "$work/report.json" | wc -l)
    echo "| $size | $tables | $wall | $rss | $findings |"
done
