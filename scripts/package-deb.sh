#!/usr/bin/env bash
# package-deb.sh BUILD_DIR OUT_DIR: packs the built binaries of BUILD_DIR (targets schemagate
# and schemagate-db, built already) into OUT_DIR/schemagate_<version>_<arch>.deb and prints
# its path. It stages an install tree (`DESTDIR=... cmake --install --prefix /usr --strip`)
# and has CPack pack that tree with no CMake project to install: a plain `cpack` would build
# the target `all` (the tests too) and could re-run CMake in BUILD_DIR.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR OUT_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Quiet unless it fails (cpack writes progress to stderr too).
quiet() { local log; log=$("$@" 2>&1) || { printf '%s\n' "$log" >&2; return 1; }; }
quiet env DESTDIR="$work/stage" cmake --install "$build" --prefix /usr --strip
(cd "$work" && quiet cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/package" \
  -D CPACK_INSTALL_CMAKE_PROJECTS= -D "CPACK_INSTALLED_DIRECTORIES=$work/stage;." \
  -D CPACK_PACKAGING_INSTALL_PREFIX=/)
deb=$(find "$work/package" -maxdepth 1 -name 'schemagate_*.deb' | head -n 1)
[ -n "$deb" ] || { echo "package-deb.sh: cpack made no schemagate_*.deb" >&2; exit 2; }
mv "$deb" "$out/"
echo "$out/$(basename "$deb")"
