#!/usr/bin/env bash
# The git pre-commit hook (hooks/pre-commit) in real temporary repositories, with the real
# `git commit` and the real schemagate binary: silent when no migration is staged, a clean
# new migration goes through, an edited or deleted applied migration is refused (also with
# `git commit -a`'s temporary index), --no-verify bypasses, an existing hook is chained,
# the migrations directory comes from schemagate.yaml.
#
# usage: tests/hooks/pre_commit_test.sh SCHEMAGATE_BIN [SOURCE_DIR]
# The hook is installed with `schemagate hook install` when the binary has that command
# (then core.hooksPath, worktrees and `hook uninstall` are checked too), else by copying
# hooks/pre-commit with its placeholder replaced, as the installer does.
# SCHEMAGATE_HOOK_INSTALL=cli|copy forces one way. Prints the hook's cost on a commit that
# stages no migration (measured, not asserted).
set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 SCHEMAGATE_BIN [SOURCE_DIR]" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")
src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
hook_src=$src/hooks/pre-commit
if [ ! -x "$bin" ]; then
  echo "pre_commit_test: $1 is not an executable schemagate binary" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# An isolated git: no user or system config (a global core.hooksPath would move the hook).
export HOME=$tmp/home
export GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "schemagate test"
git config --global user.email test@example.invalid
git config --global init.defaultBranch main
git config --global advice.detachedHead false
# No schemagate on PATH: the hook finds the binary through $SCHEMAGATE or its baked path.
PATH=$(dirname "$(command -v git)"):/usr/bin:/bin
export PATH
unset SCHEMAGATE SCHEMAGATE_SKIP_HOOK GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

mode=${SCHEMAGATE_HOOK_INSTALL:-}
if [ -z "$mode" ]; then
  if "$bin" hook --help >/dev/null 2>&1; then mode=cli; else mode=copy; fi
fi
echo "pre_commit_test: binary $bin, hook installed by: $mode"

passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
expect() {  # expect NAME COMMAND...: passes when COMMAND succeeds
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
readonly k_comments_sql='CREATE TABLE IF NOT EXISTS comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
'
# A blocking finding that needs no history: idempotency (CREATE TABLE without IF NOT EXISTS).
readonly k_bad_sql='CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
'

# Installs the hook into the repository in the current directory.
install_hook() {
  if [ "$mode" = cli ]; then
    "$bin" hook install
    return
  fi
  local hooks_dir
  hooks_dir=$(git rev-parse --git-path hooks) || return 1
  mkdir -p "$hooks_dir"
  if [ -e "$hooks_dir/pre-commit" ] && ! grep -q '^# schemagate-hook:' "$hooks_dir/pre-commit"; then
    mv "$hooks_dir/pre-commit" "$hooks_dir/pre-commit.schemagate-chained"
  fi
  local escaped=${bin//\'/\'\\\'\'}
  escaped=${escaped//|/\\|}
  sed "s|@SCHEMAGATE_BIN@|$escaped|" "$hook_src" >"$hooks_dir/pre-commit" &&
    chmod +x "$hooks_dir/pre-commit"
}

# A clone of a bare "origin" whose main holds migrations/0001_create_users.sql; the clone
# works on branch feature, so origin/main is the base whose migrations count as applied.
make_repo() {
  local name=$1
  git init -q --bare "$tmp/$name.git"
  git clone -q "$tmp/$name.git" "$tmp/$name" 2>/dev/null
  (
    cd "$tmp/$name" || exit 1
    mkdir migrations
    printf '%s' "$k_users_sql" >migrations/0001_create_users.sql
    echo "# $name" >README.md
    git add -A && git commit -q -m "first migration" && git push -q origin main &&
      git checkout -q -b feature
  )
}

head_of() { git -C "$1" rev-parse HEAD; }

# ---- the script itself ----------------------------------------------------------------
expect "hook script: exactly one @SCHEMAGATE_BIN@ placeholder" \
  test "$(grep -o '@SCHEMAGATE_BIN@' "$hook_src" | wc -l)" -eq 1
expect "hook script: placeholder is a single-quoted assignment" \
  grep -qx "SCHEMAGATE_BIN='@SCHEMAGATE_BIN@'" "$hook_src"
expect "hook script: /bin/sh shebang and marker line" \
  test "$(sed -n 1p "$hook_src")" = "#!/bin/sh" -a "$(sed -n 2p "$hook_src" | cut -c1-18)" = "# schemagate-hook:"
expect "hook script: parses with sh -n" sh -n "$hook_src"
expect "hook script: is executable in the source tree" test -x "$hook_src"

# ---- install, fast path ---------------------------------------------------------------
make_repo main_repo
repo=$tmp/main_repo
cd "$repo" || exit 1
expect "install: hook written" install_hook
hook=$(git rev-parse --git-path hooks)/pre-commit
expect "install: hook is executable and marked" grep -q '^# schemagate-hook:' "$hook"
expect "install: placeholder replaced by the binary's path" \
  grep -qxF "SCHEMAGATE_BIN='$bin'" "$hook"

echo "more" >>README.md
git add README.md
before=$(head_of .)
out=$(SCHEMAGATE=/nonexistent/schemagate git commit -q -m "docs only" 2>&1)
expect "no migration staged: commit goes through without the binary" \
  test "$(git rev-list --count "$before..HEAD")" -eq 1
expect "no migration staged: hook prints nothing" test -z "$out"

# ---- clean and refused commits ----------------------------------------------------------
# Every case starts from the same commit, whatever the previous one did.
reset_to() { git reset -q --hard "$1" && git clean -q -f -d; }

printf '%s' "$k_posts_sql" >migrations/0002_create_posts.sql
git add migrations
before=$(head_of .)
out=$(git commit -q -m "new migration" 2>&1)
expect "clean new migration: commit allowed" test "$(head_of .)" != "$before"
[ "$(head_of .)" != "$before" ] || echo "$out"
base=$(head_of .)

printf '%s' "$k_bad_sql" >migrations/0003_create_comments.sql
git add migrations
out=$(git commit -q -m "blocking finding" 2>&1)
expect "new migration with a blocking finding: commit refused" test "$(head_of .)" = "$base"
expect "new migration with a blocking finding: finding shown in the text format" \
  grep -q 'migrations/0003_create_comments.sql:1:1: error\[idempotency\]' <<<"$out"
expect "new migration with a blocking finding: --no-verify named" grep -q -- '--no-verify' <<<"$out"

out=$(SCHEMAGATE=/nonexistent/schemagate git commit -q -m "no binary" 2>&1)
expect "migration staged, no binary: commit refused" test "$(head_of .)" = "$base"
expect "migration staged, no binary: says how to fix and bypass" \
  grep -q -- '--no-verify' <<<"$out"

out=$(SCHEMAGATE_SKIP_HOOK=1 git commit -q -m "skip the check" 2>&1)
expect "SCHEMAGATE_SKIP_HOOK=1: commit goes through" test "$(head_of .)" != "$base"
reset_to "$base"

printf '%s' "$k_bad_sql" >migrations/0003_create_comments.sql
git add migrations
git commit -q --no-verify -m "bypass" >/dev/null 2>&1
expect "--no-verify: commit goes through" test "$(head_of .)" != "$base"
reset_to "$base"

# The index is what gets committed, so it is what gets linted: a clean staged file with a
# bad unstaged edit passes, and `git commit -a` (a temporary index, $GIT_INDEX_FILE) does not.
printf '%s' "$k_comments_sql" >migrations/0003_create_comments.sql
git add migrations
printf '%s' "$k_bad_sql" >migrations/0003_create_comments.sql
out=$(git commit -q -m "clean staged, bad unstaged" 2>&1)
expect "staged content counts, not the work tree: clean index allowed" test "$(head_of .)" != "$base"
[ "$(head_of .)" != "$base" ] || echo "$out"
after_clean=$(head_of .)
out=$(git commit -q -a -m "bad edit with -a" 2>&1)
expect "git commit -a (temporary index): blocking finding refused" \
  test "$(head_of .)" = "$after_clean"
expect "git commit -a: finding shown" grep -q 'idempotency' <<<"$out"
reset_to "$base"

# History: a migration that exists on origin/main is applied.
printf '%s' "$k_users_sql" | sed 's/email text NOT NULL/email text/' >migrations/0001_create_users.sql
git add migrations
out=$(git commit -q -m "edit applied migration" 2>&1)
expect "edited applied migration: commit refused" test "$(head_of .)" = "$base"
expect "edited applied migration: finding immutable-migration shown" \
  grep -q 'immutable-migration' <<<"$out"
git reset -q
out=$(git commit -q -a -m "edit applied migration with -a" 2>&1)
expect "git commit -a: edited applied migration refused" test "$(head_of .)" = "$base"
reset_to "$base"

git rm -q migrations/0001_create_users.sql
out=$(git commit -q -m "delete applied migration" 2>&1)
expect "deleted applied migration: commit refused" test "$(head_of .)" = "$base"
expect "deleted applied migration: finding deleted-migration shown" \
  grep -q 'deleted-migration' <<<"$out"
reset_to "$base"

# ---- the migrations directory from schemagate.yaml --------------------------------------
make_repo config_repo
cd "$tmp/config_repo" || exit 1
install_hook >/dev/null
mkdir -p db
git mv migrations db/migrations
printf 'migrations: "db/migrations"  # where they live\n' >schemagate.yaml
git add -A
git commit -q --no-verify -m "move migrations"
git push -q origin HEAD:main  # the new layout is the applied one
mkdir -p docs
echo notes >docs/notes.txt
echo notes >db/migrations/NOTES.txt
git add docs/notes.txt
before=$(head_of .)
out=$(SCHEMAGATE=/nonexistent/schemagate git commit -q -m "docs" 2>&1)
expect "config migrations dir: file outside it does not run the check" \
  test "$(head_of .)" != "$before"
git add db/migrations/NOTES.txt
before=$(head_of .)
out=$(SCHEMAGATE=/nonexistent/schemagate git commit -q -m "notes" 2>&1)
expect "config migrations dir: any file under it runs the check" \
  test "$(head_of .)" = "$before"
out=$(git commit -q -m "notes" 2>&1)
expect "config migrations dir: the real check passes a non-SQL file" \
  test "$(head_of .)" != "$before"
[ "$(head_of .)" != "$before" ] || echo "$out"

# ---- chaining an existing hook ----------------------------------------------------------
make_repo chain_repo
cd "$tmp/chain_repo" || exit 1
hooks_dir=$(git rev-parse --git-path hooks)
mkdir -p "$hooks_dir"
# shellcheck disable=SC2016  # $CHAINED_EXIT is expanded by the hook, not here
printf '#!/bin/sh\necho ran >>"%s/chained.log"\nexit "${CHAINED_EXIT:-0}"\n' "$tmp" >"$hooks_dir/pre-commit"
chmod +x "$hooks_dir/pre-commit"
cp "$hooks_dir/pre-commit" "$tmp/original-hook"
install_hook >/dev/null
expect "chain: the existing hook is kept as pre-commit.schemagate-chained" \
  cmp -s "$hooks_dir/pre-commit.schemagate-chained" "$tmp/original-hook"
echo x >>README.md
git add README.md
before=$(head_of .)
git commit -q -m "docs" >/dev/null 2>&1
expect "chain: existing hook runs on a commit" test -s "$tmp/chained.log"
echo y >>README.md
git add README.md
before=$(head_of .)
CHAINED_EXIT=3 git commit -q -m "docs" >/dev/null 2>&1
expect "chain: existing hook's failure blocks the commit" test "$(head_of .)" = "$before"
printf '%s' "$k_bad_sql" >migrations/0002_create_comments.sql
git add migrations
: >"$tmp/chained.log"
out=$(git commit -q -m "blocking finding" 2>&1)
expect "chain: existing hook passes, then schemagate refuses" \
  test "$(head_of .)" = "$before" -a -s "$tmp/chained.log"
expect "chain: reinstalling does not chain the hook to itself" install_hook
expect "chain: reinstalling keeps the original chained hook" \
  cmp -s "$hooks_dir/pre-commit.schemagate-chained" "$tmp/original-hook"
if [ "$mode" = cli ]; then
  expect "uninstall: succeeds" "$bin" hook uninstall
  expect "uninstall: the original hook is back" cmp -s "$hooks_dir/pre-commit" "$tmp/original-hook"
  expect "uninstall: no chained copy left" test ! -e "$hooks_dir/pre-commit.schemagate-chained"
fi

# ---- installer only: core.hooksPath and worktrees ---------------------------------------
if [ "$mode" = cli ]; then
  make_repo hookspath_repo
  cd "$tmp/hookspath_repo" || exit 1
  git config core.hooksPath .githooks
  "$bin" hook install >/dev/null
  expect "core.hooksPath: hook written there" grep -q '^# schemagate-hook:' .githooks/pre-commit
  expect "core.hooksPath: nothing in .git/hooks" test ! -e .git/hooks/pre-commit
  printf '%s' "$k_bad_sql" >migrations/0002_create_comments.sql
  git add migrations
  before=$(head_of .)
  git commit -q -m "blocking finding" >/dev/null 2>&1
  expect "core.hooksPath: the hook runs" test "$(head_of .)" = "$before"

  make_repo worktree_repo
  cd "$tmp/worktree_repo" || exit 1
  git worktree add -q -b other "$tmp/worktree" origin/main 2>/dev/null
  cd "$tmp/worktree" || exit 1
  "$bin" hook install >/dev/null
  expect "worktree: hook written to the common hooks directory" \
    grep -q '^# schemagate-hook:' "$tmp/worktree_repo/.git/hooks/pre-commit"
  printf '%s' "$k_bad_sql" >migrations/0002_create_comments.sql
  git add migrations
  before=$(head_of .)
  git commit -q -m "blocking finding" >/dev/null 2>&1
  expect "worktree: the hook runs in the worktree" test "$(head_of .)" = "$before"
fi

# ---- cost on a commit that stages no migration (printed, not asserted) ------------------
cd "$repo" || exit 1
median_ms() {  # median_ms COMMAND...: runs it 9 times, prints the median in milliseconds
  local start end samples=()
  for _ in 1 2 3 4 5 6 7 8 9; do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    samples+=($(((${end/./} - ${start/./}) / 1000)))
  done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n 5p
}
commit_docs() {
  echo . >>README.md
  git add README.md
  git commit -q "$@" -m docs
}
hook_ms=$(median_ms "$hook")
with_ms=$(median_ms commit_docs)
without_ms=$(median_ms commit_docs --no-verify)
echo "timing: hook alone ${hook_ms} ms; commit with hook ${with_ms} ms, with --no-verify ${without_ms} ms (no migration staged, medians of 9)"

echo "pre_commit_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
