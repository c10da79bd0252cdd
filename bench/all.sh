#!/usr/bin/env bash
# Every row of issue 18's table in one command: runs bench/staged.sh (the commit hook in a
# real and a synthetic repository), bench/lint.sh (cold/warm lint against squawk and the bare
# parse on every corpus and on 1,000 and 10,000 generated files; peak RSS on 10,000 files)
# and bench/runner.sh (the ephemeral cluster cold and warm), then prints each measure with its
# ratio and its target. Whole processes, medians, side by side in one run per row.
#
#   bench/all.sh [BUILD_DIR]            default: build
#   RUNS=N (default 10), RUNS_10K (default 3), RUNNER_RUNS (default 5)
#
# Needs what the three scripts need: hyperfine, /usr/bin/time, python3, npm (squawk 2.66 into
# bench/node_modules), git, PostgreSQL; builds the targets it times (schemagate, parse_floor,
# runner_cluster_helper, git_floor). Raw outputs: bench/out/all-*.txt and the scripts' JSON exports.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
out="$here/out"
mkdir -p "$out"
runs=${RUNS:-10}
cmake --build "$build" -j2 --target schemagate parse_floor runner_cluster_helper git_floor >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u +%FT%TZ); $(git -C "$root" rev-parse --short HEAD)"
RUNS=$((runs * 3)) "$here/staged.sh" "$build" | tee "$out/all-staged.txt"
RUNS=$runs "$here/lint.sh" "$root/../shared/corpora" "$build" > "$out/all-lint.txt"
(cd "$root" && BUILD="$build" RUNS=${RUNNER_RUNS:-5} bench/runner.sh) > "$out/all-runner.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

python3 - "$out" <<'PY'
import json, os, re, sys
out = sys.argv[1]
def med(path):
    return {r["command"]: r["median"] * 1000 for r in json.load(open(path))["results"]}
rows = []
def row(measure, value, ratio, target, met):
    rows.append((measure, value, ratio, target, "-" if met is None else "yes" if met else "NO"))

for name, label in (("real", "crates.io clone (diesel layout)"), ("synthetic", "synthetic 1,000 migrations x 5,000 commits")):
    m = med(f"{out}/staged-{name}.json")
    for mode in ("warm", "cold"):
        r = m[mode] / m["git"]
        row(f"`lint --staged`, 3 staged, {label}, {mode}", f"{m[mode]:.1f} ms vs git {m['git']:.1f} ms",
            f"{r:.2f}x git diff --cached --quiet", "<= 2x", r <= 2)
    if "git-floor" in m:
        r = m["git-floor"] / m["git"]
        row(f"floor: libgit2 opens, reads the index and HEAD's tree (bench/git_floor), {label}", f"{m['git-floor']:.1f} ms",
            f"{r:.2f}x git diff --cached --quiet", "(what any libgit2 hook costs)", None)

sets = sorted(f[5:-5] for f in os.listdir(out) if f.startswith("lint-") and f.endswith(".json") and f != "lint-startup.json")
lists = os.path.join(out, "lists")
for name in sets:
    m = med(f"{out}/lint-{name}.json")
    files = sum(1 for _ in open(os.path.join(lists, name))) if os.path.exists(os.path.join(lists, name)) else 0
    r = m["cold"] / m["parse-floor"]
    row(f"cold lint / parse floor, {name} ({files} files)", f"{m['cold']:.1f} / {m['parse-floor']:.1f} ms", f"{r:.2f}x", "<= 1.5x", r <= 1.5)
for name in sets:
    m = med(f"{out}/lint-{name}.json")
    r = m["squawk"] / m["cold"]
    row(f"cold lint vs squawk, {name}", f"{m['cold']:.1f} vs {m['squawk']:.1f} ms", f"{r:.2f}x faster", ">= 1.5x", r >= 1.5)
for name in sets:
    files = sum(1 for _ in open(os.path.join(lists, name)))
    if files < 100: continue
    m = med(f"{out}/lint-{name}.json")
    r = m["squawk"] / m["warm"]
    row(f"warm lint vs squawk, {name}", f"{m['warm']:.1f} vs {m['squawk']:.1f} ms", f"{r:.2f}x faster", ">= 4x", r >= 4)

runner = open(f"{out}/all-runner.txt").read()
initdb = float(re.search(r"initdb alone:\s*([0-9.]+)", runner).group(1))
for label, key, target in (("cold (initdb)", "ready cold", 1000), ("warm (cached)", "ready warm", 250)):
    ms = float(re.search(rf"{key}[^:]*:\s*([0-9.]+)", runner).group(1))
    row(f"ephemeral cluster ready, {label}", f"{ms:.0f} ms", f"{ms / target:.2f}x target", f"<= {target} ms", ms <= target)
    if key == "ready cold":
        row("floor: initdb alone (same options, same file system)", f"{initdb:.0f} ms", f"{ms / initdb:.2f}x of it is the cold ready",
            "(what a cold start cannot go below)", None)

for line in open(f"{out}/lint-rss.tsv"):
    name, findings, cold, warm, bare, findings_kib = line.split("\t")
    over = (int(cold) - int(findings_kib)) / 1024
    row(f"peak RSS, lint of 10,000 files ({name}), cold", f"{int(cold) / 1024:.0f} MiB, {findings} findings of {int(findings_kib) / 1024:.0f} MiB",
        f"{over:.0f} MiB beyond the findings", "<= 64 MiB + findings", over <= 64)

print("| measure | measured | ratio | target | met |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
echo
echo "details: bench/out/all-staged.txt, all-lint.txt (per corpus: squawk, floor, cold, warm), all-runner.txt"
