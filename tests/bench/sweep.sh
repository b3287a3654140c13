#!/usr/bin/env bash
# Benchmark: MLPerf Audit's sweep audit vs the same numbers computed with pandas/numpy (tests/bench/sweep_pandas.py),
# over a sweep folder (default: ../shared/corpus/sweeps/h200-llama-0.9b-mbs). Each side runs as a fresh process,
# RUNS times (default 10); prints both mean wall times per run and the ratio (pandas / ours).
# MLPerf Audit does more per run (every finding, telemetry series, recommendation, report.json); pandas computes only the
# statistics the agreement test compares. Needs the .NET SDK and /usr/bin/python3 with pandas (.ci/install-sweeps.sh).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
SWEEP=${1:-$REPO/../shared/corpus/sweeps/h200-llama-0.9b-mbs}
[ -d "$SWEEP" ] || SWEEP=$REPO/../../shared/corpus/sweeps/h200-llama-0.9b-mbs # a worktree one level deeper
SWEEP=$(realpath "$SWEEP")
RUNS=${RUNS:-10}
PY=${PYTHON:-/usr/bin/python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

dotnet build "$REPO/src/Audit.Cli" -c Release -v q -nologo >/dev/null
CLI="$REPO/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll"

time_runs() { # prints mean seconds per run of "$@"
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
  end=$(date +%s.%N)
  echo "($end - $start) / $RUNS" | bc -l
}

"$PY" "$REPO/tests/bench/sweep_pandas.py" "$SWEEP" 989 >/dev/null # warm the page cache
dotnet "$CLI" check "$SWEEP" --no-sign --out "$WORK" >/dev/null || true
ours=$(time_runs dotnet "$CLI" check "$SWEEP" --no-sign --out "$WORK" --claim-optimal MBS=16)
theirs=$(time_runs "$PY" "$REPO/tests/bench/sweep_pandas.py" "$SWEEP" 989)
printf 'sweep: %s (%s runs each, fresh process per run)\n' "$SWEEP" "$RUNS"
printf 'pandas reference (sweep_pandas.py): %.3f s/run\nMLPerf Audit check:                 %.3f s/run\nratio (pandas / MLPerf Audit):      %.2fx\n' "$theirs" "$ours" "$(echo "$theirs / $ours" | bc -l)"
# Where MLPerf Audit's time goes inside one (cold, JIT-compiling) process: open + digest, then the audit itself.
MLPERF_AUDIT_TIMINGS=1 dotnet "$CLI" check "$SWEEP" --no-sign --out "$WORK" 2>&1 >/dev/null | sed 's/^timing: /MLPerf Audit stage (one run): /'
