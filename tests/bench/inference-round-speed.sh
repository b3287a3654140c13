#!/usr/bin/env bash
# Times MLPerf Audit and the official MLPerf Inference submission checker over the same whole round, in one run,
# and prints both wall times, peak memory and the ratio.
#   usage: tests/bench/inference-round-speed.sh <checkout of mlcommons/inference_results_v5.1> <checkout of mlcommons/inference at v5.1.1>
# Neither checkout is part of this repository (get them with the search tool's fetch). Needs GNU time (apt: time).
set -euo pipefail
tree=${1:?path to a checkout of mlcommons/inference_results_v5.1}
official=${2:?path to a checkout of mlcommons/inference at tag v5.1.1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
dotnet build "$repo/src/Audit.Cli" -c Release -v q -nologo >/dev/null

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || true
  read -r secs kb < <(tail -1 "$work/$name.time")
  printf '%-14s %8.2f s  peak %6.0f MB\n' "$name" "$secs" "$((kb / 1024))"
}

echo "round: $tree"
# The machine may be shared: the load average says how comparable a run is (both tools run in the same conditions).
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure official python3 "$official/tools/submission/submission_checker.py" --input "$tree" --version v5.1 \
  --skip-extra-files-in-root-check --csv "$work/official.csv"
measure mlperf-audit dotnet "$repo/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll" check "$tree" --round v5.1 \
  --out "$work/audit" --no-sign
read -r official_s _ < <(tail -1 "$work/official.time")
read -r ours_s _ < <(tail -1 "$work/mlperf-audit.time")
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "import sys; o, m = float(sys.argv[1]), float(sys.argv[2]); print(f'ratio official/mlperf-audit: {o / m:.1f}x')" "$official_s" "$ours_s"
grep -E "^.*Results=|SUMMARY" "$work/official.log" | tail -2 || true
tail -2 "$work/mlperf-audit.log"
