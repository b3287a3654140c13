#!/usr/bin/env bash
# Upload-to-report latency of the isolated-worker Functions app (median and p99 over N uploads of Azure's ND_GB200_v6
# bundle, i.e. a zip of shared/corpus/inference/v5.1/closed/Azure), invoked in-process over Azurite with the BlobClient the
# trigger binds; the worker's start-up to its first invocation (fresh processes); and the ratio against the named peer
# `mlperf-audit check` on the same zip in the same run. Needs node and tests/azurite (npm ci there, or .ci/install-azurite.sh).
#   usage: tests/bench/functions-latency.sh [uploads=50] [starts=5]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=$( [ -d "$repo/../shared" ] && cd "$repo/../shared" && pwd || (cd "$repo/../../shared" && pwd) )
[ -f "$repo/tests/azurite/node_modules/azurite/package.json" ] || (cd "$repo/tests/azurite" && npm ci --no-audit --no-fund >/dev/null)
dotnet build "$repo/src/Audit.Cli" -c Release -v q -nologo >/dev/null
dotnet build "$repo/tests/Audit.Functions.Bench" -c Release -v q -nologo >/dev/null
dotnet "$repo/tests/Audit.Functions.Bench/bin/Release/net10.0/Audit.Functions.Bench.dll" "$repo" \
  "$repo/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll" \
  "$shared/corpus/inference/v5.1/closed/Azure" "${1:-50}" "${2:-5}"
