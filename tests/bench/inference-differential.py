#!/usr/bin/env python3
"""Differential mutation testing of the inference auditor against the official submission checker.

Takes real results from the corpus, applies single mutations generated from our round data (inference_mutations.py), and
runs the official checker and `mlperf-audit check` (with and without --round) on each mutated copy of the submitter. Prints
every mutation where the valid sets differ and a summary; writes the measured table (TSV) for the CI test.

  usage: tests/bench/inference-differential.py --checker PATH [--corpus DIR] [--round v5.1] [--max N] [--table OUT.tsv]
    --checker  the official checker to measure against, e.g. a checkout of mlcommons/inference at tag v5.1.1:
               <checkout>/tools/submission/submission_checker.py (single file), or <checkout>/tools/submission with
               --modular (the submission_checker package, run as python3 -m submission_checker.main)
    nothing of the official checker is kept here: it is run as a program from wherever the user checked it out.
"""
import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inference_mutations as im  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_PICKS = [
    "closed/Azure/results/ND_GB200_v6/llama2-70b-99/Offline",
    "closed/Azure/results/ND_GB200_v6/llama3.1-405b/Server",
    "closed/NVIDIA/results/GB200-NVL72_GB200-186GB_aarch64x4_TRT/llama2-70b-99/Interactive",
    "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/Offline",
    "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/deepseek-r1/Server",
    "closed/NVIDIA/results/GB300-NVL72_GB300-288GB_aarch64x72_TRT/llama3.1-405b/Offline",
    "closed/AMD/results/8xMI300X_2xEPYC_9575F/llama2-70b-99/Server",
]
# v6.0 (--round v6.0 --tree <checkout of the public v6.0 results>): 7 results of 4 submitters, 5 benchmarks, 4 scenarios, all
# of whose files are present in a checkout without the large files; the merged layout, lower-case scenario folders (GATEOverflow).
DEFAULT_PICKS_V60 = [
    "closed/AMD/results/8xMI355X_2xEPYC_9575F/gpt-oss-120b/Server",
    "closed/AMD/results/8xMI355X_2xEPYC_9575F/llama2-70b-99/Interactive",
    "closed/MiTAC/results/8xMI350X_2xEPYC-9755/llama2-70b-99.9/Offline",
    "closed/RedHat/results/2xL40S_RHEL9/whisper/Offline",
    "closed/RedHat/results/8xH200-LLM-D-Openshift/gpt-oss-120b/Offline",
    "closed/GATEOverflow/results/d986d93afc0b-nvidia-gpu-TensorRT-default_config/resnet50/offline",
    "closed/GATEOverflow/results/d986d93afc0b-nvidia-gpu-TensorRT-default_config/resnet50/singlestream",
]


def location(value):
    """A CSV Location as our result id: the modular checker writes ./<division>/.../<scenario>/performance/run_1."""
    value = value[2:] if value.startswith("./") else value
    head, sep, tail = value.rpartition("/performance/")
    return head if sep and tail.startswith("run_") else value


def official(root, args):
    out = os.path.join(root, "..", "official.csv")
    if args.modular:
        cmd = [sys.executable, "-m", "submission_checker.main", "--input", ".", "--version", args.round, "--csv", out]
        env = dict(os.environ, PYTHONPATH=args.checker)
    else:
        cmd = [sys.executable, args.checker, "--input", ".", "--version", args.round, "--csv", out]
        env = None
    p = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    crashed = "Traceback (most recent call last)" in p.stderr
    valid = set()
    if os.path.exists(out):
        with open(out, newline="") as f:
            valid = {location(row["Location"]) for row in csv.DictReader(f)}
    why = p.stderr.strip().splitlines()[-1] if crashed else ""
    why = why if len(why) <= 240 else why[:240] + " ..."  # an exception may quote a whole log line
    return valid, crashed, why


_local = threading.local()


def ours_in_process(root, args, with_round):
    """The same audit as `check` for an inference bundle, in one long-lived process per worker (tests/Audit.Inference.Bench)."""
    if getattr(_local, "bench", None) is None:
        _local.bench = subprocess.Popen(["dotnet", args.bench], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _local.bench.stdin.write(f"{root}\t{args.round if with_round else ''}\n")
    _local.bench.stdin.flush()
    answer = json.loads(_local.bench.stdout.readline())
    if "valid" not in answer:
        return None, [answer.get("error")]
    return set(answer["valid"]), answer["errors"]


def ours(root, args, with_round):
    if args.bench:
        return ours_in_process(root, args, with_round)
    out = os.path.join(root, "..", "ours-round" if with_round else "ours-auto")
    cmd = ["dotnet", args.cli, "check", root, "--out", out, "--no-sign"] + (["--round", args.round] if with_round else [])
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    report = os.path.join(out, "report.json")
    if not os.path.exists(report):
        return None, (p.stdout + p.stderr).strip().splitlines()[-1:] or ["no report"]
    data = json.load(open(report))
    valid = {r["id"] for r in data["results"] if r["verdict"] == "valid"}
    errors = {r["id"]: sorted({f["code"] for f in r["findings"] if f["severity"] == "error"}) for r in data["results"]}
    return valid, errors


def run_one(i, m, args):
    work = os.path.join(args.work, f"m{i:04d}")
    shutil.rmtree(work, ignore_errors=True)
    division, submitter = m.target.split("/")[:2]
    root = os.path.join(work, "tree")
    shutil.copytree(os.path.join(args.corpus, division, submitter), os.path.join(root, division, submitter))
    for dirpath, dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for n in filenames:
            os.chmod(os.path.join(dirpath, n), 0o644)
    try:
        m.apply(os.path.join(root, division, submitter))
    except (KeyError, OSError) as e:
        shutil.rmtree(work, ignore_errors=True)
        return {"name": m.name, "family": m.family, "skipped": str(e)}
    off, crashed, why = official(root, args)
    mine_r, err_r = ours(root, args, True)
    mine_a, err_a = ours(root, args, False)
    shutil.rmtree(work, ignore_errors=True)
    row = {"name": m.name, "family": m.family, "target": m.target, "ops": json.dumps(m.apply.spec), "official": sorted(off), "crashed": crashed,
           "why": why, "ours_round": None if mine_r is None else sorted(mine_r), "ours_auto": None if mine_a is None else sorted(mine_a),
           "errors_round": err_r, "errors_auto": err_a, "round": args.round}
    if args.rows:
        with _rows_lock, open(args.rows, "a") as f:
            f.write(json.dumps(row) + "\n")
    return row


_rows_lock = threading.Lock()


# Differences we keep on purpose (docs/differential-inference.md): the error code that makes ours stricter, and why.
DELIBERATE = {
    "INF-CONS-002": "the summary log disagrees with the detail log",
    "INF-LAT-003": "requested_use_token_latencies is not a boolean",
}


# v6.0 only (the modular checker): the error code and the mutation it answers (docs/differential-inference.md, v6.0 section).
DELIBERATE_V60 = [
    ("INF-FILE-001", "/mlperf_log_summary.txt deleted", "a summary log the rules require is missing (the modular checker never opens it)"),
    ("INF-FILE-003", "/mlperf_log_summary.txt emptied", "a summary log the rules require is empty (the modular checker never opens it)"),
    ("INF-HDR-002", "=0 (headline)", "a headline of 0 is no measurement (the modular checker writes the row)"),
    ("INF-LAT-001", "/Interactive :: result_first_token", "Interactive limits (the modular checker applies the Server ones)"),
    ("INF-LAT-002", "/Interactive :: result_time_per_output_token", "Interactive limits (the modular checker applies the Server ones)"),
    ("INF-LAT-002", "duplicated as scenario Interactive", "Interactive limits (the modular checker applies the Server ones)"),
    ("INF-LOG-002", "result_validity removed", "LoadGen's verdict is missing (the modular checker's validity test is a no-op)"),
    ("INF-LOG-004", "result_validity=INVALID", "LoadGen judged the run INVALID (the modular checker's validity test is a no-op)"),
    ("INF-SYS-004", "division=Closed (case)", "the division must be spelled as its folder (the modular checker compares lower case)"),
]


def cause(r, mode):
    """Why ours and the official checker differ on one mutation, or "" when the valid sets are the same.
    A crash of the official checker is "their bug": it stopped with a traceback and gave no valid set."""
    mine = r[f"ours_{mode}"]
    if r["crashed"]:
        return f"official checker crashed ({r['why'].split(':')[0]}): no verdict; ours judges the other results"
    if mine == r["official"]:
        return ""
    if mine is None:
        return "ours gave no report"
    only_off = set(r["official"]) - set(mine)
    codes = {c for x in only_off for c in r[f"errors_{mode}"].get(x, [])}
    if only_off and not set(mine) - set(r["official"]) and codes and codes <= DELIBERATE.keys():
        return "ours stricter: " + "; ".join(f"{DELIBERATE[c]} ({c})" for c in sorted(codes))
    known = [(code, why) for code, text, why in DELIBERATE_V60 if code in codes and text in r["name"]] if r.get("round") == "v6.0" else []
    if only_off and not set(mine) - set(r["official"]) and known:
        return f"ours stricter: {known[0][1]} ({known[0][0]})"
    return "difference"


def ours_on_target(r, mode):
    """Our verdict on the mutated result (or, for a submitter-wide mutation, how many of the submitter's results we keep)."""
    mine, errs = r[f"ours_{mode}"], r[f"errors_{mode}"]
    if mine is None:
        return f"no report: {errs}"
    if "/results/" in r["target"]:
        return "valid" if r["target"] in mine else f"invalid {errs.get(r['target'], [])}"
    ids = [x for x in errs if x.startswith(r["target"] + "/")]
    return f"{sum(1 for x in ids if x in mine)} of {len(ids)} results valid"


def report(rows, muts, seconds):
    """Prints every difference, the official checker's crashes ("their bug", not in the agreement) and the summary."""
    ran = [r for r in rows if "skipped" not in r]
    judged = [r for r in ran if not r["crashed"]]
    crashed = [r for r in ran if r["crashed"]]
    for r in judged:
        for mode in ("round", "auto"):
            why = cause(r, mode)
            if not why:
                continue
            mine = r[f"ours_{mode}"] or []
            only_off = sorted(set(r["official"]) - set(mine))
            only_ours = sorted(set(mine) - set(r["official"]))
            tag = "DELIBERATE" if why.startswith("ours stricter") else "DIFF"
            errs = r[f"errors_{mode}"]
            print(f"{tag} [{mode}] {r['name']}: {why}\n    official-only valid: {only_off}\n    ours-only valid: {only_ours}"
                  + "".join(f"\n    ours {x}: {errs.get(x) if isinstance(errs, dict) else errs}" for x in only_off))
    if crashed:
        print(f"THEIR BUG: the official checker crashed on {len(crashed)} mutation(s); no valid set, so not in the agreement:")
    for r in crashed:
        same = "same" if r["ours_round"] == r["official"] else "other"
        print(f"  {r['name']}\n    official: crashed: {r['why']}\n    ours on the mutated result: with --round {ours_on_target(r, 'round')},"
              f" without --round {ours_on_target(r, 'auto')} (the rows it wrote before the crash give the {same} valid set)")
    n, j = len(ran), len(judged)
    targets = {m.target for m in muts if "/results/" in m.target}
    same = {mode: sum(1 for r in judged if r[f"ours_{mode}"] == r["official"]) for mode in ("round", "auto")}
    raw = {mode: sum(1 for r in ran if r[f"ours_{mode}"] == r["official"]) for mode in ("round", "auto")}
    deliberate = {mode: sum(1 for r in judged if cause(r, mode).startswith("ours stricter")) for mode in ("round", "auto")}

    def pct(a, b):
        return f"{a}/{b} ({100 * a / max(b, 1):.2f}%)"
    print(f"mutations run: {n} (skipped {len(rows) - n}) from {len(targets)} results in {seconds:.0f} s; official checker judged {j},"
          f" crashed on {len(crashed)} (their bug, listed above)")
    print(f"same valid set, of the {j} the official checker judged: with --round {pct(same['round'], j)},"
          f" without --round {pct(same['auto'], j)}; deliberate (ours stricter): {deliberate['round']} / {deliberate['auto']};"
          f" other differences: {j - same['round'] - deliberate['round']} / {j - same['auto'] - deliberate['auto']}")
    print(f"raw, all {n} run (a crash counts as the rows written before it): with --round {pct(raw['round'], n)},"
          f" without --round {pct(raw['auto'], n)}")


def write_table(path, rows):
    """Every mutation run, with the official verdict (or its crash) and ours."""
    with open(path, "w") as f:
        f.write("mutation\tfamily\ttarget\tops\tofficial_valid\tofficial_crashed\tours_round_valid\tours_auto_valid\tofficial_crash\tcause\n")
        for r in rows:
            if "skipped" in r:
                continue
            f.write("\t".join([r["name"], r["family"], r["target"], r["ops"], ";".join(r["official"]), str(r["crashed"]).lower(),
                               ";".join(r["ours_round"] or []), ";".join(r["ours_auto"] or []), r["why"], cause(r, "round")]) + "\n")


def write_ci_sample(path, rows, every, also):
    """The CI replay (tests/Audit.Local.Tests/Inference/mutation-verdicts.tsv): every `every`-th agreeing mutation, the ones
    named in `also` and every other one, with the valid set ours gave and why it differs. Only mutations where both our modes
    give the same valid set are written (the test replays both)."""
    ran = [r for r in rows if "skipped" not in r and r["ours_round"] is not None and r["ours_round"] == r["ours_auto"]]
    for r in rows:
        if "skipped" not in r and r not in ran:
            print(f"not in the CI replay (our two modes differ): {r['name']}")
    agreeing = [r for r in ran if not cause(r, "round")]
    keep = {id(r) for r in agreeing[::every]} | {id(r) for r in ran if cause(r, "round") or r["name"] in also}
    picked = sorted((r for r in ran if id(r) in keep), key=lambda r: r["name"])
    with open(path, "w") as f:
        f.write("mutation\tfamily\ttarget\tops\tofficial_valid\texpected_ours_valid\tdeliberate\n")
        for r in picked:
            f.write("\t".join([r["name"], r["family"], r["target"], r["ops"], ";".join(r["official"]), ";".join(r["ours_round"]),
                               cause(r, "round")]) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checker", required=True)
    ap.add_argument("--modular", action="store_true")
    ap.add_argument("--corpus", "--tree", dest="corpus", default="",
                    help="the tree the picked results are taken from (default: ../shared/corpus/inference/v5.1), e.g. a checkout of a public round")
    ap.add_argument("--round", default="v5.1")
    ap.add_argument("--cli", default=os.path.join(REPO, "src", "Audit.Cli", "bin", "Release", "net10.0", "mlperf-audit.dll"))
    ap.add_argument("--bench", default="", help="tests/Audit.Inference.Bench's dll: audit in one process instead of one `check` per copy")
    ap.add_argument("--work", default="/tmp/inference-differential")
    ap.add_argument("--picks", default="", help="result ids, comma-separated (default: the 7 of the round, DEFAULT_PICKS or DEFAULT_PICKS_V60)")
    ap.add_argument("--per-kind", type=int, default=0, help="run each kind of mutation on this many results (0: on every result)")
    ap.add_argument("--max", type=int, default=0, help="run only the first N mutations (0: all)")
    ap.add_argument("--only", default="", help="run only mutations whose name contains this text")
    ap.add_argument("--names", default="", help="run only the mutations named in this file (one a line)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--table", default="", help="write the measured verdicts as TSV")
    ap.add_argument("--rows", default="", help="append each mutation's verdicts to this JSON-lines file as it finishes; mutations"
                    " already in it are not run again, and the report covers them all (a long run can be stopped and resumed)")
    ap.add_argument("--shuffle", action="store_true", help="run the mutations in a fixed shuffled order (a cut-short run covers every family)")
    ap.add_argument("--ci-sample", default="", help="write the CI replay's TSV (tests/Audit.Local.Tests/Inference/mutation-verdicts.tsv)")
    ap.add_argument("--ci-every", type=int, default=6, help="in the CI replay, every N-th agreeing mutation (and every other one)")
    ap.add_argument("--ci-keep", default="", help="also keep these mutations in the CI replay (one name a line), e.g. the earlier differences")
    args = ap.parse_args()
    args.corpus = os.path.abspath(args.corpus or os.path.join(REPO, "..", "..", "shared", "corpus", "inference", "v5.1"))
    args.picks = args.picks or ",".join(DEFAULT_PICKS_V60 if args.round == "v6.0" else DEFAULT_PICKS)
    rnd = json.load(open(os.path.join(REPO, "src", "Audit.Core", "Rounds", f"inference-{args.round}.json")))
    muts = im.generate(args.corpus, rnd, [p for p in args.picks.split(",") if p])
    if args.per_kind:
        muts = im.sample(muts, args.per_kind)
    if args.only:
        muts = [m for m in muts if args.only in m.name]
    if args.names:
        wanted = set(open(args.names).read().splitlines())
        muts = [m for m in muts if m.name in wanted]
    if args.shuffle:
        random.Random(60).shuffle(muts)
    if args.max:
        muts = muts[: args.max]
    os.makedirs(args.work, exist_ok=True)
    done = {}
    if args.rows and os.path.exists(args.rows):
        done = {r["name"]: r for r in map(json.loads, open(args.rows)) if r["name"] in {m.name for m in muts}}
    start = time.time()
    todo = [(i, m) for i, m in enumerate(muts) if m.name not in done]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(done.values()) + list(pool.map(lambda im_: run_one(im_[0], im_[1], args), todo))
    for r in rows:
        if "skipped" in r:
            print(f"SKIPPED {r['name']}: {r['skipped']}")
    report(rows, muts, time.time() - start)
    if args.table:
        write_table(args.table, rows)
    if args.ci_sample:
        also = set(open(args.ci_keep).read().splitlines()) if args.ci_keep else set()
        write_ci_sample(args.ci_sample, rows, args.ci_every, also)

if __name__ == "__main__":
    main()
