#!/usr/bin/env bash
# Measures benches/workspace.rs on an older commit (the peer: the code before a
# change) and on the working tree, interleaved, on one core, and prints each
# benchmark's median and the ratio old/new.
#
#   bench/compare-commits.sh BASE [SIZES] [ROUNDS]
#   e.g. bench/compare-commits.sh 5445cbc 2000,10000 3
#
# The base's build shares target/ (its dependencies are reused); it gets the same
# bench file. Sizes whose old view takes minutes (100,000 people before issue 12)
# are best left out; the script says which sizes it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?give the base commit, e.g. 5445cbc}"
sizes="${2:-2000,10000}"
rounds="${3:-3}"
tree="target/bench-base"

rm -rf "$tree"; git worktree prune
git worktree add --detach "$tree" "$base" > /dev/null
trap 'git worktree remove --force "$tree" > /dev/null 2>&1 || true' EXIT
cp benches/workspace.rs "$tree/benches/workspace.rs"
grep -q 'name = "workspace"' "$tree/Cargo.toml" ||
  printf '\n[[bench]]\nname = "workspace"\nharness = false\n' >> "$tree/Cargo.toml"

exe() { # the bench executable cargo builds in $1
  (cd "$1" && CARGO_TARGET_DIR="$PWD/$2" cargo bench --bench workspace --no-run --message-format=json 2> /dev/null) |
    grep '"kind":\["bench"\]' | grep '"name":"workspace"' | grep '"executable":"[^"]' | sed 's/.*"executable":"\([^"]*\)".*/\1/' | tail -1
}
old=$(exe "$tree" ../../target)
new=$(exe . target)
pin=""; command -v taskset > /dev/null && pin="taskset -c 0"

out=$(mktemp -d)
for r in $(seq 1 "$rounds"); do
  for side in old new; do
    bin=${!side}
    COALITION_BENCH_SIZES="$sizes" $pin "$bin" --bench --noplot 2>&1 |
      awk -v side="$side" '/^workspace_/ { name = $1 } /time:/ { print side, name, $4, $5 }' >> "$out/times"
  done
done
echo "workspace bench, sizes $sizes, $rounds interleaved rounds on one core; base $base vs the working tree"
printf '%-38s %12s %12s %8s\n' benchmark old new old/new
# Criterion's median estimate per round; the median over rounds, in ms.
awk '
  function ms(v, u) { return u == "s" ? v * 1000 : u == "µs" ? v / 1000 : u == "ns" ? v / 1e6 : v }
  { t[$1, $2] = t[$1, $2] " " ms($3, $4); names[$2] = 1 }
  function median(s,   a, n, i, j, x) { n = split(s, a, " ");
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { for (b in names) { o = median(t["old", b]); w = median(t["new", b]);
    printf "%-38s %9.2f ms %9.2f ms %7.1fx\n", b, o, w, o / w } }' "$out/times" | sort
rm -rf "$out"
