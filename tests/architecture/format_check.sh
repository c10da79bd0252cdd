#!/usr/bin/env bash
# Every C++ source is formatted as .clang-format says (clang-format 14, Debian's package,
# installed by scripts/install-deps.sh). Fix with: clang-format -i FILE...
#
# usage: format_check.sh SOURCE_DIR
set -uo pipefail
src=$1
if ! command -v clang-format >/dev/null 2>&1; then
  echo "FAILED: clang-format is not installed: run scripts/install-deps.sh"
  exit 1
fi
mapfile -t files < <(cd "$src" && find core linter runner gate cli hooks tests bench fuzz \
  \( -name node_modules -prune \) -o \( -name '*.cpp' -o -name '*.hpp' \) -print | sort)
(cd "$src" && clang-format --dry-run --Werror "${files[@]}") || {
  echo "FAILED: files above are not formatted: clang-format -i them"
  exit 1
}
echo "format_check: ${#files[@]} files formatted"
