#!/usr/bin/env bash
# Only runner/ talks to a server: no source file outside runner/ (the lint-only front end
# included) may reach a libpqxx header through its includes (runner/pqxx_fwd.hpp declares
# the types runner's public headers name).
#
# usage: no_pqxx_outside_runner.sh CXX SOURCE_DIR INCLUDE_DIR...
set -uo pipefail
cxx=$1
src=$2
shift 2
flags=(-std=c++20 -M "-I$src")
for dir in "$@"; do flags+=("-I$dir"); done
failed=0
checked=0
for file in "$src"/core/*.cpp "$src"/linter/*.cpp "$src"/linter/*/*.cpp "$src"/gate/*.cpp "$src"/gate/report/*.cpp \
  "$src"/cli/*.cpp "$src"/hooks/*.cpp; do
  [ -f "$file" ] || continue
  checked=$((checked + 1))
  if ! deps=$("$cxx" "${flags[@]}" "$file" 2>&1); then
    echo "FAILED: $file does not preprocess: $deps" | head -3
    failed=$((failed + 1))
  elif grep -q '/pqxx/' <<<"$deps"; then
    echo "FAILED: ${file#"$src"/} reaches a libpqxx header"
    failed=$((failed + 1))
  fi
done
echo "no_pqxx_outside_runner: $checked files, $failed failed"
[ "$checked" -gt 0 ] && [ "$failed" -eq 0 ]
