#!/usr/bin/env bash
# Runs the claims gate the way the GitHub action and the Azure Pipelines template do.
#   MLPERF_AUDIT     the CLI command (a path, or e.g. "dotnet /path/mlperf-audit.dll")
#   GATE_CLAIMS      claims file, relative to the repository root (annotations point at it)
#   GATE_EVIDENCE    bundles or report.json files, one per line
#   GATE_BASELINES   published tables, one per line
#   GATE_FAIL_ON     block (default) or warn
#   GATE_OUT         folder for gate.json, gate.dsse.json and the public key gate-key.pem
#   GATE_CI          github (default) or azure: annotation syntax, summary and outputs
#   GATE_DEFER_EXIT  1: exit 0 and leave the exit code in the step output exit-code (the action exits after uploading)
# GitHub: appends the summary to $GITHUB_STEP_SUMMARY and writes exit-code, report, blocked to $GITHUB_OUTPUT.
# Azure Pipelines: writes summary.md into GATE_OUT, uploads it with ##vso[task.uploadsummary], sets GATE_EXIT_CODE.
set -uo pipefail
read -r -a cli <<< "${MLPERF_AUDIT:?MLPERF_AUDIT is required}"
claims=${GATE_CLAIMS:?GATE_CLAIMS is required}
fail_on=${GATE_FAIL_ON:-block}
out=${GATE_OUT:-${RUNNER_TEMP:-${AGENT_TEMPDIRECTORY:-/tmp}}/mlperf-audit-gate}
ci=${GATE_CI:-github}
keys="$out.keys"
mapfile -t evidence < <(printf '%s\n' "${GATE_EVIDENCE:-}" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d')
mapfile -t baselines < <(printf '%s\n' "${GATE_BASELINES:-}" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d')
if [[ "$fail_on" != block && "$fail_on" != warn ]]; then
  echo "mlperf-audit gate: fail-on must be block or warn, not '$fail_on'" >&2
  exit 64
fi
mkdir -p "$out"
if [[ "$ci" == azure ]]; then summary="$out/summary.md"; else summary=${GITHUB_STEP_SUMMARY:-$out/summary.md}; fi
args=(gate "$claims" --out "$out" --key-dir "$keys" --annotate "$ci" --summary "$summary" --fail-on "$fail_on")
((${#evidence[@]})) && args+=(--evidence "${evidence[@]}")
((${#baselines[@]})) && args+=(--baselines "${baselines[@]}")
"${cli[@]}" "${args[@]}"
code=$?
if [[ -f "$out/gate.dsse.json" ]]; then
  "${cli[@]}" keys export --key-dir "$keys" > "$out/gate-key.pem" || true
fi
blocked=$(grep -c '"verdict": "block"' "$out/gate.json" 2>/dev/null || true)
if [[ "$ci" == azure ]]; then
  echo "##vso[task.uploadsummary]$summary"
  echo "##vso[task.setvariable variable=GATE_EXIT_CODE]$code"
elif [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  { echo "exit-code=$code"; echo "report=$out"; echo "blocked=${blocked:-0}"; } >> "$GITHUB_OUTPUT"
fi
if [[ "${GATE_DEFER_EXIT:-0}" == 1 ]]; then exit 0; fi
exit "$code"
