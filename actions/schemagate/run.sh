#!/usr/bin/env bash
# The GitHub Action's main step: runs `schemagate check` once with four reports (Markdown,
# GitHub annotations on stdout, SARIF, JSON), appends the Markdown to the step summary,
# writes the step outputs, prepares the pull-request comment body, and exits with
# schemagate's own code: 0 pass, 1 fail (blocking findings), 2 the tool could not run.
#
# Runs outside GitHub too (tests/actions/run_sh_test.sh): every GITHUB_* file it writes
# is optional. Environment, all optional:
#   SCHEMAGATE_BIN          binary to run (default: schemagate on PATH)
#   INPUT_MIGRATIONS        migrations directory (default: from schemagate.yaml)
#   INPUT_BASE_REF          ref whose migrations count as applied; "none" disables;
#                           empty: origin/$GITHUB_BASE_REF on a pull request, the pushed-over
#                           commit ($SCHEMAGATE_EVENT_BEFORE) on a push, else the config's
#   INPUT_DATABASE_URL      use this server instead of an ephemeral local PostgreSQL
#   INPUT_REQUIRE           required-schema file
#   INPUT_CONFIG            schemagate.yaml to use
#   INPUT_ARGS              extra arguments, split on whitespace (e.g. --verify-idempotency)
#   GITHUB_EVENT_NAME, GITHUB_BASE_REF, SCHEMAGATE_EVENT_BEFORE   what triggered the run
#   RUNNER_TEMP             where the reports go (default: $TMPDIR or /tmp)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT                           files the runner reads
#   GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID          link in the PR comment
# shellcheck disable=SC2016  # backquotes in single-quoted strings are Markdown code
set -uo pipefail

readonly k_marker='<!-- schemagate-report -->'
readonly k_summary_limit=1000000   # GitHub's step summary limit is 1 MiB
readonly k_comment_limit=60000     # a comment body holds at most 65,536 characters

out_dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
md=$out_dir/schemagate.md
sarif=$out_dir/schemagate.sarif
json=$out_dir/schemagate.json
stderr_log=$out_dir/schemagate.stderr
comment=$out_dir/schemagate-comment.md

# Writes key=value to the step outputs (when there is an output file).
set_output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# Appends stdin to the step summary (when there is one).
to_summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat >>"$GITHUB_STEP_SUMMARY"
  else
    cat >/dev/null
  fi
}

# Sets `base` to the ref to pass as --base, or to nothing; fails when a pull request's base
# branch is missing and cannot be fetched.
resolve_base() {
  base=${INPUT_BASE_REF:-}
  if [ "$base" = none ]; then
    base=""
    return 0
  fi
  if [ -n "$base" ]; then
    return 0
  fi
  case ${GITHUB_EVENT_NAME:-} in
    pull_request | pull_request_target)
      if [ -n "${GITHUB_BASE_REF:-}" ]; then
        ensure_remote_branch "$GITHUB_BASE_REF" || return 1
        base=origin/$GITHUB_BASE_REF
      fi
      ;;
    push)
      # The commit the push moved the branch from; all zeros for a new branch. A shallow
      # checkout lacks it: fetch it, and go without (the config's base) if that fails.
      local before=${SCHEMAGATE_EVENT_BEFORE:-}
      if [ -z "${before//0/}" ]; then
        return 0
      fi
      if ! git rev-parse --verify --quiet "$before^{commit}" >/dev/null 2>&1; then
        git fetch --quiet --no-tags --depth=1 origin "$before" >&2 2>/dev/null || true
      fi
      if git rev-parse --verify --quiet "$before^{commit}" >/dev/null 2>&1; then
        base=$before
      else
        echo "::warning title=schemagate::the pushed-over commit $before is not in the clone; the base ref comes from schemagate.yaml"
      fi
      ;;
  esac
}

# Makes origin/BRANCH exist: a checkout with fetch-depth 1 lacks it, so fetch its tip.
ensure_remote_branch() {
  local branch=$1
  if git rev-parse --verify --quiet "refs/remotes/origin/$branch^{commit}" >/dev/null; then
    return 0
  fi
  echo "schemagate: origin/$branch is not in this clone; fetching its tip (use actions/checkout with fetch-depth: 0 to skip this)" >&2
  if git fetch --no-tags --depth=1 origin "+refs/heads/$branch:refs/remotes/origin/$branch" >&2 &&
    git rev-parse --verify --quiet "refs/remotes/origin/$branch^{commit}" >/dev/null; then
    return 0
  fi
  echo "::error title=schemagate::base branch origin/$branch not found; check out with actions/checkout and fetch-depth: 0, or set the base-ref input"
  return 1
}

# In a container job the workspace belongs to another user, and git and libgit2 refuse to
# open it ("dubious ownership") unless it is listed in the global safe.directory.
trust_workspace() {
  local ws=${GITHUB_WORKSPACE:-}
  if [ "${GITHUB_ACTIONS:-}" != true ] || [ -z "$ws" ]; then
    return 0
  fi
  if ! git config --global --get-all safe.directory 2>/dev/null | grep -qxF -e "$ws" -e '*'; then
    git config --global --add safe.directory "$ws"
  fi
}

# Prints summary.KEY of the JSON report, or nothing.
json_count() {
  local key=$1
  [ -s "$json" ] || return 0
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg k "$key" '.summary[$k] // empty' "$json" 2>/dev/null
    return 0
  fi
  # No jq (a bare Debian container): "summary" is a flat object of numbers.
  tr -d '\n\r' <"$json" |
    sed -n "s/.*\"summary\"[[:space:]]*:[[:space:]]*{[^}]*\"$key\"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p"
}

# Appends FILE to the step summary, cut at the limit on a line boundary.
summary_from() {
  local file=$1 size
  size=$(wc -c <"$file")
  if [ "$size" -le "$k_summary_limit" ]; then
    to_summary <"$file"
  else
    { head -c "$k_summary_limit" "$file" | sed '$d'
      printf '\n\n_report cut at %s bytes: the full report is %s_\n' "$k_summary_limit" "$file"
    } | to_summary
  fi
}

# Writes the PR comment body: the marker, then the Markdown report (cut to fit a comment).
write_comment() {
  local run_url=""
  if [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${GITHUB_RUN_ID:-}" ]; then
    run_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
  fi
  {
    printf '%s\n' "$k_marker"
    if [ "$(wc -c <"$md")" -le "$k_comment_limit" ]; then
      cat "$md"
    else
      head -c "$k_comment_limit" "$md" | sed '$d'
      printf '\n\n_report cut to fit a comment; the full report is in the job summary%s_\n' \
        "${run_url:+ of $run_url}"
    fi
  } >"$comment"
}

# The command line with the database URL hidden, for the log.
printable() {
  local arg hide=0 out=""
  for arg in "$@"; do
    if [ "$hide" = 1 ]; then
      out+=" ***"
      hide=0
      continue
    elif [ "$arg" = --database-url ]; then
      hide=1
    fi
    out+=" $(printf '%q' "$arg")"
  done
  printf '%s\n' "${out# }"
}

main() {
  local bin=${SCHEMAGATE_BIN:-schemagate}
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "::error title=schemagate::schemagate binary not found: $bin"
    set_output verdict error
    set_output exit-code 2
    printf '### schemagate could not run\n\nbinary not found: `%s`\n' "$bin" | to_summary
    return 2
  fi
  mkdir -p "$out_dir"
  rm -f "$md" "$sarif" "$json" "$stderr_log" "$comment"

  trust_workspace
  local base
  resolve_base || {
    set_output verdict error
    set_output exit-code 2
    printf '### schemagate could not run\n\nthe base branch is missing from the clone: check out with `fetch-depth: 0`\n' | to_summary
    return 2
  }

  local args=(check)
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  [ -n "$base" ] && args+=(--base "$base")
  [ -n "${INPUT_DATABASE_URL:-}" ] && args+=(--database-url "$INPUT_DATABASE_URL")
  [ -n "${INPUT_REQUIRE:-}" ] && args+=(--require "$INPUT_REQUIRE")
  if [ -n "${INPUT_ARGS:-}" ]; then
    local extra
    read -r -d '' -a extra <<<"$INPUT_ARGS"   # spaces and newlines both separate
    args+=("${extra[@]}")
  fi
  args+=(--format markdown --output "$md"
    --format github
    --format sarif --output "$sarif"
    --format json --output "$json")
  [ -n "${INPUT_MIGRATIONS:-}" ] && args+=("$INPUT_MIGRATIONS")

  echo "schemagate: $(printable "$bin" "${args[@]}")" >&2
  # stdout (the annotations) goes straight to the log; stderr goes there too, through tee.
  { "$bin" "${args[@]}" 2>&1 1>&3 3>&- | tee "$stderr_log" >&2; } 3>&1
  local code=${PIPESTATUS[0]}

  local verdict
  case $code in
    0) verdict=pass ;;
    1) verdict=fail ;;
    *) verdict=error ;;
  esac
  local blockers errors warnings
  blockers=$(json_count blockers)
  errors=$(json_count errors)
  warnings=$(json_count warnings)

  set_output verdict "$verdict"
  set_output exit-code "$code"
  set_output blockers "$blockers"
  set_output errors "$errors"
  set_output warnings "$warnings"
  [ -s "$json" ] && set_output json "$json"
  [ -s "$sarif" ] && set_output sarif "$sarif"
  if [ -s "$md" ]; then
    set_output markdown "$md"
    summary_from "$md"
    write_comment
    set_output comment-body "$comment"
  elif [ "$verdict" = error ]; then
    {
      printf '### schemagate could not run (exit code %s)\n\n```\n' "$code"
      tail -n 40 "$stderr_log" 2>/dev/null
      printf '```\n'
    } | to_summary
  fi

  case $verdict in
    pass) echo "schemagate: verdict pass${warnings:+ (warnings: $warnings)}" >&2 ;;
    fail) echo "::error title=schemagate::verdict fail${blockers:+ (blockers: $blockers)}" ;;
    error) echo "::error title=schemagate::schemagate could not run (exit code $code)" ;;
  esac
  return "$code"
}

main "$@"
exit $?
