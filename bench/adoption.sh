#!/usr/bin/env bash
# Adoption on real migration sets: each corpus of ../shared/corpora committed as the base
# branch of a fresh git repository, then a branch that adds one real, clean migration in the
# corpus's own layout. Prints, per corpus, the findings and blockers of `lint --all-files`
# (every rule on every file: what the tool reported before scoping by base) and of `lint`
# (what the change is blamed for). Usage: bench/adoption.sh [build/schemagate]
set -euo pipefail
bin=$(realpath "${1:-build/schemagate}")
corpora=$(realpath "$(dirname "$0")/../../shared/corpora")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

count() {  # findings blockers of a JSON report on stdin
  python3 -c 'import json,sys; r=json.load(sys.stdin); s=r["summary"]; print(len(r["findings"]), s["blockers"], s.get("linted_in_full"), s.get("integrity_only"))'
}

new_migration() {  # corpus dir -> path of a new migration in its layout, written
  local dir=$1 sql='SET lock_timeout = '"'"'2s'"'"';
CREATE TABLE IF NOT EXISTS release_notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);
'
  case $(basename "$dir") in
    documenso) mkdir -p "$dir/29991231000000_release_notes"; printf '%s' "$sql" > "$dir/29991231000000_release_notes/migration.sql" ;;
    harbor) printf '%s' "$sql" > "$dir/0999_release_notes.up.sql" ;;
    supabase-auth) printf '%s' "$sql" > "$dir/29991231000000_release_notes.up.sql" ;;
    pg-regress) printf '%s' "$sql" > "$dir/zz_release_notes.sql" ;;
    *) return 1 ;;  # nested sets (temporal, supabase-postgres) apply by an order file
  esac
}

printf '%-16s %22s %22s %s\n' corpus "all-files (findings/blockers)" "scoped (findings/blockers)" "full/integrity-only"
for corpus in "$corpora"/*/; do
  name=$(basename "$corpus")
  repo="$work/$name"
  cp -r "$corpus" "$repo"
  rm -f "$repo/SOURCE.txt" "$repo/APPLY_ORDER.txt"
  (cd "$repo" && git init -q -b main . && git add -A && git -c user.name=b -c user.email=b@b commit -qm base && git checkout -q -b change)
  new_migration "$repo" || continue
  all=$(cd "$repo" && { "$bin" lint . --base main --all-files --no-cache --format json 2>/dev/null || true; } | count)
  scoped=$(cd "$repo" && { "$bin" lint . --base main --no-cache --format json 2>/dev/null || true; } | count)
  read -r af ab _ _ <<<"$all"; read -r sf sb full integrity <<<"$scoped"
  printf '%-16s %22s %22s %s\n' "$name" "$af / $ab" "$sf / $sb" "$full / $integrity"
done
