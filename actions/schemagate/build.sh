#!/usr/bin/env bash
# The GitHub Action's build step: installs the Debian packages (scripts/install-deps.sh)
# and builds the `schemagate` target from the source tree this action is part of, then
# writes `bin=<path>` to $GITHUB_OUTPUT. The action's ref is the version built.
#
# Environment, all optional:
#   INSTALL_DEPS            "false" skips scripts/install-deps.sh (packages already there)
#   SCHEMAGATE_BUILD_DIR    build directory (default: $RUNNER_TEMP/schemagate-build)
#   SCHEMAGATE_BUILD_TYPE   CMake build type (default: Release)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${SCHEMAGATE_BUILD_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/schemagate-build}
jobs=$(nproc 2>/dev/null || echo 2)

if [ "${INSTALL_DEPS:-true}" != false ]; then
  echo "::group::install build dependencies"
  bash "$src/scripts/install-deps.sh"
  echo "::endgroup::"
fi

echo "::group::build schemagate"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE="${SCHEMAGATE_BUILD_TYPE:-Release}"
cmake --build "$build" --target schemagate -j "$jobs"
echo "::endgroup::"

bin=""
for candidate in "$build/schemagate" "$build/cli/schemagate"; do
  if [ -x "$candidate" ]; then
    bin=$candidate
    break
  fi
done
if [ -z "$bin" ]; then
  echo "::error title=schemagate::the build produced no schemagate binary under $build"
  exit 2
fi
"$bin" --version || true
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'bin=%s\n' "$bin" >>"$GITHUB_OUTPUT"
fi
