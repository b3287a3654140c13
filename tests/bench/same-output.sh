#!/usr/bin/env bash
# Shows that a change moves no result: runs two builds of mlperf-audit (before and after) over the corpus
# (inference v5.1, training v4.1-v6.0 and all of training/, the sweep, HTML reports with published baselines, the
# baselines check, the gate on the test claims) unsigned with a fixed --verified-at, and compares every output byte for byte.
#   usage: tests/bench/same-output.sh <before: folder of mlperf-audit.dll> <after: folder of mlperf-audit.dll> [work dir]
#   e.g.   git stash; dotnet build src/Audit.Cli -c Release -o /tmp/before; git stash pop; dotnet build src/Audit.Cli -c Release -o /tmp/after
set -u
before=$(realpath "$1"); after=$(realpath "$2"); work=${3:-$(mktemp -d)}
repo=$(cd "$(dirname "$0")/../.." && pwd)
C=$repo/../../shared/corpus; [ -d "$C" ] || C=/work/shared/corpus
B=$(dirname "$C")/baselines; T=$repo/tests/Audit.Core.Tests/Claims/TestData
AT=2026-01-01T00:00:00Z
outputs() { # cli out
  local cli=$1 out=$2; rm -rf "$out"; mkdir -p "$out"
  run() { local name=$1 fmt=$2; shift 2
    dotnet "$cli/mlperf-audit.dll" check "$@" --out "$out/$name" --csv "$out/$name.csv" --no-sign --verified-at $AT --format "$fmt" \
      >"$out/$name.stdout" 2>"$out/$name.stderr"; echo "$?" >"$out/$name.rc"; }
  run inf-v51 text "$C/inference/v5.1"
  run inf-v51-json json "$C/inference/v5.1" --round v5.1
  run inf-v51-html-bad html "$C/inference/v5.1" --baselines "$B/mlcommons-inference_results_v5.1/summary_results.json" "$B/derived/inference_llama_rows_v5.1_v6.0.csv"
  run inf-v51-html html "$C/inference/v5.1" --baselines "$B/mlcommons-inference_results_v5.1/summary_results.json" "$B/gbeezybez-inference_results_v6.0/summary_results.json"
  [ -d "$C/inference/v6.0" ] && run inf-v60 text "$C/inference/v6.0"
  for r in v4.1 v5.0 v5.1 v6.0; do run "trn-$r" text "$C/training/$r"; done
  run trn-v51-html html "$C/training/v5.1" --baselines "$B/derived/training_llama31_time_to_train.csv"
  run trn-all text "$C/training"
  run sweeps text "$C/sweeps/h200-llama-0.9b-mbs"
  run sweeps-html html "$C/sweeps/h200-llama-0.9b-mbs"
  dotnet "$cli/mlperf-audit.dll" baselines check "$B/mlcommons-inference_results_v5.1/summary_results.json" \
    "$B/gbeezybez-inference_results_v6.0/summary_results.json" "$B/derived/training_llama31_time_to_train.csv" >"$out/baselines.stdout" 2>"$out/baselines.stderr"
  echo $? >"$out/baselines.rc"
}
outputs "$before" "$work/before"
# The gate reads the before reports in both runs (their paths are written into gate.json).
mkdir -p "$work/evidence"; cp "$work/before/inf-v51/report.json" "$work/evidence/inf.json"; cp "$work/before/trn-v5.1/report.json" "$work/evidence/trn.json"
gates() { local cli=$1 out=$2
  for f in "$T"/*.json; do n=gate-$(basename "$f" .json)
    dotnet "$cli/mlperf-audit.dll" gate "$f" --evidence "$work/evidence/inf.json" "$work/evidence/trn.json" \
      --baselines "$B/derived/training_llama31_time_to_train.csv" "$B/mlcommons-inference_results_v5.1/summary_results.json" \
      --out "$out/$n" --no-sign --verified-at $AT --format json >"$out/$n.stdout" 2>"$out/$n.stderr"; echo $? >"$out/$n.rc"; done; }
gates "$before" "$work/before"
outputs "$after" "$work/after"; gates "$after" "$work/after"

b=$work/before; a=$work/after; n=0; bytes=0; bad=0
while IFS= read -r f; do
  n=$((n + 1)); bytes=$((bytes + $(stat -c %s "$b/$f")))
  if [ ! -f "$a/$f" ]; then echo "MISSING $f"; bad=$((bad + 1)); continue; fi
  # The out folder's own path (in stdout) is the one thing allowed to differ.
  cmp -s <(sed "s#$b#OUT#g" "$b/$f") <(sed "s#$a#OUT#g" "$a/$f") || { echo "DIFFER $f"; bad=$((bad + 1)); }
done < <(cd "$b" && find . -type f | sort)
extra=$(comm -13 <(cd "$b" && find . -type f | sort) <(cd "$a" && find . -type f | sort))
[ -n "$extra" ] && { echo "EXTRA $extra"; bad=$((bad + 1)); }
echo "$n files, $bytes bytes compared; $bad differ"
[ "$bad" -eq 0 ]
