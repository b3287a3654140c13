#!/usr/bin/env python3
"""Compares our round data (src/Audit.Core/Rounds/inference-<round>.json) with the official submission checker's
configuration, benchmark by benchmark: scenarios per system type, headline keys, sample counts, Offline samples per
query, minimum queries, token latency limits, accuracy bounds (reference x factor, compared as IEEE doubles), upper
limits, compliance tests, latency constraints, extra accuracy files, TEST01 tolerances and accuracy sample counts.

The official files are read as text (Python's ast), never imported or run. Usage:
  round-data-vs-official.py ROUND CHECKER_SOURCE [--tag-lists v5.0.1|v5.1.1]
    CHECKER_SOURCE: tools/submission/submission_checker/constants.py of mlcommons/inference main, or
                    tools/submission/submission_checker.py of a tag (git show v5.1.1:tools/submission/submission_checker.py)
    --tag-lists:    the tag's checker keeps equal-issue, LLM and compliance lists in code; give the tag to use them
                    (restated below from the tags); without it the main branch's models_TEST0x lists are used and
                    equal issue is off (main requires it for v4.1 only).
Prints one line per difference and exits 1 when there is any.
"""
import ast
import json
import pathlib
import sys

FACTORS = {0.9, 0.95, 0.99, 0.999, 1.1}
MAIN_LLM = ["llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99", "llama2-70b-interactive-99.9", "mixtral-8x7b",
            "llama3.1-405b", "llama3.1-8b", "llama3.1-8b-edge", "deepseek-r1", "gpt-oss-120b"]
# Lists the tags' checkers keep in code (requires_equal_issue, extra_check_llm, check_compliance_dir).
TAGS = {
    "v5.1.1": dict(
        llm=["llama2-70b-99", "llama2-70b-99.9", "mixtral-8x7b", "llama3.1-405b", "llama3.1-8b", "llama3.1-8b-edge", "deepseek-r1"],
        equal=["3d-unet-99", "3d-unet-99.9", "gptj-99", "gptj-99.9", "llama2-70b-99", "llama2-70b-99.9", "mixtral-8x7b", "llama3.1-405b",
               "llama3.1-8b", "llama3.1-8b-edge", "deepseek-r1", "rgat", "whisper"],
        no01=["llama3.1-8b", "llama3.1-8b-edge", "llama2-70b-99", "llama2-70b-99.9", "mixtral-8x7b", "llama3.1-405b", "deepseek-r1"],
        no04=["bert-99", "bert-99.9", "dlrm-v2-99", "dlrm-v2-99.9", "3d-unet-99", "3d-unet-99.9", "retinanet", "llama3.1-8b", "llama3.1-8b-edge",
              "llama2-70b-99", "llama2-70b-99.9", "mixtral-8x7b", "llama3.1-405b", "rgat", "deepseek-r1", "whisper"],
        t06=["llama2-70b-99", "llama2-70b-99.9", "mixtral-8x7b", "llama3.1-405b", "llama3.1-8b", "deepseek-r1"]),
    "v5.0.1": dict(
        llm=["llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99", "llama2-70b-interactive-99.9", "mixtral-8x7b", "llama3.1-405b"],
        equal=["3d-unet-99", "3d-unet-99.9", "gptj-99", "gptj-99.9", "llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99",
               "llama2-70b-interactive-99.9", "mixtral-8x7b", "llama3.1-405b", "rgat"],
        no01=["gptj-99", "gptj-99.9", "llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99", "llama2-70b-interactive-99.9",
              "mixtral-8x7b", "llama3.1-405b"],
        no04=["bert-99", "bert-99.9", "dlrm-v2-99", "dlrm-v2-99.9", "3d-unet-99", "3d-unet-99.9", "retinanet", "gptj-99", "gptj-99.9",
              "llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99", "llama2-70b-interactive-99.9", "mixtral-8x7b", "llama3.1-405b", "rgat"],
        t06=["llama2-70b-99", "llama2-70b-99.9", "llama2-70b-interactive-99", "llama2-70b-interactive-99.9", "mixtral-8x7b", "llama3.1-405b"]),
}


class Mul:
    def __init__(self, a, b):
        self.a, self.b = a, b

    @property
    def value(self):
        return self.a * self.b


def ev(node):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -ev(node.operand)
    if isinstance(node, ast.List):
        return [ev(e) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(ev(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return {ev(k): ev(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.BinOp):
        left, right = num(ev(node.left)), num(ev(node.right))
        if isinstance(node.op, ast.Mult):
            return Mul(left, right)
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Add):
            return left + right
    raise ValueError(ast.dump(node))


def num(x):
    return x.value if isinstance(x, Mul) else x


def load(path):
    out = {}
    for n in ast.parse(pathlib.Path(path).read_text()).body:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            try:
                out[n.targets[0].id] = ev(n.value)
            except (ValueError, TypeError):
                pass
    return out


def pairs(t):
    return [(t[i], num(t[i + 1])) for i in range(0, len(t), 2)]


def official_benchmarks(version, g, tag):
    cfg = g["MODEL_CONFIG"][version]
    lat = g["LLM_LATENCY_LIMITS"]
    spq = g["OFFLINE_MIN_SPQ_SINCE_V4"]
    lists = TAGS.get(tag)
    llm = lists["llm"] if lists else MAIN_LLM
    out = {}
    for m in cfg["models"]:
        sets = {}
        for key, name in (("datacenter", "datacenter"), ("edge", "edge"), ("datacenter-edge", "datacenterEdge")):
            req = cfg[f"required-scenarios-{key}"].get(m)
            if req is not None:
                sets[name] = (sorted(req), sorted(cfg[f"optional-scenarios-{key}"].get(m, [])))
        dirs = {s for r, o in sets.values() for s in r + o}
        if lists:
            tests = ["TEST01", "TEST04"]
            if m in lists["no04"]:
                tests.remove("TEST04")
            if m in lists["no01"]:
                tests.remove("TEST01")
            if m in lists["t06"]:
                tests.append("TEST06")
        else:
            tests = [t for t in ("TEST01", "TEST04", "TEST06", "TEST07", "TEST08", "TEST09") if m in cfg.get(f"models_{t}", [])]
        limits = {}
        if m in llm:
            for s, v in lat.get(m, {}).items():
                if isinstance(v, dict) and s in dirs:
                    limits[s] = (num(v["ttft"]) // 1000000, num(v["tpot"]) // 1000000)
                elif not isinstance(v, dict) and "Server" in dirs:
                    limits["Server"] = (num(lat[m]["ttft"]) // 1000000, num(lat[m]["tpot"]) // 1000000)
        target = cfg["accuracy-target"][m]
        lower = {s: pairs(t) for s, t in target.items()} if isinstance(target, dict) else {"*": pairs(target)}
        over = g["RESULT_FIELD_BENCHMARK_OVERWRITE"].get(version, {}).get(m, {})
        base = g["RESULT_FIELD_NEW"][version]
        acs = cfg.get("accuracy-sample-count", {}).get(m)
        out[m] = dict(
            sets=sets, tests=tests, limits=limits, llm=m in llm, lower=lower,
            upper=pairs(cfg.get("accuracy-upper-limit", {}).get(m, ())),
            headline={s: over.get(s, base[s]) for s in {"Server" if d == "Interactive" else d for d in dirs}},
            psc=cfg["performance-sample-count"][m],
            dataset=(cfg.get("dataset-size") or {}).get(m),
            spq=spq.get(m, g.get("OFFLINE_MIN_SPQ")) if "Offline" in dirs else None,
            equal=(m in lists["equal"]) if lists else False,
            minq=cfg["min-queries"][m], latency=cfg.get("latency-constraint", {}).get(m, {}),
            extra=g["REQUIRED_ACC_BENCHMARK"].get(m, {}).get(version, {}),
            delta=cfg.get("accuracy-delta-perc", {}).get(m, {}),
            acs=acs if isinstance(acs, dict) or acs is None else {s: acs for s in dirs})
    return out


def ours_view(b):
    sets = {k: (sorted(v["required"]), sorted(v["optional"])) for k, v in b["scenarios"].items()}
    dirs = {s for r, o in sets.values() for s in r + o}
    lower, upper = {}, []
    for t in b["accuracy"]:
        if "lower" in t:
            for s in t.get("scenarios") or ["*"]:
                lower.setdefault(s, []).append((t["metric"], t["lower"]["reference"] * t["lower"]["factor"]))
        if "upper" in t:
            upper.append((t["metric"], t["upper"]["reference"] * t["upper"]["factor"]))
    return dict(
        sets=sets, tests=b["compliance"], llm=b["llm"], lower=lower, upper=upper,
        limits={s: (v["ttftMs"], v["tpotMs"]) for s, v in b["tokenLatencyLimits"].items()},
        headline={s: k for s, k in b["headline"].items() if s in {"Server" if d == "Interactive" else d for d in dirs}},
        psc=b["performanceSampleCount"], dataset=b["datasetSize"],
        spq=b["offlineMinSamplesPerQuery"] if "Offline" in dirs else None, equal=b["equalIssue"], minq=b["minQueries"],
        latency=b["latencyConstraintNs"], extra=b["extraAccuracyFiles"], delta=b["accuracyDeltaPercent"], acs=b.get("accuracySampleCount"))


def main():
    args = sys.argv[1:]
    tag = args[args.index("--tag-lists") + 1] if "--tag-lists" in args else None
    version, source = args[0], args[1]
    repo = pathlib.Path(__file__).resolve().parents[2]
    ours = {b["name"]: ours_view(b) for b in json.loads((repo / f"src/Audit.Core/Rounds/inference-{version}.json").read_text())["benchmarks"]}
    official = official_benchmarks(version, load(source), tag)
    diffs = 0
    for name in sorted(set(ours) | set(official)):
        if name not in ours or name not in official:
            print(f"{name}: only in {'official' if name not in ours else 'ours'}")
            diffs += 1
            continue
        for key in ours[name]:
            a, b = ours[name][key], official[name][key]
            if key in ("lower", "upper"):
                a = {k: sorted(v) for k, v in a.items()} if isinstance(a, dict) else sorted(a)
                b = {k: sorted(v) for k, v in b.items()} if isinstance(b, dict) else sorted(b)
            if key == "dataset" and b is None:
                continue
            if a != b:
                print(f"{name}.{key}: ours {a} official {b}")
                diffs += 1
    print(f"{version}: {len(ours)} benchmarks, {diffs} difference(s)")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
