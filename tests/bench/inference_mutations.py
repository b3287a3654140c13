"""Single mutations of real MLPerf Inference results, generated from the rules in our round data.

Each mutation is a function that edits a copy of one submitter folder. The families and their values come from
src/Audit.Core/Rounds/inference-<round>.json (limits, seeds, required files, system-description fields, accuracy targets)
and from the layout every round shares; nothing here is taken from an official checker.
"""
import json
import os
import re
import shutil

SCENARIOS = ["Offline", "Server", "Interactive", "SingleStream", "MultiStream"]


class Mutation:
    """One single change to one submitter copy: name (unique), family, target result id (or submitter), apply(root)."""

    def __init__(self, name, family, target, apply, kind=""):
        self.name, self.family, self.target, self.apply, self.kind = name, family, target, apply, kind


class Result:
    """A result of the corpus: paths relative to the submitter folder. `scenario` is the scenario's name (Offline), `folder` uses
    the folder's own spelling (v6.x trees have `offline`). Split layout (v5.x): measurements/ and compliance/ beside results/;
    merged layout (v6.x): measurements.json, user.conf and the TEST0x folders inside the result folder."""

    def __init__(self, division, submitter, system, benchmark, scenario, layout="split", scenario_folder=None):
        self.division, self.submitter, self.system, self.benchmark, self.scenario = division, submitter, system, benchmark, scenario
        self.layout = layout
        folder = scenario_folder or scenario
        self.id = f"{division}/{submitter}/results/{system}/{benchmark}/{folder}"
        self.folder = f"results/{system}/{benchmark}/{folder}"
        self.perf = self.folder + "/performance/run_1"
        self.acc = self.folder + "/accuracy"
        merged = layout == "merged"
        self.measure = self.folder if merged else f"measurements/{system}/{benchmark}/{folder}"
        self.comp = self.folder if merged else f"compliance/{system}/{benchmark}/{folder}"
        self.system_json = f"systems/{system}.json"

    def compliance_tests(self, root):
        """The result's compliance test folders (TEST01, ...), relative to the submitter folder."""
        path = os.path.join(root, self.comp)
        if not os.path.isdir(path):
            return []
        names = sorted(os.listdir(path))
        return [f"{self.comp}/{t}" for t in names if self.layout != "merged" or t.startswith("TEST")]

    def implementation_json(self, root):
        """The implementation description: measurements/.../<system>*.json (split) or measurements.json (merged)."""
        if self.layout == "merged":
            return [self.measure + "/measurements.json"] if os.path.exists(os.path.join(root, self.measure, "measurements.json")) else []
        return [self.measure + "/" + f for f in sorted(os.listdir(os.path.join(root, self.measure))) if f.endswith(".json")]


def find_results(corpus, layout="split"):
    found = []
    for division in sorted(os.listdir(corpus)):
        for submitter in sorted(os.listdir(os.path.join(corpus, division))):
            res = os.path.join(corpus, division, submitter, "results")
            if not os.path.isdir(res):
                continue
            for system in sorted(os.listdir(res)):
                if not os.path.isdir(os.path.join(res, system)):
                    continue
                for bench in sorted(os.listdir(os.path.join(res, system))):
                    path = os.path.join(res, system, bench)
                    if not os.path.isdir(path):
                        continue
                    for scen in sorted(os.listdir(path)):
                        name = next((s for s in SCENARIOS if s.lower() == scen.lower()), None) if layout == "merged" else scen
                        if name in SCENARIOS:
                            found.append(Result(division, submitter, system, bench, name, layout, scen))
    return found


# ---- file edits -------------------------------------------------------------------------------------------------
# Every edit returns a function of the submitter folder that also carries its spec (op name, arguments), which the CI test
# (tests/Audit.Local.Tests/Inference/MutationVerdictTests.cs) replays in C#.

def op(factory):
    def make(*args):
        fn = factory(*args)
        fn.spec = [[factory.__name__] + [a.spec if callable(a) else a.decode() if isinstance(a, bytes) else a for a in args]]
        return fn
    make.__name__ = factory.__name__
    return make


def _p(root, rel):
    return os.path.join(root, rel)


@op
def set_key(rel, key, value, delete=False):
    """Sets (or deletes) the value of the first MLLOG line with `key` in a detail log; JSON value or raw text."""
    def apply(root):
        path = _p(root, rel)
        lines = open(path, encoding="utf-8").read().split("\n")
        out, done = [], False
        for line in lines:
            if not done and line.startswith(":::MLLOG ") and f'"key": "{key}"' in line:
                done = True
                if delete:
                    continue
                record = json.loads(line[len(":::MLLOG "):])
                record["value"] = value
                line = ":::MLLOG " + json.dumps(record)
            out.append(line)
        if not done:
            raise KeyError(f"{key} not in {rel}")
        open(path, "w", encoding="utf-8").write("\n".join(out))
    return apply


@op
def add_error_line(rel):
    def apply(root):
        record = {"key": "error_invalid_config", "value": "mutated: an error LoadGen logged", "time_ms": 1.0,
                  "namespace": "mlperf::logging", "event_type": "POINT_IN_TIME",
                  "metadata": {"is_error": True, "is_warning": False, "file": "x.cc", "line_no": 1, "pid": 1, "tid": 1}}
        with open(_p(root, rel), "a", encoding="utf-8") as f:
            f.write(":::MLLOG " + json.dumps(record) + "\n")
    return apply


@op
def delete(rel):
    def apply(root):
        p = _p(root, rel)
        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    return apply


@op
def empty_file(rel):
    def apply(root):
        open(_p(root, rel), "w").close()
    return apply


@op
def truncate(rel):
    def apply(root):
        p = _p(root, rel)
        data = open(p, "rb").read()
        open(p, "wb").write(data[: len(data) // 2])
    return apply


@op
def pad_to(rel, size):
    def apply(root):
        p = _p(root, rel)
        data = open(p, "rb").read()
        data = data[:size] if len(data) > size else data + b" " * (size - len(data))
        open(p, "wb").write(data)
    return apply


@op
def write(rel, text=b"mutated\n"):
    def apply(root):
        os.makedirs(os.path.dirname(_p(root, rel)), exist_ok=True)
        open(_p(root, rel), "wb").write(text)
    return apply


@op
def sparse(rel, size):
    def apply(root):
        os.makedirs(os.path.dirname(_p(root, rel)), exist_ok=True)
        with open(_p(root, rel), "wb") as f:
            f.truncate(size)
    return apply


@op
def mkdir(rel):
    def apply(root):
        os.makedirs(_p(root, rel))
    return apply


@op
def empty_folder(rel):
    def apply(root):
        shutil.rmtree(_p(root, rel))
        os.makedirs(_p(root, rel))
    return apply


@op
def rename(rel, new):
    def apply(root):
        os.rename(_p(root, rel), _p(root, new))
    return apply


@op
def copy(rel, new):
    def apply(root):
        shutil.copytree(_p(root, rel), _p(root, new))
    return apply


@op
def edit_text(rel, pattern, repl, count=1):
    """Replaces the first `count` matches (0: all) of a multi-line regex."""
    def apply(root):
        p = _p(root, rel)
        text = open(p, encoding="utf-8").read()
        new, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        if n == 0:
            raise KeyError(f"/{pattern}/ not in {rel}")
        open(p, "w", encoding="utf-8").write(new)
    return apply


@op
def set_match(rel, pattern, value):
    """Replaces the named group `v` of the first match of a round-data metric pattern (.NET syntax) with `value`."""
    def apply(root):
        p = _p(root, rel)
        text = open(p, encoding="utf-8").read()
        m = re.search(pattern.replace("(?<", "(?P<"), text, flags=re.M)
        if m is None:
            raise KeyError(f"/{pattern}/ not in {rel}")
        open(p, "w", encoding="utf-8").write(text[: m.start("v")] + value + text[m.end("v"):])
    return apply


@op
def edit_json(rel, change):
    def apply(root):
        p = _p(root, rel)
        data = json.load(open(p, encoding="utf-8"))
        change(data)
        json.dump(data, open(p, "w", encoding="utf-8"), indent=4)
    return apply


def _set(key, value):
    def change(d):
        d[key] = value
    change.spec = ["set", key, value]
    return change


def _del(key):
    def change(d):
        del d[key]
    change.spec = ["del", key]
    return change


def chain(*steps):
    def apply(root):
        for s in steps:
            s(root)
    apply.spec = [x for s in steps for x in s.spec]
    return apply


# ---- generation from the rules ----------------------------------------------------------------------------------

def read_keys(path):
    keys = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith(":::MLLOG "):
            try:
                record = json.loads(line[len(":::MLLOG "):])
            except ValueError:
                continue
            keys.setdefault(record.get("key"), record.get("value"))
    return keys


# Detail-log keys the summary log prints too, with the summary's label: LoadGen writes both files from the same numbers, so a
# value mutation changes both (a change of the detail log alone is a different fault, caught by the consistency rules).
SUMMARY_LABELS = {
    "result_tokens_per_second": "Tokens per second",
    "result_completed_tokens_per_second": "Completed tokens per second",
    "result_samples_per_second": "Samples per second",
    "result_completed_samples_per_sec": "Completed samples per second",
    "result_first_token_99.00_percentile_latency_ns": "99.00 percentile first token latency (ns)",
    "result_time_per_output_token_99.00_percentile_ns": "99.00 percentile time to output token (ns)",
}


def as_logged(rel, key, v):
    """Sets a detail-log value as LoadGen would log it: in the summary log beside it too, when the summary prints it."""
    label = SUMMARY_LABELS.get(key)
    if label is None or isinstance(v, str):
        return set_key(rel, key, v)
    summary = rel.replace("mlperf_log_detail.txt", "mlperf_log_summary.txt")
    return chain(set_key(rel, key, v), edit_text(summary, rf"^({re.escape(label)}\s*:\s*).*$", rf"\g<1>{v}", 0))


def limits(key, limit, target, rel, strict_below=False):
    """At, under and over a limit, plus a wrong type and the key removed."""
    out = []
    for label, v in (("under", limit - 1), ("at", limit), ("over", limit + 1)):
        out.append((f"{key}={v} ({label} {limit})", as_logged(rel, key, v)))
    out.append((f"{key}='abc' (wrong type)", set_key(rel, key, "abc")))
    out.append((f"{key} removed", set_key(rel, key, None, True)))
    return out


def detail_mutations(r, bench, rnd, corpus_root):
    rel = r.perf + "/mlperf_log_detail.txt"
    keys = read_keys(os.path.join(corpus_root, rel))
    out = []
    out += limits("effective_performance_sample_count", bench["performanceSampleCount"], r, rel)
    out += limits("effective_min_duration_ms", rnd["minDurationMs"], r, rel)
    if r.scenario == "Offline":
        out += limits("effective_samples_per_query", bench["offlineMinSamplesPerQuery"], r, rel)
        q = bench.get("minQueries", {}).get("Offline")
        if q is not None and "effective_min_query_count" in keys:
            out += limits("effective_min_query_count", q, r, rel)[:3]
    seeds = {"effective_qsl_rng_seed": rnd["seeds"]["qslRngSeed"], "effective_sample_index_rng_seed": rnd["seeds"]["sampleIndexRngSeed"],
             "effective_schedule_rng_seed": rnd["seeds"]["scheduleRngSeed"]}
    for key, seed in seeds.items():
        out += limits(key, seed, r, rel)
    tl = bench.get("tokenLatencyLimits", {}).get(r.scenario)
    if tl:
        out += limits("result_first_token_99.00_percentile_latency_ns", tl["ttftMs"] * 1000000, r, rel)
        out += limits("result_time_per_output_token_99.00_percentile_ns", tl["tpotMs"] * 1000000, r, rel)
    lc = bench.get("latencyConstraintNs", {}).get("Server" if r.scenario == "Interactive" else r.scenario)
    if lc is not None and "effective_target_latency_ns" in keys:
        out += limits("effective_target_latency_ns", lc, r, rel)[:3]
    bools = ["requested_use_token_latencies", "early_stopping_met", "result_min_duration_met", "result_min_queries_met",
             "result_perf_constraints_met"]
    if bench.get("equalIssue"):
        bools.append("effective_sample_concatenate_permutation")
    for key in bools:
        if key in keys:
            out.append((f"{key}={not keys[key]} (flipped)", set_key(rel, key, not keys[key])))
            out.append((f"{key}='yes' (wrong type)", set_key(rel, key, "yes")))
            out.append((f"{key} removed", set_key(rel, key, None, True)))
    out.append(("result_validity=INVALID", set_key(rel, "result_validity", "INVALID")))
    out.append(("result_validity=1 (wrong type)", set_key(rel, "result_validity", 1)))
    out.append(("result_validity removed", set_key(rel, "result_validity", None, True)))
    logged = keys.get("effective_scenario")
    out.append(("effective_scenario=1 (wrong type)", set_key(rel, "effective_scenario", 1)))
    for other in ("Offline", "Server", "SingleStream", "MultiStream"):
        if other != logged:
            out.append((f"effective_scenario={other} (logged {logged})", set_key(rel, "effective_scenario", other)))
    headline = bench["headline"].get("Server" if r.scenario == "Interactive" else r.scenario)
    if headline:
        for v in (0, -1.0, "abc"):
            out.append((f"{headline}={v!r} (headline)", as_logged(rel, headline, v)))
        out.append((f"{headline} doubled in the detail log only (summary disagrees)", set_key(rel, headline, keys.get(headline, 0) * 2)))
        out.append((f"{headline} removed (headline)", set_key(rel, headline, None, True)))
    out.append(("an error line appended to the performance detail log", add_error_line(rel)))
    out.append(("an error line appended to the accuracy detail log", add_error_line(r.acc + "/mlperf_log_detail.txt")))
    arel = r.acc + "/mlperf_log_detail.txt"
    if "qsl_reported_total_count" in read_keys(os.path.join(corpus_root, arel)):
        out += [(f"accuracy run {n}", f) for n, f in limits("qsl_reported_total_count", bench["datasetSize"], r, arel)]
    return out


def metric_key(pattern):
    m = re.search(r"'([A-Za-z0-9_-]+)'", pattern)
    return m.group(1) if m else None


def accuracy_mutations(r, bench, rnd):
    rel = r.acc + "/accuracy.txt"
    out = []
    for target in bench["accuracy"]:
        key = metric_key(rnd["metricPatterns"][target["metric"]])
        if key is None:
            if r.layout == "merged":
                out += pattern_mutations(rel, target, rnd["metricPatterns"][target["metric"]])
            continue
        value_re = rf"('{key}':\s*)'?[0-9.eE+-]+'?"
        for side in ("lower", "upper"):
            if side not in target:
                continue
            limit = target[side]["reference"] * target[side]["factor"]
            for label, v in (("under", limit * (1 - 1e-4)), ("at", limit), ("over", limit * (1 + 1e-4))):
                out.append((f"accuracy {key}={v!r} ({label} the {side} bound {limit!r})", edit_text(rel, value_re, rf"\g<1>{v!r}")))
        out.append((f"accuracy {key} removed from the dict", edit_text(rel, rf"'{key}':\s*[0-9.eE+-]+,?\s*", "")))
        out.append((f"accuracy {key}='abc' (wrong type)", edit_text(rel, value_re, r"\g<1>'abc'")))
    out.append(("accuracy.txt hash line removed", edit_text(rel, r"^hash=.*$\n?", "")))
    out.append(("accuracy.txt hash line blank value", edit_text(rel, r"^hash=.*$", "hash=")))
    lim = rnd["accuracyLogMaxBytes"]
    for label, size in (("under", lim - 1), ("at", lim), ("over", lim + 1)):
        out.append((f"accuracy/mlperf_log_accuracy.json padded to {size} bytes ({label} {lim})", pad_to(r.acc + "/mlperf_log_accuracy.json", size)))
    return out


def pattern_mutations(rel, target, pattern):
    """A metric printed outside a dict (resnet's accuracy=..%, whisper's Word Error Rate line): its value, found with the round
    data's own pattern, at, under and over each bound, and mistyped."""
    out = []
    name = target["metric"]
    for side in ("lower", "upper"):
        if side not in target:
            continue
        limit = target[side]["reference"] * target[side]["factor"]
        for label, v in (("under", limit * (1 - 1e-4)), ("at", limit), ("over", limit * (1 + 1e-4))):
            out.append((f"accuracy {name}={v!r} ({label} the {side} bound {limit!r})", set_match(rel, pattern, repr(v))))
    out.append((f"accuracy {name}='abc' (wrong type)", set_match(rel, pattern, "abc")))
    return out


def file_mutations(r, rnd, root):
    files = [r.perf + "/" + f for f in rnd["files"]["performanceRequired"]]
    files += [r.acc + "/" + f for f in rnd["files"]["accuracyRequired"]]
    files += [r.measure + "/" + f for f in rnd["files"]["measurementsRequired"]]
    files += r.implementation_json(root)
    for test in r.compliance_tests(root):
        for dirpath, _, names in sorted(os.walk(os.path.join(root, test))):
            files += [os.path.relpath(os.path.join(dirpath, n), root) for n in sorted(names)]
    out = []
    for f in files:
        out.append((f"{f} deleted", delete(f)))
        out.append((f"{f} emptied", empty_file(f)))
        out.append((f"{f} truncated to half", truncate(f)))
    out.append((f"{r.perf}/extra.txt added", write(r.perf + "/extra.txt")))
    out.append((f"{r.acc}/extra.txt added", write(r.acc + "/extra.txt")))
    for tolerated in rnd["files"]["alwaysTolerated"]:
        if not os.path.exists(os.path.join(root, r.perf, tolerated)):
            out.append((f"{r.perf}/{tolerated} added (tolerated)", write(r.perf + "/" + tolerated, b"[\n]\n")))
    out.append((f"{r.folder}/performance/run_2 added (copy of run_1)", copy(r.perf, r.folder + "/performance/run_2")))
    for key in rnd["implementationRequired"]:
        impl = r.implementation_json(root)
        if impl:
            out.append((f"implementation json {key} removed", edit_json(impl[0], _del(key))))
            out.append((f"implementation json {key} emptied", edit_json(impl[0], _set(key, ""))))
    return out


def renamed_scenario(r):
    """The scenario folder's other spelling: Offline -> offline (v5.x, v6.x), offline -> Offline (a v6.x tree in lower case)."""
    name = r.folder.rsplit("/", 1)[1]
    return r.scenario if name != r.scenario else r.scenario.lower()


def folder_mutations(r, root, bench_names):
    merged = r.layout == "merged"
    out = [
        (f"empty folder added: {r.folder}/extra", mkdir(r.folder + "/extra")),
        *([] if merged else [(f"empty folder added: {r.measure}/extra", mkdir(r.measure + "/extra"))]),
        (f"results scenario folder renamed {r.folder.rsplit('/', 1)[1]} -> {renamed_scenario(r)}",
         rename(r.folder, os.path.dirname(r.folder) + "/" + renamed_scenario(r))),
        (f"results benchmark folder renamed {r.benchmark} -> {r.benchmark}-x", rename(os.path.dirname(r.folder), os.path.dirname(r.folder) + "-x")),
        (f"results system folder renamed {r.system} -> {r.system}-x", rename(f"results/{r.system}", f"results/{r.system}-x")),
    ]
    # every folder of the result the rules read, emptied and removed (the result folder removed takes the result away)
    for folder in dict.fromkeys((r.folder, r.folder + "/performance", r.perf, r.acc, r.measure, r.comp)):
        if os.path.isdir(os.path.join(root, folder)):
            out.append((f"folder {folder} emptied", empty_folder(folder)))
            out.append((f"folder {folder} removed", delete(folder)))
    for path in r.compliance_tests(root):
        test = path.rsplit("/", 1)[1]
        out.append((f"compliance {test} folder renamed {test} -> {test.lower()}", rename(path, path[: -len(test)] + test.lower())))
        out.append((f"compliance {test} folder emptied", empty_folder(path)))
        out.append((f"compliance {test} folder removed", delete(path)))
        out.append((f"empty folder added: {path}/extra", mkdir(f"{path}/extra")))
        # v5.x: the checks of verify_accuracy.txt; v6.x also every verify_*.txt (performance, output length) and its TEST PASS line.
        verifies = sorted(f for f in os.listdir(os.path.join(root, path)) if f.startswith("verify_")) if merged else ["verify_accuracy.txt"]
        for name in verifies:
            verify = f"{path}/{name}"
            if not os.path.exists(os.path.join(root, verify)):
                continue
            tag = test if name == "verify_accuracy.txt" else f"{test} {name}"
            seen = set()
            for line in open(os.path.join(root, verify)).read().splitlines():
                if line in seen:
                    continue
                seen.add(line)
                if line.endswith(": True"):
                    out.append((f"compliance {tag} '{line}' -> False", edit_text(verify, "^" + re.escape(line) + "$", line[:-4] + "False")))
                    out.append((f"compliance {tag} '{line}' removed", edit_text(verify, "^" + re.escape(line) + r"$\n?", "")))
                if line.startswith("First token check pass"):
                    other = "Skipped" if line.endswith("True") else "True"
                    out.append((f"compliance {tag} first token check -> {other}", edit_text(verify, "^" + re.escape(line) + "$", f"First token check pass: {other}")))
                if merged and line.strip() == "TEST PASS":
                    out.append((f"compliance {tag} 'TEST PASS' -> 'TEST FAIL'", edit_text(verify, r"^TEST PASS\s*$", "TEST FAIL")))
                    out.append((f"compliance {tag} 'TEST PASS' removed", edit_text(verify, r"^TEST PASS\s*$\n?", "")))
    for other in SCENARIOS:
        target = os.path.dirname(r.folder) + "/" + other
        siblings = {s.lower() for s in os.listdir(os.path.join(root, os.path.dirname(r.folder)))}
        if merged and other.lower() not in siblings:
            out.append((f"result duplicated as scenario {other}", copy(r.folder, target)))
            break
        if not merged and not os.path.exists(os.path.join(root, target)):
            out.append((f"result duplicated as scenario {other} (results only)", copy(r.folder, target)))
            out.append((f"result duplicated as scenario {other} (results, measurements, compliance)",
                        chain(copy(r.folder, target), copy(r.measure, r.measure[: -len(r.scenario)] + other),
                              *( [copy(r.comp, r.comp[: -len(r.scenario)] + other)] if os.path.isdir(os.path.join(root, r.comp)) else []))))
            break
    for name in bench_names:
        if name != r.benchmark and name.startswith(r.benchmark.split("-")[0]) and not os.path.exists(os.path.join(root, f"results/{r.system}/{name}")):
            out.append((f"results benchmark {r.benchmark} duplicated as {name}", copy(os.path.dirname(r.folder), f"results/{r.system}/{name}")))
            break
    return out


def submitter_mutations(sub_root, rnd, system, layout="split"):
    """Mutations of one submitter as a whole: its folders, names and one system description. The code folder is code/ in the
    split layout (v5.x), src/ in the merged one (v6.x), which has no measurements/ folder."""
    code = "src" if layout == "merged" else "code"
    out = [
        (f"empty folder added: {code}/emptyone", mkdir(f"{code}/emptyone")),
        ("empty folder added: documentation/emptyone", mkdir("documentation/emptyone")),
        (f"empty folders added: {code}/a/b/c (only the leaf is empty)", mkdir(f"{code}/a/b/c")),
        (f"hidden file added: {code}/.hidden", write(f"{code}/.hidden")),
        (f"hidden folder added: {code}/.cache/x", write(f"{code}/.cache/x")),
        (".gitkeep added in results", write(f"results/{system}/.gitkeep", b"")),
        (f"file with a space added: {code}/a b.txt", write(f"{code}/a b.txt")),
        (f"__pycache__ folder added: {code}/__pycache__/m.pyc", write(f"{code}/__pycache__/m.pyc")),
        ("file of 50 MiB added (at the limit)", sparse(f"{code}/big.bin", 50 * 1024 * 1024)),
        ("file of 50 MiB + 1 byte added (over the limit)", sparse(f"{code}/big.bin", 50 * 1024 * 1024 + 1)),
        (f"{code} folder removed", delete(code)),
        ("documentation/calibration.md removed", delete("documentation/calibration.md") if os.path.exists(os.path.join(sub_root, "documentation/calibration.md")) else delete("calibration.md")),
        ("systems/extra.json added (a system without results)", write("systems/extra.json", b"{}")),
        *([] if layout == "merged" else [("measurements/extra-system added (no results)", write("measurements/extra-system/x/Offline/user.conf"))]),
        ("file at the submitter root added: notes.txt", write("notes.txt")),
    ]
    for d in sorted(os.listdir(os.path.join(sub_root, code))):
        if layout == "merged" and not os.path.isdir(os.path.join(sub_root, code, d)):
            continue  # v6.x src/ also holds files (README.md, main.py); the folders are the per-benchmark code
        out.append((f"{code}/{d} emptied", empty_folder(f"{code}/{d}")))
        out.append((f"{code}/{d} removed", delete(f"{code}/{d}")))
    sysrel = f"systems/{system}.json"
    desc = rnd["systemDescription"]
    data = json.load(open(os.path.join(sub_root, sysrel)))
    for key in desc["required"]:
        if key in data:
            out.append((f"system {key} removed", edit_json(sysrel, _del(key))))
    for key in desc["nonEmpty"]:
        if key in data:
            out.append((f"system {key} emptied", edit_json(sysrel, _set(key, ""))))
    out += [
        ("system status=Available (case)", edit_json(sysrel, _set("status", "Available"))),
        ("system status=unknown", edit_json(sysrel, _set("status", "unknown"))),
        ("system status=preview", edit_json(sysrel, _set("status", "preview"))),
        ("system system_type=edge", edit_json(sysrel, _set("system_type", "edge"))),
        ("system system_type=datacenter,edge", edit_json(sysrel, _set("system_type", "datacenter,edge"))),
        ("system system_type=cloud", edit_json(sysrel, _set("system_type", "cloud"))),
        ("system division=open", edit_json(sysrel, _set("division", "open"))),
        ("system division=Closed (case)", edit_json(sysrel, _set("division", "Closed"))),
        ("system submitter upper-cased", edit_json(sysrel, _set("submitter", data["submitter"].upper()))),
        ("system submitter=Other", edit_json(sysrel, _set("submitter", "Other"))),
        ("system unknown key added", edit_json(sysrel, _set("mutated_key", "x"))),
        ("system number_of_nodes='two' (wrong type)", edit_json(sysrel, _set("number_of_nodes", "two"))),
        ("system accelerators_per_node=0", edit_json(sysrel, _set("accelerators_per_node", 0))),
        ("system is_network=true in closed", edit_json(sysrel, _set("is_network", "true"))),
        ("system json truncated to half", truncate(sysrel)),
        ("system json emptied", empty_file(sysrel)),
    ]
    return out


def generate(corpus, rnd, picks):
    """Every mutation for the picked results and their submitters; names are unique. The round data's layout (split for
    v5.x, merged for v6.x) says where measurements, compliance tests and code lie; its aliases name folders such as resnet50."""
    layout = rnd.get("layout", "split")
    results = find_results(corpus, layout)
    bench_names = [b["name"] for b in rnd["benchmarks"]]
    by_name = {b["name"]: b for b in rnd["benchmarks"]}
    chosen = [r for r in results if r.id in picks] if picks else results
    muts = []
    for r in chosen:
        sub_root = os.path.join(corpus, r.division, r.submitter)
        bench = by_name[rnd.get("aliases", {}).get(r.benchmark, r.benchmark)]
        fams = (("detail", detail_mutations(r, bench, rnd, sub_root)), ("accuracy", accuracy_mutations(r, bench, rnd)),
                ("files", file_mutations(r, rnd, sub_root)), ("folders", folder_mutations(r, sub_root, bench_names)))
        for family, items in fams:
            for desc, fn in items:
                muts.append(Mutation(f"{r.id} :: {desc}", family, r.id, fn, kind_of(desc, r)))
    seen = set()
    for r in chosen:
        key = (r.division, r.submitter, r.system)
        if key in seen:
            continue
        seen.add(key)
        sub_root = os.path.join(corpus, r.division, r.submitter)
        for desc, fn in submitter_mutations(sub_root, rnd, r.system, layout):
            muts.append(Mutation(f"{r.division}/{r.submitter} [{r.system}] :: {desc}", "submitter", f"{r.division}/{r.submitter}", fn,
                                 kind_of(desc, r)))
    return muts


def kind_of(desc, r):
    """The mutation with the result's own names taken out: the same rule applied to another result has the same kind."""
    for value, mark in ((r.comp, "<compliance>"), (r.measure, "<measurements>"), (r.folder, "<result>"), (r.system, "<system>"),
                        (r.benchmark, "<benchmark>")):
        desc = desc.replace(value, mark)
    return re.sub(r"=[-0-9.e+']+", "=<v>", desc) if "accuracy " in desc else desc


def sample(muts, per_kind):
    """Each kind of mutation on `per_kind` of the results it applies to, rotating over them so every result gets its share."""
    kinds = {}
    for m in muts:
        kinds.setdefault(m.kind, []).append(m)
    chosen = set()
    for k, (kind, group) in enumerate(kinds.items()):
        for j in range(min(per_kind, len(group))):
            chosen.add(id(group[(k + j) % len(group)]))
    return [m for m in muts if id(m) in chosen]
