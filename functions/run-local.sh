#!/usr/bin/env bash
# Runs the Functions app locally without the Functions host: Azurite (blob service, data in .azurite/ at the repo root)
# and the custom handler on 127.0.0.1:${PORT:-7071}, signing with the local key folder (~/.mlperf-audit/keys unless
# AUDIT_KEY_DIR is set). ReportPublished events go to AUDIT_EVENTGRID_ENDPOINT (default: a topic on 127.0.0.1:7072
# that you run yourself; events that cannot be delivered make the invocation answer 500 after the report is stored).
#   usage: functions/run-local.sh        (Ctrl-C stops both)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$repo/tests/azurite/node_modules/azurite/package.json" ] || (cd "$repo/tests/azurite" && npm ci --no-audit --no-fund)
mkdir -p "$repo/.azurite"
node "$repo/tests/azurite/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "${AZURITE_PORT:-10000}" \
  --location "$repo/.azurite" --disableTelemetry --silent &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT
export FUNCTIONS_CUSTOMHANDLER_PORT="${PORT:-7071}"
export AUDIT_STORAGE="${AUDIT_STORAGE:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:${AZURITE_PORT:-10000}/devstoreaccount1}"
export AUDIT_EVENTGRID_ENDPOINT="${AUDIT_EVENTGRID_ENDPOINT:-http://127.0.0.1:7072/api/events}"
export AUDIT_EVENTGRID_KEY="${AUDIT_EVENTGRID_KEY:-local}"
dotnet run --project "$repo/functions/Audit.Functions" -c Release
