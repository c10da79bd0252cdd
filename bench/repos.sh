#!/usr/bin/env bash
# The two repositories of the commit-hook rows, each with 3 migrations staged on a branch
# `feature` (origin/HEAD -> origin/main at the base commit). Sourced by hook.sh and staged.sh.
#
#   synthetic_repo DIR   1,000 flat migrations (migrations/NNNN_*.sql) x 5,000 commits, built
#                        with `git fast-import` in a few seconds
#   real_repo DIR        a clone of crates.io (diesel layout: migrations/<timestamp>_<name>/up.sql,
#                        ~285 migrations, ~25,000 commits) at a pinned commit, from $REAL_REPO
#                        (a clone or URL; default: the local mirror when present, else GitHub)

real_repo_commit=57fa000662f511321daa61e6769f190ea0e80771
real_repo_source() {
    if [[ -n ${REAL_REPO:-} ]]; then echo "$REAL_REPO"
    elif [[ -d /work/.mirror/rust-lang+crates.io/repo ]]; then echo /work/.mirror/rust-lang+crates.io/repo
    else echo https://github.com/rust-lang/crates.io.git; fi
}

# 5,000 commits on main: every 5th adds a migration (0001..1000), the others edit one of
# 50 source files; commits 2501 and 4001 edit an applied migration (for the audit).
synthetic_stream() {
    awk 'function blob(path, body) { printf "M 100644 inline %s\ndata %d\n%s\n", path, length(body), body }
    function table(n) {
        return sprintf("-- create table_%d\nCREATE TABLE IF NOT EXISTS table_%d (\n    id bigint PRIMARY KEY,\n" \
                       "    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()\n);\n", n, n)
    }
    BEGIN {
        migration = 0
        for (k = 1; k <= 5000; k++) {
            message = sprintf("commit %d", k)
            printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n", k, 1600000000 + k * 600
            printf "data %d\n%s\n", length(message), message
            if (k > 1) { printf "from :%d\n", k - 1 }
            if (k % 5 == 0) {
                migration++
                blob(sprintf("migrations/%04d_create_table_%d.sql", migration, migration), table(migration))
            } else if (k == 2501 || k == 4001) {
                n = k == 2501 ? 10 : 200
                blob(sprintf("migrations/%04d_create_table_%d.sql", n, n), table(n) "-- edited later\n")
            } else {
                blob(sprintf("src/module_%d.txt", k % 50), sprintf("revision %d\n", k))
            }
            printf "\n"
        }
    }'
}

# Points origin/main and origin/HEAD at main, checks out `feature`.
feature_branch() {  # repo
    git -C "$1" update-ref refs/remotes/origin/main refs/heads/main
    git -C "$1" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main
    git -C "$1" reset -q --hard main
    git -C "$1" checkout -q -b feature
}

synthetic_repo() {  # dir
    local repo=$1 n
    git init -q -b main "$repo"
    synthetic_stream | git -C "$repo" fast-import --quiet
    git -C "$repo" repack -adq
    feature_branch "$repo"
    for n in 1001 1002 1003; do
        printf 'CREATE TABLE IF NOT EXISTS staged_%d (id bigint PRIMARY KEY);\n' "$n" >"$repo/migrations/${n}_staged_$n.sql"
    done
    git -C "$repo" add migrations
}

real_repo() {  # dir
    local repo=$1 n
    git clone -q --no-checkout "$(real_repo_source)" "$repo"
    git -C "$repo" update-ref refs/heads/main "$real_repo_commit"
    feature_branch "$repo"
    for n in 1 2 3; do
        mkdir -p "$repo/migrations/2099-01-01-00000${n}_staged_$n"
        printf 'CREATE TABLE IF NOT EXISTS staged_%d (id bigint PRIMARY KEY);\n' "$n" \
            >"$repo/migrations/2099-01-01-00000${n}_staged_$n/up.sql"
    done
    git -C "$repo" add migrations
}
