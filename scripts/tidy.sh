#!/usr/bin/env bash
# clang-tidy (.clang-tidy's checks) on the product code: core, linter, runner, gate, cli,
# hooks. Needs a configured build dir (compile_commands.json; CMAKE_EXPORT_COMPILE_COMMANDS
# is on) whose generated files exist, i.e. after a build. Exit 1 on any warning.
#
# usage: scripts/tidy.sh [BUILD_DIR] [FILE...]    (default: build, every product .cpp)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
shift || true
if ! command -v run-clang-tidy >/dev/null 2>&1; then
  echo "scripts/tidy.sh: run-clang-tidy is not installed: run scripts/install-deps.sh" >&2
  exit 1
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "scripts/tidy.sh: no $build/compile_commands.json: configure and build first" >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  mapfile -t files < <(cd "$src" && find core linter runner gate cli hooks -name '*.cpp' | sort)
  set -- "${files[@]/#/$src/}"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
if run-clang-tidy -quiet -j "$(nproc)" -p "$build" "$@" >"$log" 2>&1 && ! grep -q "warning:\|error:" "$log"; then
  echo "scripts/tidy.sh: $# files clean ($(($(date +%s) - start)) s)"
  exit 0
fi
grep -A3 "warning:\|error:" "$log" | grep -v "^[0-9]* warnings generated\|^Suppressed\|^Use -header-filter"
echo "scripts/tidy.sh: clang-tidy found the problems above ($# files, $(($(date +%s) - start)) s)" >&2
exit 1
