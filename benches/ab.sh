#!/usr/bin/env bash
# Time this checkout's parser against another revision's, the two benchmark builds run
# in turn on the same machine: on a shared machine the speed drifts by up to 15 %
# between runs minutes apart, so a baseline saved earlier can mislead; runs that take
# turns see the same drift. Uses `benches/parse.rs` (criterion) of each revision, on
# the same corpus (`../shared/corpus` beside the repo, else the fixtures).
#
# Usage: bash benches/ab.sh REV [ROUNDS] [FILTER]
#   REV     the revision to compare with (a commit, a tag, HEAD~3)
#   ROUNDS  how many turns each build runs (default 5)
#   FILTER  the criterion benchmarks to time, a regular expression (default
#           "mix/parse"; e.g. "glued/parse", or '/parse$' for every layout group)
# Prints each turn's MiB/s (criterion's median), then the best and the median turn of
# each build and the change. The old revision is built in target/ab; criterion's own
# baselines in target/criterion are not touched.
set -euo pipefail
rev=${1:?"usage: bash benches/ab.sh REV [ROUNDS] [FILTER]"}
rounds=${2:-5}
filter=${3:-mix/parse}
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
work=$(mktemp -d)
cleanup() {
  git -C "$repo" worktree remove --force "$work/old" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# the old tree sits beside a link to the corpus, where its benchmark looks for it
git -C "$repo" worktree add -q --detach "$work/old" "$rev"
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"

# the benchmark executable of a tree: `cargo bench --no-run` names it
bench_exe() { # TREE TARGET_DIR
  local exe
  exe=$( (cd "$1" && CARGO_TARGET_DIR=$2 cargo bench -p nianbao --bench parse --no-run 2>&1) |
    sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
  case $exe in
    /*) echo "$exe" ;;
    ?*) echo "$1/$exe" ;;
  esac
}
echo "ab.sh: building $rev ($(git -C "$repo" rev-parse --short "$rev")) and this checkout"
old=$(bench_exe "$work/old" "$target/ab")
new=$(bench_exe "$repo" "$target")
if [ ! -x "$old" ] || [ ! -x "$new" ]; then
  echo "ab.sh: could not build the benchmark of both trees" >&2
  exit 1
fi

# one turn: criterion's median throughput of each benchmark FILTER selects, in MiB/s
turn() { # EXE
  CRITERION_HOME="$work/criterion" "$1" --bench --noplot --discard-baseline "$filter" 2>/dev/null |
    awk '/^[a-z_]+\/[a-z_]+/ { name = $1; seen = 0 }
         /thrpt:/ && !seen { v = $4; u = $5; seen = 1
                             if (u ~ /GiB/) v *= 1024; else if (u ~ /KiB/) v /= 1024
                             printf "%s %.2f\n", name, v }'
}
: >"$work/results"
for r in $(seq 1 "$rounds"); do
  for which in old new; do
    exe=$old
    [ "$which" = new ] && exe=$new
    turn "$exe" | while read -r name mibs; do
      echo "$which $name $mibs" | tee -a "$work/results"
    done
  done
done

echo
echo "best and median turn over $rounds turns (MiB/s); change of the new build:"
sort -k2,2 -k1,1 -k3,3n "$work/results" | awk '
  { key = $2; which = $1; v[key, which, ++n[key, which]] = $3; names[key] = 1 }
  END {
    for (k in names) {
      for (w = 0; w < 2; w++) {
        which = w ? "new" : "old"; c = n[k, which]
        best[which] = v[k, which, c]; med[which] = v[k, which, int((c + 1) / 2)]
      }
      printf "%-20s old best %7.1f median %7.1f | new best %7.1f median %7.1f | %+.1f %% (best), %+.1f %% (median)\n",
        k, best["old"], med["old"], best["new"], med["new"],
        (best["new"] / best["old"] - 1) * 100, (med["new"] / med["old"] - 1) * 100
    }
  }'
