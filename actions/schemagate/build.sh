#!/usr/bin/env bash
# The GitHub Action's source build (setup.sh found no schemagate on PATH and no release .deb
# for the action's ref): installs the Debian build packages (scripts/install-deps.sh),
# builds the two binaries from the source tree this action is part of (only the targets
# `schemagate` and `schemagate-db`, no tests), and packs them with scripts/package-deb.sh
# (which builds nothing more) into SCHEMAGATE_DEB_DIR as schemagate_<version>_<arch>.deb,
# the directory the action caches and `setup.sh install` installs from. The action's ref is the version built.
#
# Environment, all optional:
#   INSTALL_DEPS            "false" skips scripts/install-deps.sh (packages already there)
#   SCHEMAGATE_BUILD_DIR    build directory (default: $RUNNER_TEMP/schemagate-build)
#   SCHEMAGATE_BUILD_TYPE   CMake build type (default: Release)
#   SCHEMAGATE_DEB_DIR      where the .deb goes (default: $RUNNER_TEMP/schemagate-deb)
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
build=${SCHEMAGATE_BUILD_DIR:-$work/schemagate-build}
deb_dir=${SCHEMAGATE_DEB_DIR:-$work/schemagate-deb}
jobs=$(nproc 2>/dev/null || echo 2)

if [ "${INSTALL_DEPS:-true}" != false ]; then
  echo "::group::install build dependencies"
  bash "$src/scripts/install-deps.sh"
  echo "::endgroup::"
fi

echo "::group::build schemagate"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE="${SCHEMAGATE_BUILD_TYPE:-Release}"
cmake --build "$build" --target schemagate schemagate-db -j "$jobs"
echo "::endgroup::"

if [ ! -x "$build/schemagate" ] || [ ! -x "$build/schemagate-db" ]; then
  echo "::error title=schemagate::the build produced no schemagate and schemagate-db under $build"
  exit 2
fi
"$build/schemagate" --version || true

echo "::group::package schemagate (.deb)"
rm -rf "$deb_dir"
bash "$src/scripts/package-deb.sh" "$build" "$deb_dir"
ls -l "$deb_dir"
echo "::endgroup::"
