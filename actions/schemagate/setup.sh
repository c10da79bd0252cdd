#!/usr/bin/env bash
# The GitHub Action's way to a schemagate binary, in this order:
#   1. `schemagate` already on PATH (with schemagate-db beside it): used as it is;
#   2. the release .deb for the action's own ref, when that ref is a release tag and the job
#      runs on Debian 12 (the release workflow builds the .deb there): downloaded with
#      `gh release download` (or curl, where gh is missing) and installed with apt-get;
#   3. else a source build: this script prints build=true, the cache key (a SHA-256 of the
#      source tree, the OS and the architecture) and the directory for the .deb; the action
#      restores that directory with actions/cache, builds it with build.sh on a miss, and
#      calls `setup.sh install DIR` to install the .deb.
#
# usage: setup.sh locate          writes bin=, source= or build=, cache-key=, deb-dir=
#        setup.sh install DEB_DIR writes bin=, source=
# Outputs go to $GITHUB_OUTPUT (stdout when unset). Environment, all optional:
#   SCHEMAGATE_ACTION_REPOSITORY, SCHEMAGATE_ACTION_REF  owner/name and ref of the action
#       (github.action_repository / action_ref, which composite actions do not always get);
#       else read from $GITHUB_ACTION_PATH (.../_actions/OWNER/NAME/REF/actions/schemagate)
#   SCHEMAGATE_RELEASE   "false": skip step 2; or a tag whose .deb to use instead of the ref
#   GH_TOKEN             for gh release download (the action passes github.token)
#   SCHEMAGATE_NEEDS_SERVER  "false": do not install postgresql-15 with the .deb
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=${RUNNER_TEMP:-${TMPDIR:-/tmp}}

set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$1" "$2"
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# "debian-12", "ubuntu-24.04", ...
os_id() {
  local ID="" VERSION_ID=""
  # shellcheck disable=SC1091
  [ -r /etc/os-release ] && . /etc/os-release
  printf '%s-%s\n' "${ID:-unknown}" "${VERSION_ID:-unknown}"
}

# 1. On PATH, with schemagate-db in the same directory (the front end execs it from there).
from_path() {
  local found real
  found=$(command -v schemagate 2>/dev/null) || return 1
  real=$(readlink -f "$found")
  if [ ! -x "$(dirname "$real")/schemagate-db" ]; then
    echo "schemagate: $found is on PATH but $(dirname "$real")/schemagate-db is missing; not using it" >&2
    return 1
  fi
  echo "schemagate: using $found from PATH ($("$found" --version 2>/dev/null || echo 'version unknown'))" >&2
  set_output bin "$found"
  set_output source path
}

# The action's owner/name and ref, from the context or from its own path.
action_ref() {
  local repo=${SCHEMAGATE_ACTION_REPOSITORY:-} ref=${SCHEMAGATE_ACTION_REF:-} rest
  if [ -z "$repo" ] || [ -z "$ref" ]; then
    case ${GITHUB_ACTION_PATH:-} in
      */_actions/*/*/*/actions/schemagate)
        rest=${GITHUB_ACTION_PATH#*/_actions/}
        rest=${rest%/actions/schemagate}
        repo=${rest%%/*}/$(cut -d/ -f2 <<<"$rest")
        ref=$(cut -d/ -f3- <<<"$rest")
        ;;
    esac
  fi
  [ -n "$repo" ] && [ -n "$ref" ] || return 1
  printf '%s %s\n' "$repo" "$ref"
}

# Installs the .deb files in DIR (and the PostgreSQL server the ephemeral database needs).
install_debs() {
  local dir=$1 debs=() extra=()
  mapfile -t debs < <(find "$dir" -maxdepth 1 -name 'schemagate_*.deb' | sort)
  [ ${#debs[@]} -gt 0 ] || return 1
  [ "${SCHEMAGATE_NEEDS_SERVER:-true}" = false ] || extra=(postgresql-15)
  echo "::group::install ${debs[*]##*/}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${debs[@]}" "${extra[@]}" >/dev/null
  echo "::endgroup::"
  command -v schemagate >/dev/null || return 1
  echo "schemagate: installed $(schemagate --version 2>/dev/null || true)" >&2
  set_output bin "$(command -v schemagate)"
}

# 2. The release .deb for the action's ref.
from_release() {
  [ "${SCHEMAGATE_RELEASE:-}" != false ] || return 1
  local repo ref arch dir
  if [ "$(os_id)" != debian-12 ]; then
    echo "schemagate: the release .deb is built for Debian 12, this is $(os_id): building from source" >&2
    return 1
  fi
  read -r repo ref < <(action_ref) || return 1
  [ -z "${SCHEMAGATE_RELEASE:-}" ] || ref=$SCHEMAGATE_RELEASE
  # A commit SHA or a branch has no release; only a tag (v1.2.3) may.
  if [[ $ref =~ ^[0-9a-f]{40}$ ]] || [[ ! $ref =~ ^v?[0-9] ]]; then
    echo "schemagate: the action's ref $ref is not a release tag: building from source" >&2
    return 1
  fi
  arch=$(dpkg --print-architecture)
  dir=$work/schemagate-release
  rm -rf "$dir" && mkdir -p "$dir"
  echo "schemagate: downloading the $ref release .deb of $repo" >&2
  if command -v gh >/dev/null 2>&1; then
    gh release download "$ref" --repo "$repo" --pattern "schemagate_*_$arch.deb" --dir "$dir" >&2 || true
  elif command -v curl >/dev/null 2>&1; then
    curl -fsSL -o "$dir/schemagate_${ref#v}_$arch.deb" \
      "${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download/$ref/schemagate_${ref#v}_$arch.deb" >&2 ||
      rm -f "$dir/schemagate_${ref#v}_$arch.deb"
  fi
  if ! install_debs "$dir"; then
    echo "schemagate: no usable .deb in the $ref release of $repo: building from source" >&2
    return 1
  fi
  set_output source release
}

# 3. A source build, cached on a hash of the files that go into the binaries.
to_build() {
  local hash
  hash=$(cd "$src" && find CMakeLists.txt cmake core linter runner gate hooks cli scripts docs \
    -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32)
  set_output build true
  set_output cache-key "schemagate-deb-$(os_id)-$(uname -m)-$hash"
  set_output deb-dir "$work/schemagate-deb"
}

case ${1:-} in
  locate)
    from_path || from_release || to_build
    ;;
  install)
    [ $# -eq 2 ] || { echo "usage: $0 install DEB_DIR" >&2; exit 2; }
    install_debs "$2" || { echo "::error title=schemagate::no schemagate .deb to install in $2"; exit 2; }
    set_output source build
    ;;
  *)
    echo "usage: $0 locate | install DEB_DIR" >&2
    exit 2
    ;;
esac
