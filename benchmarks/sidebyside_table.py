#!/usr/bin/python3
"""Prints the side-by-side markdown table from the JSON files that run-sidebyside.sh writes into one folder."""
import json
import os
import sys

folder = sys.argv[1]


def load(name):
    path = os.path.join(folder, name)
    return json.load(open(path)) if os.path.exists(path) else None


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    return f"{v:,.{digits}f}"


print("| config | figure | PyTorch | TorchSharp | TorchSharp/PyTorch (time) |")
print("|---|---|---|---|---|")
for cfg in ("small", "paper"):
    py, ts = load(f"pytorch_{cfg}.json"), load(f"torchsharp_{cfg}.json")
    if py is None or ts is None:
        continue
    # The reference run again with Fit's compact token embedding (reference_with_vocabulary.py): the same network on
    # both sides for the "as Fit runs it" steps.
    pyc = load(f"pytorch_{cfg}_compact.json")
    if pyc is not None:
        rows_used = pyc.get("vocab", "?")
        for label, key in (("stage-2 step, both with Fit's {}-row embedding (ms)", "train"),
                           ("stage-1 step, both with Fit's {}-row embedding (ms)", "pretrain")):
            pv, tv = pyc.get(f"{key}_ms_per_step"), ts.get(f"{key}_compact_ms_per_step")
            ratio = f"{tv / pv:.2f}" if pv and tv else "–"
            print(f"| {cfg} | {label.format(rows_used)} | {fmt(pv)} | {fmt(tv)} | {ratio} |")
    rows = [
        ("train step, stage 2 full model, both with the 50,283-row embedding (ms)", "train_ms_per_step", "train_ms_per_step", True, 1),
        ("pretrain step, stage 1, both with the 50,283-row embedding (ms)", "pretrain_ms_per_step", "pretrain_ms_per_step", True, 1),
        ("stage-2 step, TorchSharp with Fit's 400-row embedding vs the reference's 50,283-row step (ms)", "train_ms_per_step", "train_compact_ms_per_step", True, 1),
        ("stage-1 step, TorchSharp with Fit's 400-row embedding vs the reference's 50,283-row step (ms)", "pretrain_ms_per_step", "pretrain_compact_ms_per_step", True, 1),
        ("stage-2 step as shipped: frozen backbone, clip 1 (ms)", None, "train_frozen_ms_per_step", True, 1),
        ("batch-1 forward, median of 200 rows (ms)", "infer_ms_per_row_batch1", "infer_ms_per_row_batch1", True, 2),
        ("batch-256 forward (rows/s)", "infer_rows_per_s_batch256", "infer_rows_per_s_batch256", False, 1),
        ("train GFLOP/s: the reference's FLOP count ÷ time", "train_gflops_achieved", "train_gflops_achieved", False, 1),
        ("pretrain GFLOP/s: the reference's FLOP count ÷ time", "pretrain_gflops_achieved", "pretrain_gflops_achieved", False, 1),
        ("sgemm 2048² peak, 2 threads (GFLOP/s)", "peak_matmul_gflops", "peak_matmul_gflops", None, 1),
    ]
    for label, pk, tk, is_time, digits in rows:
        pv = py.get(pk) if pk else None
        tv = ts.get(tk)
        ratio = "–"
        if pv and tv and is_time is not None:
            ratio = f"{(tv / pv if is_time else pv / tv):.2f}"
        print(f"| {cfg} | {label} | {fmt(pv, digits)} | {fmt(tv, digits)} | {ratio} |")
    for label, key in (("train (reference FLOP count) as a fraction of its own sgemm peak", None),):
        pf = py["train_gflops_achieved"] / py["peak_matmul_gflops"]
        tf = ts["train_gflops_achieved"] / ts["peak_matmul_gflops"]
        print(f"| {cfg} | {label} | {pf:.2f} | {tf:.2f} | |")
    print(f"| {cfg} | other processes' CPU share during the run | {100 * py['other_processes_cpu_frac']:.1f}% | {100 * ts['other_processes_cpu_frac']:.1f}% | |")
    if "predict_engine_p50_ms" in ts:
        print(f"| {cfg} | PredictionEngine.Predict p50 / p99 over model.zip (ms) | – | {ts['predict_engine_p50_ms']:.2f} / {ts['predict_engine_p99_ms']:.2f} | |")
        print(f"| {cfg} | Transform over {ts['transform_rows']:,} windows (windows/s) | – | {ts['transform_rows_per_s']:,.0f} | |")
        print(f"| {cfg} | model.zip ({ts['model_zip_mib']:.1f} MiB): Load / Load + first Predict (ms) | – | {ts['model_load_ms']:,.0f} / {ts['model_load_first_predict_ms']:,.0f} | |")
mem = load("torchsharp_memory.json")
if mem:
    print(f"| small | training RSS over {mem['epochs']} epochs: epoch 1 / last / max (MiB) | – | "
          f"{mem['rss_epoch1_mib']:.0f} / {mem['rss_last_epoch_mib']:.0f} / {mem['rss_max_epoch_mib']:.0f} | |")
    print(f"| small | training peak RSS / peak managed heap (MiB) | – | {mem['rss_peak_process_mib']:.0f} / {mem['managed_peak_mib']:.0f} | |")
    print(f"| small | other processes' CPU share during the memory run | – | {100 * mem['other_processes_cpu_frac']:.1f}% | |")
