#!/usr/bin/env bash
# This repository's .pre-commit-hooks.yaml run by the pre-commit framework that Debian 12
# ships (pre-commit 3.0.4, package pre-commit, installed by scripts/install-deps.sh):
# `pre-commit validate-manifest`, then `pre-commit try-repo SOURCE_DIR schemagate-lint` in a
# temporary git repository, with the real schemagate on PATH. try-repo clones SOURCE_DIR
# locally (with its uncommitted changes) and needs no network for `language: system`.
# A clean staged migration passes, one with a blocking finding fails the hook, a commit that
# stages no migration skips it, and `pre-commit install` + `git commit` behaves the same.
#
# usage: tests/hooks/pre_commit_framework_test.sh SCHEMAGATE_BIN [SOURCE_DIR]
# Fails (never skips) when pre-commit is not installed: CI runs it after install-deps.sh.
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SCHEMAGATE_BIN [SOURCE_DIR]" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
if [ ! -x "$bin" ]; then
  echo "pre_commit_framework_test: $1 is not an executable schemagate binary" >&2
  exit 2
fi
pre_commit=$(command -v pre-commit) || {
  echo "pre_commit_framework_test: pre-commit not found; run scripts/install-deps.sh (Debian package pre-commit)" >&2
  exit 1
}
echo "pre_commit_framework_test: $("$pre_commit" --version), binary $bin, hooks from $src"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# An isolated git and pre-commit: no user or system config, a fresh pre-commit cache.
export HOME=$tmp/home
export GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME=$tmp/pre-commit-cache
export PRE_COMMIT_COLOR=never
mkdir -p "$HOME"
unset SCHEMAGATE SCHEMAGATE_SKIP_HOOK GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SKIP
# schemagate (and schemagate-db beside it) on PATH, as `language: system` requires.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/schemagate"
PATH=$tmp/bin:$(dirname "$pre_commit"):$(dirname "$(command -v git)"):/usr/bin:/bin
export PATH
# The identity is passed on every commit, not read from a config the machine may lack.
git_id=(-c user.name="schemagate test" -c user.email=test@example.invalid -c init.defaultBranch=main)

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
expect() {  # expect NAME COMMAND...: passes when COMMAND succeeds
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}
show() { printf '%s\n' "$1" | sed 's/^/    | /'; }

readonly k_users_sql='CREATE TABLE IF NOT EXISTS users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
'
# A blocking finding that needs no history: idempotency (CREATE TABLE without IF NOT EXISTS).
readonly k_bad_sql='CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
'

out=$("$pre_commit" validate-manifest "$src/.pre-commit-hooks.yaml" 2>&1)
expect "validate-manifest accepts .pre-commit-hooks.yaml" test $? -eq 0
[ -n "$out" ] && show "$out"

repo=$tmp/project
git "${git_id[@]}" init -q "$repo" || exit 1
cd "$repo" || exit 1
printf '# project\n' >README.md
git add README.md && git "${git_id[@]}" commit -q -m "initial" || exit 1

try_repo() { "$pre_commit" try-repo "$src" schemagate-lint 2>&1; }

# 1. A clean new migration: the hook runs and passes.
mkdir -p migrations
printf '%s' "$k_users_sql" >migrations/0001_users.sql
git add migrations/0001_users.sql
out=$(try_repo)
code=$?
expect "try-repo, clean staged migration: exit 0" test "$code" -eq 0
expect "try-repo, clean staged migration: the hook ran and passed" \
  grep -Eq '^schemagate lint\.+Passed' <<<"$out"
[ "$code" -eq 0 ] || show "$out"
git "${git_id[@]}" commit -q --no-verify -m "users" || exit 1

# 2. A staged migration with a blocking finding: the hook fails and says why.
printf '%s' "$k_bad_sql" >migrations/0002_comments.sql
git add migrations/0002_comments.sql
out=$(try_repo)
code=$?
expect "try-repo, bad staged migration: exit non-zero" test "$code" -ne 0
expect "try-repo, bad staged migration: the hook failed" grep -Eq '^schemagate lint\.+Failed' <<<"$out"
expect "try-repo, bad staged migration: the finding is shown" grep -q 'idempotency' <<<"$out"
if [ "$code" -eq 0 ] || ! grep -q 'idempotency' <<<"$out"; then show "$out"; fi
git reset -q -- migrations/0002_comments.sql
rm -f migrations/0002_comments.sql

# 3. No migration staged: the files pattern keeps the hook from running.
printf 'more\n' >>README.md
git add README.md
out=$(try_repo)
code=$?
expect "try-repo, no migration staged: exit 0" test "$code" -eq 0
expect "try-repo, no migration staged: the hook is skipped" \
  grep -Eq '^schemagate lint\.+\(no files to check\)Skipped' <<<"$out"
[ "$code" -eq 0 ] || show "$out"
git "${git_id[@]}" commit -q --no-verify -m "readme" || exit 1

# 4. Installed as users do: .pre-commit-config.yaml naming this repository at a commit that
# holds the current manifest, `pre-commit install`, then real `git commit`s.
hooks_repo=$tmp/schemagate-hooks
git "${git_id[@]}" init -q "$hooks_repo" || exit 1
cp "$src/.pre-commit-hooks.yaml" "$hooks_repo/"
git -C "$hooks_repo" add .pre-commit-hooks.yaml &&
  git -C "$hooks_repo" "${git_id[@]}" commit -q -m "hooks" || exit 1
rev=$(git -C "$hooks_repo" rev-parse HEAD)
cat >.pre-commit-config.yaml <<CONFIG
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: schemagate-lint
CONFIG
git add .pre-commit-config.yaml && git "${git_id[@]}" commit -q --no-verify -m "pre-commit config" || exit 1
out=$("$pre_commit" install 2>&1)
expect "pre-commit install" test $? -eq 0
printf '%s' "$k_bad_sql" >migrations/0002_comments.sql
git add migrations/0002_comments.sql
before=$(git rev-parse HEAD)
out=$(git "${git_id[@]}" commit -q -m "bad migration" 2>&1)
expect "installed: a commit with a bad migration is refused" test "$(git rev-parse HEAD)" = "$before"
expect "installed: the refusal names the finding" grep -q 'idempotency' <<<"$out"
printf '%s' "${k_bad_sql/CREATE TABLE/CREATE TABLE IF NOT EXISTS}" >migrations/0002_comments.sql
git add migrations/0002_comments.sql
out=$(git "${git_id[@]}" commit -q -m "good migration" 2>&1)
expect "installed: a commit with a clean migration goes through" test "$(git rev-parse HEAD)" != "$before"
[ "$(git rev-parse HEAD)" != "$before" ] || show "$out"

echo "pre_commit_framework_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
