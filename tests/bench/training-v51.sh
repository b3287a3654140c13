#!/usr/bin/env bash
# Benchmark and cross-check: MLPerf Audit's TrainingAuditor vs mlcommons/logging's package checker and
# result summarizer over a whole MLPerf Training v5.1 results tree (rule set 5.1.0).
#
# Usage: tests/bench/training-v51.sh <mlcommons/logging checkout> <training_results_v5.1 checkout> [work dir]
#   e.g. tests/bench/training-v51.sh /tmp/training-official/logging /tmp/training-official/results_v5.1
# Needs python3 with numpy, scipy, pandas and PyYAML (Debian: python3-numpy python3-scipy python3-pandas python3-yaml)
# and the .NET SDK. The official tools write scaling.json into the tree they check, so they run on a scratch copy.
# Prints both wall times and their ratio, then the verdict and score agreement per (system, benchmark).
set -euo pipefail
LOGGING=$(realpath "$1"); TREE=$(realpath "$2"); WORK=${3:-$(mktemp -d)}
PY=${PYTHON:-/usr/bin/python3}
RULESET=5.1.0
REPO=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK"; rm -rf "$WORK/tree"; cp -r "$TREE" "$WORK/tree"
ORGS=$(cd "$WORK/tree" && for d in */; do [ -d "$d/results" ] && echo "${d%/}"; done)

echo "== official: package_checker + result_summarizer ($RULESET), one org at a time"
start=$(date +%s.%N)
for org in $ORGS; do
  (cd "$LOGGING" && "$PY" -m mlperf_logging.package_checker "$WORK/tree/$org" training "$RULESET" --log_output "$WORK/pkg_$org.log" >"$WORK/pkg_$org.out" 2>&1) || true
  (cd "$LOGGING" && "$PY" -m mlperf_logging.result_summarizer "$WORK/tree/$org" training "$RULESET" --csv "$WORK/sum_$org.csv" >"$WORK/sum_$org.out" 2>&1) || true
done
end=$(date +%s.%N)
official=$(echo "$end - $start" | bc)

echo "== MLPerf Audit: TrainingAuditor on the same (pristine) tree"
dotnet build "$REPO/tests/Audit.Training.Bench" -c Release -v q -nologo >/dev/null
start=$(date +%s.%N)
dotnet "$REPO/tests/Audit.Training.Bench/bin/Release/net10.0/Audit.Training.Bench.dll" "$TREE" "$RULESET" "$WORK/ours.tsv"
end=$(date +%s.%N)
ours=$(echo "$end - $start" | bc)

printf 'official tools: %.1f s\nMLPerf Audit:   %.1f s\nratio (official / ours): %.1fx\n' "$official" "$ours" "$(echo "$official / $ours" | bc -l)"
"$PY" "$REPO/tests/bench/compare_training.py" "$WORK" "$TREE" $ORGS

echo "== MLPerf Audit without a rule set (inferred from names, benchmarks and log dates; issue 16)"
cp "$WORK/ours.tsv" "$WORK/ours_given.tsv"
dotnet "$REPO/tests/Audit.Training.Bench/bin/Release/net10.0/Audit.Training.Bench.dll" "$TREE" - "$WORK/ours.tsv"
"$PY" "$REPO/tests/bench/compare_training.py" "$WORK" "$TREE" $ORGS
