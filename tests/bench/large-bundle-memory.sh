#!/usr/bin/env bash
# Peak memory and wall time of `mlperf-audit check` on large folder bundles of repeated real logs: the Azure v5.1
# submission copied N times under different submitter names (hard links, so the copies cost no disk), at about
# 0.5, 1 and 2 GB. Time should grow linearly with size and peak RSS stay flat (issue 8: under 300 MB at 2 GB).
# Every result is invalid by design: each copy's system JSON names submitter "Azure" (INF-SYS-004), and the
# copies share detail logs (INF-CONS-005); exit 1 is expected.
#   usage: tests/bench/large-bundle-memory.sh [sizes in GB, default "0.5 1 2"]
# Builds everything under a fresh folder in /tmp (removed at the end), never in the repository. Needs GNU time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
source_tree="$repo/../../shared/corpus/inference/v5.1/closed/Azure"
[ -d "$source_tree" ] || source_tree=/work/shared/corpus/inference/v5.1/closed/Azure
sizes=${1:-"0.5 1 2"}
work=$(mktemp -d /tmp/mlperf-audit-large-XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build "$repo/src/Audit.Cli" -c Release -v q -nologo >/dev/null
cli="$repo/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll"
per_copy=$(du -sb "$source_tree" | cut -f1)

printf '%-6s %7s %12s %10s %10s  %s\n' "GB" "copies" "bytes" "wall s" "peak MB" "exit (results)"
for gb in $sizes; do
  copies=$(python3 -c "import math,sys; print(math.ceil(float(sys.argv[1]) * 2**30 / int(sys.argv[2])))" "$gb" "$per_copy")
  root="$work/bundle-$gb"
  mkdir -p "$root/closed"
  for i in $(seq 1 "$copies"); do cp -al "$source_tree" "$root/closed/Azure$i"; done
  bytes=$(du -sbl "$root" | cut -f1)
  /usr/bin/time -f "%e %M" -o "$work/time-$gb" dotnet "$cli" check "$root" --round v5.1 --no-sign --out "$work/out-$gb" \
    >"$work/log-$gb" 2>&1 && rc=0 || rc=$?
  read -r secs kb < <(tail -1 "$work/time-$gb")
  results=$(grep -oE '[0-9]+ valid, [0-9]+ invalid' "$work/log-$gb" | tail -1 || true)
  printf '%-6s %7s %12s %10s %10s  %s\n' "$gb" "$copies" "$bytes" "$secs" "$((kb / 1024))" "$rc ($results)"
  rm -rf "$root" "$work/out-$gb"
done
