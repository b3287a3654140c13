#!/usr/bin/env bash
# Compare our verdicts and headline values with the official v5.1.1 checker's on a checkout of
# mlcommons/inference_results_v5.1, using the table measured from the official checker
# (tests/Audit.Core.Tests/Agreement/v5.1-official-verdicts.tsv).
#   usage: tests/bench/inference-agreement.sh /path/to/inference_results_v5.1
set -euo pipefail
tree=${1:?path to a checkout of mlcommons/inference_results_v5.1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
dotnet build "$repo/src/Audit.Cli" -c Release -v q -nologo >/dev/null
dotnet "$repo/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll" check "$tree" --round v5.1 --out "$out" >/dev/null || true
python3 - "$out/report.json" "$repo/tests/Audit.Core.Tests/Agreement/v5.1-official-verdicts.tsv" <<'PY'
import csv, json, sys
ours = {r["id"]: r for r in json.load(open(sys.argv[1]))["results"]}
official = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
agree = values = 0
for row in official:
    mine = ours.get(row["id"])
    if mine is None:
        print(f"MISSING  {row['id']}: official {row['verdict']}")
        continue
    if mine["verdict"] != row["verdict"]:
        errors = "; ".join(f["code"] for f in mine["findings"] if f["severity"] == "error")
        print(f"VERDICT  {row['id']}: official {row['verdict']}, ours {mine['verdict']} ({errors})")
        continue
    agree += 1
    if row["verdict"] == "valid":
        if float(row["value"]) == mine["metric"]["value"]:
            values += 1
        else:
            print(f"VALUE    {row['id']}: official {row['value']}, ours {mine['metric']['value']}")
valid = sum(1 for r in official if r["verdict"] == "valid")
print(f"verdicts agree: {agree}/{len(official)} ({100 * agree / len(official):.2f}%); headline values equal: {values}/{valid}")
PY
