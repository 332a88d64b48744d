#!/usr/bin/env python
"""Where a tiny-cpu training step spends its time on this machine: data, forward, backward, gradient
clipping, optimiser and EMA, in ms per step, for each setting given (default: fp32 vs bf16 autocast,
eager vs compiled). A benchmark, not a test: run it on a quiet machine.

    python scripts/cpu_step_times.py --threads 2
    python scripts/cpu_step_times.py --threads 2 --setting "train.mixed_precision=bf16 model.compile=true"

The same caption batch is reused after the first step, so the text encoder's cache is warm, as it is
for most of a real run (the shapes captions repeat); `--fresh` draws a new batch every step instead.
"""
import argparse, os, time
os.environ.setdefault("HF_HUB_OFFLINE", "1"); os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SETTINGS = ["", "train.mixed_precision=bf16", "model.compile=true", "train.mixed_precision=bf16 model.compile=true"]


def time_steps(overrides, steps=30, warmup=5, fresh=False, preset="tiny-cpu") -> dict:
    from prx_nb.config import load_config
    from prx_nb.optim import clip_grad_norm
    from prx_nb.train import Trainer
    import tempfile
    cfg = load_config(preset, overrides=list(overrides) + [f"train.out_dir={tempfile.mkdtemp(prefix='prx-step-times-')}"])
    tr = Trainer(cfg, progress=False)
    # the phases of Trainer.train_step for one micro batch, timed apart (no accumulation, no non-finite handling)
    T, batch = dict.fromkeys(("data", "forward", "backward", "clip", "optimiser", "ema"), 0.0), None
    for i in range(warmup + steps):
        if i == warmup: T = dict.fromkeys(T, 0.0)
        t0 = time.perf_counter(); tr.opt.zero_grad(set_to_none=True)
        if batch is None or fresh: batch = next(tr.data_iter)
        t1 = time.perf_counter()
        terms, _ = tr.micro_losses(batch, tr.step, 0); loss = sum(terms.values())
        t2 = time.perf_counter(); loss.backward()
        t3 = time.perf_counter(); clip_grad_norm([p for p in tr.mods.parameters() if p.grad is not None], cfg.optim.grad_clip)
        t4 = time.perf_counter(); tr.opt.step(); tr.sched.step()
        t5 = time.perf_counter()
        if tr.ema is not None: tr.ema.update(tr.mods.net, tr.step)
        t6 = time.perf_counter(); tr.step += 1
        for k, dt in zip(T, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)): T[k] += dt
    return {k: 1000 * v / steps for k, v in T.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--fresh", action="store_true", help="a new batch every step (cold text cache)")
    ap.add_argument("--csv", default=None, help="also write the table to this CSV (14_ablations reads nbs/cpu_step_times.csv)")
    ap.add_argument("--setting", action="append", help="space-separated overrides; repeatable (default: the four fp32/bf16 x eager/compiled)")
    a = ap.parse_args(argv)
    import torch
    if a.threads: torch.set_num_threads(a.threads)
    print(f"tiny-cpu, {torch.get_num_threads()} threads, {os.cpu_count()} cores, AMX: {torch.cpu._is_amx_tile_supported()}")
    print(f"{'setting':<48}" + "".join(f"{k:>10}" for k in ("data", "forward", "backward", "clip", "optimiser", "ema", "total")) + "  (ms/step)")
    rows = []
    for s in a.setting or SETTINGS:
        T = time_steps(s.split(), a.steps, fresh=a.fresh)
        print(f"{s or '(preset: fp32, eager)':<48}" + "".join(f"{v:10.1f}" for v in T.values()) + f"{sum(T.values()):10.1f}", flush=True)
        rows.append({"setting": s or "(preset)", **{k: round(v, 1) for k, v in T.items()}, "total": round(sum(T.values()), 1),
                     "threads": torch.get_num_threads(), "cpus": os.cpu_count(), "amx": torch.cpu._is_amx_tile_supported()})
    if a.csv:
        import csv
        with open(a.csv, "w", newline="") as f:
            w = csv.DictWriter(f, list(rows[0])); w.writeheader(); w.writerows(rows)


if __name__ == "__main__":
    main()
