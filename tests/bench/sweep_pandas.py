#!/usr/bin/env python3
"""Independent reference for MLPerf Audit's sweep audit, written with pandas and numpy (the tools people
analyse sweeps with): per-configuration step-time statistics (warm-up excluded), tokens/s, model FLOPs
utilization, and nvidia-smi telemetry over the measured steps.

Usage: sweep_pandas.py SWEEP_FOLDER PEAK_TFLOPS > reference.json
Prints one JSON object keyed by log file name. Reads only the folder; writes nothing.
"""
import json
import pathlib
import sys

import numpy as np
import pandas as pd


def read_log(path):
    records = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if ":::MLLOG " in line:
            records.append(json.loads(line.rsplit(":::MLLOG ", 1)[1]))  # Python's json reads bare NaN
    return records


def first(records, key):
    return next(r["value"] for r in records if r["key"] == key)


def main():
    folder = pathlib.Path(sys.argv[1])
    peak = float(sys.argv[2]) * 1e12
    tel = pd.read_csv(folder / "telemetry.csv", skipinitialspace=True)
    tel.columns = [c.split(" [")[0].strip() for c in tel.columns]
    tel["t"] = pd.to_datetime(tel["timestamp"], format="%Y/%m/%d %H:%M:%S.%f", utc=True).astype("int64") / 1e6
    for col, unit in [("utilization.gpu", "%"), ("clocks.current.sm", "MHz"), ("power.draw", "W"), ("memory.used", "MiB")]:
        tel[col] = tel[col].astype(str).str.replace(unit, "", regex=False).str.strip().astype(float)
    env = [l for l in (folder / "environment.txt").read_text().splitlines() if "," in l]
    limits = dict(zip([h.split(" [")[0].strip() for h in env[0].split(",")], [v.strip() for v in env[1].split(",")]))
    max_clock = float(limits["clocks.max.sm"].split()[0])
    power_limit = float(limits["power.limit"].split()[0])

    out = {}
    for log in sorted(folder.glob("*.txt")):
        records = read_log(log)
        if not records:
            continue
        steps = pd.DataFrame([{"t": r["time_ms"], "v": r["value"], "warmup": r["metadata"].get("warmup", False)}
                              for r in records if r["key"] == "train_step_time"])
        measured = steps[~steps["warmup"]]["v"].to_numpy()
        warm = steps[steps["warmup"]]
        start = warm["t"].iloc[-1]
        stop = steps[~steps["warmup"]]["t"].iloc[-1]
        stats = next(r["value"] for r in records if r["key"] == "tracked_stats")
        mean = measured.mean()
        tokens = stats["tokens_per_step"] / mean
        window = tel[(tel["t"] >= start) & (tel["t"] <= stop)]
        out[log.name] = {
            "mbs": first(records, "micro_batch_size"),
            "mean": mean,
            "median": float(np.median(measured)),
            "p95": float(np.percentile(measured, 95, method="inverted_cdf")),
            "min": float(measured.min()),
            "max": float(measured.max()),
            "cv": float(measured.std(ddof=1) / mean),
            "tokens_per_second": tokens,
            "mfu": 6 * first(records, "model_parameters") * tokens / peak,
            "samples": int(len(window)),
            "utilization": float(window["utilization.gpu"].mean()),
            "sm_clock_ratio": float(window["clocks.current.sm"].mean() / max_clock),
            "power_ratio": float(window["power.draw"].mean() / power_limit),
        }
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
