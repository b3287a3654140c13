#!/usr/bin/env bash
# Times MLPerf Audit and the official MLPerf Inference submission checker over the same whole round, in one run: the two
# tools alternate for ROUNDS rounds (default 3), each run on a tree just read into the page cache, and the script prints
# every run (wall and CPU seconds, peak memory), the medians, and the ratio of the medians.
#   usage: tests/bench/inference-round-speed.sh <checkout of mlcommons/inference_results_v5.1> <checkout of mlcommons/inference at v5.1.1> [ROUNDS]
# Neither checkout is part of this repository (get them with the search tool's fetch). Needs GNU time (apt: time).
# mlperf-audit is measured as shipped: `dotnet publish -c Release -r <this machine's runtime>` (ReadyToRun).
set -euo pipefail
tree=${1:?path to a checkout of mlcommons/inference_results_v5.1}
official=${2:?path to a checkout of mlcommons/inference at tag v5.1.1}
rounds=${3:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
dotnet publish "$repo/src/Audit.Cli" -c Release -r "$rid" --self-contained false -o "$work/app" -v q -nologo >/dev/null
# The build servers publish leaves behind (MSBuild nodes, the compiler server) would share the cores with the first round.
dotnet build-server shutdown >/dev/null 2>&1 || true

# The machine's page-cache reclaimer can evict files untouched for a few seconds; each tool starts on a tree just read.
warm() { find "$tree" -type f -print0 | xargs -0 -P 2 -n 1000 cat >/dev/null; }

measure() { # name round command...: appends "wall cpu peak_kb" to $work/name.runs, prints the run
  local name=$1 round=$2; shift 2
  warm
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || true
  local wall user sys kb cpu
  read -r wall user sys kb < <(tail -1 "$work/$name.time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
  echo "$wall $cpu $kb" >>"$work/$name.runs"
  printf 'round %d  %-12s %7.2f s wall  %7.2f s cpu  peak %4d MB  (load before %s)\n' \
    "$round" "$name" "$wall" "$cpu" "$((kb / 1024))" "$load"
}

echo "round: $tree"
for ((r = 1; r <= rounds; r++)); do
  measure official "$r" python3 "$official/tools/submission/submission_checker.py" --input "$tree" --version v5.1 \
    --skip-extra-files-in-root-check --csv "$work/official.csv"
  measure mlperf-audit "$r" dotnet "$work/app/mlperf-audit.dll" check "$tree" --round v5.1 --out "$work/audit" --no-sign
done

python3 - "$work/official.runs" "$work/mlperf-audit.runs" <<'EOF'
import statistics, sys
def runs(path):
    return [tuple(map(float, line.split())) for line in open(path)]
official, ours = runs(sys.argv[1]), runs(sys.argv[2])
med = lambda rows, i: statistics.median(r[i] for r in rows)
ratios = [o[0] / m[0] for o, m in zip(official, ours)]
print(f"median official     {med(official, 0):7.2f} s wall  {med(official, 1):7.2f} s cpu  peak {med(official, 2) / 1024:4.0f} MB")
print(f"median mlperf-audit {med(ours, 0):7.2f} s wall  {med(ours, 1):7.2f} s cpu  peak {med(ours, 2) / 1024:4.0f} MB")
print(f"ratio official/mlperf-audit: {med(official, 0) / med(ours, 0):.1f}x wall (per round {min(ratios):.1f}x to {max(ratios):.1f}x), "
      f"{med(official, 1) / med(ours, 1):.1f}x cpu")
EOF
grep -E "Results=|SUMMARY" "$work/official.log" | tail -2 || true
tail -2 "$work/mlperf-audit.log"
