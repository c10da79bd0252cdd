#!/usr/bin/env bash
# The GitHub Action's main step (actions/schemagate/run.sh) run locally, with the files and
# variables a runner sets (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP,
# GITHUB_EVENT_NAME, GITHUB_BASE_REF, ...) pointing into a temp dir, on real git
# repositories, with the real schemagate binary and its ephemeral PostgreSQL: step summary,
# outputs, SARIF, annotations, comment body and exit codes (0 pass, 1 fail, 2 error).
#
# usage: tests/actions/run_sh_test.sh SCHEMAGATE_BIN [SOURCE_DIR]
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SCHEMAGATE_BIN [SOURCE_DIR]" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
run_sh=$src/actions/schemagate/run.sh
action_yml=$src/actions/schemagate/action.yml
if [ ! -x "$bin" ]; then
  echo "run_sh_test: $1 is not an executable schemagate binary" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "schemagate test"
git config --global user.email test@example.invalid
git config --global init.defaultBranch main
unset GITHUB_ACTIONS GITHUB_WORKSPACE GITHUB_EVENT_NAME GITHUB_BASE_REF GITHUB_OUTPUT \
  GITHUB_STEP_SUMMARY RUNNER_TEMP DATABASE_URL
for v in $(env | sed -n 's/^\(INPUT_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
expect() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

readonly k_users_sql='CREATE TABLE IF NOT EXISTS users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
'
readonly k_posts_sql='CREATE TABLE IF NOT EXISTS posts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL
);
'
# A blocking finding that needs no history: idempotency (CREATE TABLE without IF NOT EXISTS).
readonly k_bad_sql='CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
'

# Runs run.sh in the current directory as a runner would, for the case named $1; leaves
# $code, $stdout (file), $log (stdout + stderr), $out_file, $summary and $temp set.
run_step() {
  local case_dir=$tmp/runs/$1
  shift
  mkdir -p "$case_dir/temp"
  out_file=$case_dir/output
  summary=$case_dir/summary.md
  temp=$case_dir/temp
  stdout=$case_dir/stdout
  log=$case_dir/log
  : >"$out_file"
  : >"$summary"
  env SCHEMAGATE_BIN="$bin" RUNNER_TEMP="$temp" GITHUB_OUTPUT="$out_file" \
    GITHUB_STEP_SUMMARY="$summary" GITHUB_SERVER_URL=https://github.example \
    GITHUB_REPOSITORY=acme/app GITHUB_RUN_ID=42 "$@" \
    bash "$run_sh" >"$stdout" 2>"$case_dir/stderr"
  code=$?
  cat "$stdout" "$case_dir/stderr" >"$log"
}

output() { sed -n "s/^$1=//p" "$out_file" | tail -n 1; }

show_on_failure() {
  if [ "$failed" -gt "$1" ]; then
    echo "---- log of the failed case ----"
    cat "$log"
    echo "---- outputs ----"
    cat "$out_file"
  fi
}

# ---- action.yml and run.sh agree --------------------------------------------------------
missing=""
while read -r key; do
  grep -q "set_output $key " "$run_sh" || missing+=" $key"
done < <(grep -o 'steps\.run\.outputs\.[a-z-]*' "$action_yml" | sed 's/.*\.//' | sort -u)
expect "every steps.run output action.yml reads is written by run.sh${missing:+ (missing:$missing)}" \
  test -z "$missing"
missing=""
while read -r var; do
  grep -q "\${$var" "$run_sh" || missing+=" $var"
done < <(sed -n 's/^ *\(INPUT_[A-Z_]*\): .*/\1/p' "$action_yml")
expect "every INPUT_* variable action.yml sets is read by run.sh${missing:+ (missing:$missing)}" \
  test -z "$missing"
expect "action.yml and run.sh use the same comment marker" \
  test "$(grep -o '<!-- schemagate-report -->' "$action_yml" | head -n 1)" = \
  "$(grep -o '<!-- schemagate-report -->' "$run_sh" | head -n 1)"

# ---- a project: origin/main holds one applied migration ---------------------------------
git init -q --bare "$tmp/origin.git"
git clone -q "$tmp/origin.git" "$tmp/app" 2>/dev/null
cd "$tmp/app" || exit 1
mkdir migrations
printf '%s' "$k_users_sql" >migrations/0001_create_users.sql
git add -A
git commit -q -m "first migration"
git push -q origin main
first=$(git rev-parse HEAD)
git checkout -q -b feature
printf '%s' "$k_posts_sql" >migrations/0002_create_posts.sql
git add -A
git commit -q -m "second migration"

# ---- pass: a pull request that adds a clean migration -----------------------------------
before_failures=$failed
run_step pass GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main \
  GITHUB_ACTIONS=true GITHUB_WORKSPACE="$tmp/app"
expect "pass: exit code 0" test "$code" -eq 0
expect "pass: output verdict=pass" test "$(output verdict)" = pass
expect "pass: output exit-code=0" test "$(output exit-code)" = 0
expect "pass: output blockers=0" test "$(output blockers)" = 0
expect "pass: --base origin/main passed on a pull request" grep -q -- '--base origin/main' "$log"
expect "pass: step summary written" test -s "$summary"
expect "pass: SARIF written and named in the outputs" test -s "$(output sarif)"
expect "pass: SARIF is SARIF 2.1.0" grep -q '"2\.1\.0"' "$(output sarif)"
expect "pass: JSON report says pass" grep -Eq '"verdict" *: *"pass"' "$(output json)"
expect "pass: Markdown report named in the outputs" test -s "$(output markdown)"
expect "pass: comment body starts with the marker" \
  test "$(head -n 1 "$(output comment-body)")" = '<!-- schemagate-report -->'
expect "pass: workspace trusted in the (temp) global git config" \
  grep -qF "$tmp/app" "$HOME/.gitconfig"
show_on_failure "$before_failures"

# ---- fail: a pull request that adds a migration with a blocking finding ------------------
second=$(git rev-parse HEAD)
printf '%s' "$k_bad_sql" >migrations/0003_create_comments.sql
git add -A
git commit -q -m "blocking finding"
before_failures=$failed
run_step fail GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main
expect "fail: exit code 1" test "$code" -eq 1
expect "fail: output verdict=fail" test "$(output verdict)" = fail
expect "fail: output blockers >= 1" test "$(output blockers)" -ge 1
expect "fail: annotation on the file printed" \
  grep -q '^::error .*file=migrations/0003_create_comments.sql' "$stdout"
expect "fail: step summary names the rule" grep -q 'idempotency' "$summary"
expect "fail: SARIF names the rule" grep -q 'idempotency' "$(output sarif)"
expect "fail: comment body holds the report" grep -q 'idempotency' "$(output comment-body)"
show_on_failure "$before_failures"
git reset -q --hard "$second"

# ---- fail: a pull request that edits an applied migration (history) ---------------------
printf '%s' "$k_users_sql" | sed 's/email text NOT NULL/email text/' >migrations/0001_create_users.sql
git commit -q -a -m "edit the applied migration"
before_failures=$failed
run_step fail-immutable GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main
expect "edited applied migration: exit code 1, verdict=fail" \
  test "$code" -eq 1 -a "$(output verdict)" = fail
expect "edited applied migration: annotation on the edited file" \
  grep -q '^::error .*file=migrations/0001_create_users.sql' "$stdout"
expect "edited applied migration: step summary names immutable-migration" \
  grep -q 'immutable-migration' "$summary"
show_on_failure "$before_failures"

# ---- push: the pushed-over commit is the base --------------------------------------------
before_failures=$failed
run_step push GITHUB_EVENT_NAME=push SCHEMAGATE_EVENT_BEFORE="$first"
expect "push: --base is the pushed-over commit" grep -q -- "--base $first" "$log"
expect "push: edited migration fails the step" test "$code" -eq 1 -a "$(output verdict)" = fail
run_step push-new-branch GITHUB_EVENT_NAME=push \
  SCHEMAGATE_EVENT_BEFORE=0000000000000000000000000000000000000000 INPUT_BASE_REF=none
expect "push of a new branch: no --base" test "$(grep -c -- '--base' "$log")" -eq 0
run_step push-unknown-before GITHUB_EVENT_NAME=push \
  SCHEMAGATE_EVENT_BEFORE=1234567890123456789012345678901234567890 INPUT_BASE_REF=
expect "push from a commit not in the clone: warning, no --base" \
  test "$(grep -c -- '--base' "$log")" -eq 0 -a "$(grep -c '^::warning ' "$stdout")" -ge 1
show_on_failure "$before_failures"

# ---- errors: exit code 2 ----------------------------------------------------------------
git reset -q --hard HEAD~1
before_failures=$failed
run_step missing-base GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=no-such-branch
expect "missing base branch: exit code 2" test "$code" -eq 2
expect "missing base branch: verdict=error" test "$(output verdict)" = error
expect "missing base branch: annotation says fetch-depth: 0" \
  grep -q '^::error .*fetch-depth: 0' "$stdout"
expect "missing base branch: step summary says so" grep -q 'could not run' "$summary"

run_step missing-require GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main \
  INPUT_REQUIRE=no_such_required_schema.yaml
expect "missing required-schema file: exit code 2" test "$code" -eq 2
expect "missing required-schema file: verdict=error" test "$(output verdict)" = error
expect "missing required-schema file: step summary says could not run" \
  grep -q 'could not run' "$summary"

run_step unreachable-server GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main \
  INPUT_DATABASE_URL="postgresql://gate:s3cret-pw@/postgres?host=$tmp/no-server"
expect "unreachable server: exit code 2" test "$code" -eq 2
expect "unreachable server: the password appears nowhere" \
  test "$(cat "$log" "$summary" "$out_file" "$temp"/* 2>/dev/null | grep -c 's3cret-pw')" -eq 0

run_step no-binary GITHUB_EVENT_NAME=push SCHEMAGATE_BIN="$tmp/no/schemagate"
expect "binary missing: exit code 2 and verdict=error" \
  test "$code" -eq 2 -a "$(output verdict)" = error
show_on_failure "$before_failures"

echo "run_sh_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
