#!/usr/bin/env bash
# Compare our verdicts and headline values with the official checker's on a whole published round, using the
# verdict table measured from the official checker (tests/Audit.Core.Tests/Agreement/<round>-official-verdicts.tsv).
#   usage: tests/bench/inference-agreement.sh TREE [ROUND [TABLE]]
#     TREE   a checkout of the round's results repository (mlcommons/inference_results_v5.1 for v5.1,
#            inference_results_v6.0 for v6.0)
#     ROUND  v5.1 (default) or v6.0; passed to `check --round`
#     TABLE  the official verdict table (default: the one kept for ROUND)
#   AUTO_ROUND=1 checks without --round (the round inferred from the bundle), still against ROUND's table.
set -euo pipefail
tree=${1:?path to a checkout of the results repository of the round}
round=${2:-v5.1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
table=${3:-$repo/tests/Audit.Core.Tests/Agreement/$round-official-verdicts.tsv}
[ -f "$table" ] || { echo "no official verdict table $table" >&2; exit 64; }
out=$(mktemp -d)
dotnet build "$repo/src/Audit.Cli" -c Release -v q -nologo >/dev/null
start=$(date +%s.%N)
round_args=(--round "$round")
[ "${AUTO_ROUND:-0}" = 1 ] && round_args=()
dotnet "$repo/src/Audit.Cli/bin/Release/net10.0/mlperf-audit.dll" check "$tree" "${round_args[@]}" --out "$out" --no-sign >/dev/null || true
end=$(date +%s.%N)
python3 - "$out/report.json" "$table" "$start" "$end" <<'PY'
import csv, json, sys
report = json.load(open(sys.argv[1]))
print(f"rules: {report['rules']['round']}")
ours = {r["id"]: r for r in report["results"]}
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
known = {row["id"] for row in official}
for extra in sorted(set(ours) - known):
    print(f"EXTRA    {extra}: ours {ours[extra]['verdict']}, not in the official table")
valid = sum(1 for r in official if r["verdict"] == "valid")
print(f"verdicts agree: {agree}/{len(official)} ({100 * agree / len(official):.2f}%); headline values equal: {values}/{valid}; "
      f"check took {float(sys.argv[4]) - float(sys.argv[3]):.2f} s")
PY
