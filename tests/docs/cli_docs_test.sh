#!/usr/bin/env bash
# Every flag that `schemagate <command> --help` shows is in that command's section of
# docs/cli.md (## `schemagate <command>`), and every command has a section.
# Usage: cli_docs_test.sh BINARY SOURCE_DIR
set -euo pipefail
bin=$1
doc=$2/docs/cli.md
[[ -f $doc ]] || { echo "FAIL: no $doc"; exit 1; }

# The subcommands a --help lists: the first word of each line under Subcommands: (CLI11).
subcommands() { awk 'toupper($0) ~ /^SUBCOMMANDS:/ { on = 1; next } on && /^[^ ]/ { on = 0 } on && NF { print $1 }'; }
# The long flags of a --help's option lines (lines starting with blanks and a dash).
flags() { grep -E '^ +-' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u | grep -vx -- '--help' || true; }
# The section of docs/cli.md for "schemagate <command>", up to the next "## ".
section() { awk -v head="## \`schemagate $1\`" 'index($0, head) == 1 { on = 1; next } on && /^## / { on = 0 } on'; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

commands=$("$bin" --help | subcommands)
[[ -n $commands ]] || { echo "FAIL: no commands in schemagate --help"; exit 1; }
grep -qF -- '--help' "$doc" || fail "--help is not in docs/cli.md"
grep -qF -- '--version' "$doc" || fail "--version is not in docs/cli.md"
checked=0
for command in $commands; do
    text=$(section "$command" < "$doc")
    [[ -n $text ]] || { fail "docs/cli.md has no section ## \`schemagate $command\`"; continue; }
    help=$("$bin" "$command" --help)
    for flag in $(flags <<< "$help"); do
        checked=$((checked + 1))
        grep -qF -- "\`$flag" <<< "$text" || fail "schemagate $command $flag is not in its section of docs/cli.md"
    done
    for sub in $(subcommands <<< "$help"); do
        grep -qF -- "schemagate $command $sub" <<< "$text" || fail "schemagate $command $sub is not in docs/cli.md"
        for flag in $("$bin" "$command" "$sub" --help | flags); do
            checked=$((checked + 1))
            grep -qF -- "\`$flag" <<< "$text" || fail "schemagate $command $sub $flag is not in docs/cli.md"
        done
    done
done
echo "$(wc -w <<< "$commands") commands, $checked flags checked against docs/cli.md"
[[ $failures -eq 0 ]]
