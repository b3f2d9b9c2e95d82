#!/usr/bin/env bash
# Measures benches/workspace.rs (Workspace::view and an edit round trip) on an
# older commit and on the working tree in one interleaved run, on one core, and
# prints each benchmark's median on both sides and the ratio old/new.
#
#   bench/compare-commits.sh [--sizes 2000,10000] [--rounds 3] [--limit 600] BASE
#   e.g. bench/compare-commits.sh --sizes 2000 5445cbc
#
#   --sizes   the map sizes to measure (default 2000,10000; the bench knows 2000,
#             10000 and 100000)
#   --rounds  how many times each side runs each size, alternating (default 3)
#   --limit   seconds one run (one side, one size) may take; a run over it is
#             stopped and that side's size skipped in later rounds (default 600)
#
# BASE is checked out with `git worktree` into target/bench-base and given this
# tree's benches/workspace.rs (and its [[bench]] entry), which builds on code whose
# set_field answers () as well as on code whose set_field answers the new view.
# Both builds share target/, so dependencies are built once. Each run gets its own
# CRITERION_HOME, so the sides never compare against each other's saved baselines.
# The old view was O(n·ties) with linear name lookups: at 100,000 people one run
# may take far longer than the limit; the output says what was skipped and why.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="2000,10000"
rounds=3
limit=600
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) base="$1"; shift ;;
  esac
done
[ -n "$base" ] || { echo "give the base commit, e.g. bench/compare-commits.sh 5445cbc" >&2; exit 2; }
base_rev=$(git rev-parse --short "$base^{commit}")
tree="target/bench-base"
work=$(mktemp -d)

cleanup() {
  git worktree remove --force "$tree" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git worktree remove --force "$tree" > /dev/null 2>&1 || true
rm -rf "$tree"
git worktree prune
git worktree add --detach "$tree" "$base_rev" > /dev/null
cp benches/workspace.rs "$tree/benches/workspace.rs"
grep -q '^name = "workspace"' "$tree/Cargo.toml" ||
  printf '\n[[bench]]\nname = "workspace"\nharness = false\n' >> "$tree/Cargo.toml"

# The bench executable `cargo bench --no-run` builds in the crate at $1.
build() {
  echo "building the bench at $2..." >&2
  (cd "$1" && CARGO_TARGET_DIR="$target" cargo bench --bench workspace --no-run --message-format=json) |
    python3 -c '
import json, sys
exe = ""
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "workspace" and m.get("executable"):
        exe = m["executable"]
if not exe:
    sys.exit("no bench executable was built")
print(exe)'
}
target="$PWD/target"
old=$(build "$tree" "$base_rev")
new=$(build . "the working tree")

pin=""
if command -v taskset > /dev/null; then pin="taskset -c 0"; fi

# One run: side ($1), size ($2), round ($3). Leaves criterion's estimates in
# $work/$1-$2-$3/ and returns 124 when the limit stopped it.
run() {
  local side=$1 n=$2 r=$3 bin
  if [ "$side" = old ]; then bin=$old; else bin=$new; fi
  mkdir -p "$work/$side-$n-$r"
  CRITERION_HOME="$work/$side-$n-$r" COALITION_BENCH_SIZES="$n" \
    timeout "$limit" $pin "$bin" --bench --noplot > "$work/$side-$n-$r.log" 2>&1
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
declare -A skipped=()
IFS=',' read -ra size_list <<< "$sizes"
echo "workspace bench: base $base_rev vs the working tree; sizes $sizes; $rounds rounds, alternating; ${pin:-no pinning (taskset missing)}; limit ${limit} s per run" >&2
for r in $(seq 1 "$rounds"); do
  for n in "${size_list[@]}"; do
    # Alternate which side goes first, so neither always runs on a warm machine.
    if [ $((r % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
    for side in $order; do
      [ -z "${skipped[$side-$n]:-}" ] || continue
      echo "  round $r, $n people, $side..." >&2
      status=0
      run "$side" "$n" "$r" || status=$?
      if [ "$status" -eq 124 ]; then
        skipped[$side-$n]="stopped by the ${limit} s limit in round $r"
      elif [ "$status" -ne 0 ]; then
        skipped[$side-$n]="failed in round $r (exit $status): $(tail -1 "$work/$side-$n-$r.log")"
      fi
    done
  done
done

# The table: criterion's median per run, the median over rounds, old/new.
skipped_lines=""
for key in "${!skipped[@]}"; do skipped_lines+="$key: ${skipped[$key]}"$'\n'; done
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
SKIPPED="$skipped_lines" LOAD="$load_start → $load_end" BASE="$base_rev" SIZES="$sizes" ROUNDS="$rounds" python3 - "$work" <<'EOF'
import json, os, statistics, sys
from pathlib import Path

work = Path(sys.argv[1])
targets = {2000: 5, 10000: 20, 100000: 200}  # issue 12's limits, in ms
times = {}  # (size, bench, side) -> [ms per round]
for est in work.glob("*-*-*/workspace_*_people/*/new/estimates.json"):
    run, bench = est.parents[3].name, est.parents[1].name
    side, size, _ = run.split("-")
    ms = json.loads(est.read_text())["median"]["point_estimate"] / 1e6
    times.setdefault((int(size), bench, side), []).append(ms)

print(f"workspace bench: {os.environ['BASE']} (old) vs the working tree (new), "
      f"median of {os.environ['ROUNDS']} interleaved rounds on one core")
print(f"{'people':>7}  {'benchmark':<16} {'old':>11} {'new':>11} {'old/new':>8} {'target':>7}"
      f"   {'old range':>13} {'new range':>13}")
sizes = sorted({int(s) for s in os.environ["SIZES"].split(",")})
for size in sizes:
    for bench in ("view", "edit_round_trip"):
        old = times.get((size, bench, "old"))
        new = times.get((size, bench, "new"))
        def show(v):
            return f"{statistics.median(v):8.2f} ms" if v else f"{'—':>11}"
        def spread(v):
            return f"{min(v):.2f}–{max(v):.2f}" if v else "—"
        ratio = f"{statistics.median(old) / statistics.median(new):7.1f}x" if old and new else f"{'—':>8}"
        target = targets.get(size)
        print(f"{size:>7}  {bench:<16} {show(old)} {show(new)} {ratio} {f'{target} ms' if target else '':>7}"
              f"   {spread(old):>13} {spread(new):>13}")
not_run = sorted(set(targets) - set(sizes))
if not_run:
    print("not run: " + ", ".join(f"{n:,}" for n in not_run) + " people (add them with --sizes)")
print(f"(ranges: the rounds' lowest and highest medians; load average {os.environ['LOAD']}: "
      "other work on the machine shows up here)")
for line in filter(None, os.environ["SKIPPED"].splitlines()):
    print("skipped: " + line)
EOF
