#!/usr/bin/env bash
# Differential mutation test: MLPerf Audit's TrainingAuditor vs mlcommons/logging's package checker + result summarizer
# on single mutations of real results from the shared corpus, generated from our rule files (training_mutations.py).
#
# Usage: tests/bench/training-mutations.sh <mlcommons/logging checkout> [work dir] [parallel official workers, default 3]
# Needs python3 with numpy, scipy, pandas and PyYAML (Debian: python3-numpy python3-scipy python3-pandas python3-yaml).
# Prints every mutation where the valid sets or the scores (3 decimals) differ, and a summary; causes of each
# difference are in docs/differential-training.md.
set -euo pipefail
LOGGING=$(realpath "$1"); WORK=${2:-$(mktemp -d)}; JOBS=${3:-3}
PY=${PYTHON:-/usr/bin/python3}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$WORK"; rm -rf "$WORK/mut" "$WORK"/off_*.tsv "$WORK"/ours_*.tsv
"$PY" "$REPO/tests/bench/training_mutations.py" generate "$REPO" "$REPO/../../shared/corpus/training" "$WORK/mut"

echo "== MLPerf Audit (pristine copies; the official tools write scaling.json into what they check)"
dotnet build "$REPO/tests/Audit.Training.Bench" -c Release -v q -nologo >/dev/null
for rs in $(ls "$WORK/mut" | grep -v tsv); do
  dotnet "$REPO/tests/Audit.Training.Bench/bin/Release/net10.0/Audit.Training.Bench.dll" "$WORK/mut/$rs" "$rs" "$WORK/ours_$rs.tsv" | tail -1
done

echo "== official: package_checker then result_summarizer, $JOBS processes"
for i in $(seq 0 $((JOBS - 1))); do
  "$PY" "$REPO/tests/bench/training_official.py" "$LOGGING" "$WORK/mut" "$WORK/off_$i.tsv" "$i" "$JOBS" &
done
wait
"$PY" "$REPO/tests/bench/compare_mutations.py" "$WORK/mut" "$WORK"
