"""What the guarded update costs: `Trainer._guarded_update` (12_train) against the plain update it guards.

    python scripts/guard_bench.py [--preset bench-cpu] [--repeats 20] [--threads N]

The guarded update leaves the state as it was where a step is not finite, with no host read before the optimiser.
Printed, not asserted (the figures depend on the machine; name the CPU beside them):
- plain_update_s: Muon+Adam, the schedule and the EMA, as an unguarded trainer would run them;
- guarded_update_s: `_guarded_update` (the optimiser and EMA with the device flag: rates 0 where not kept), plus
  `_resolve_nonfinite`;
- snapshot_update_s: `_snapshot_update`, the first design (copy the state, update, put it back with `torch.where`),
  kept for optimisers that take no flag;
- step_s: a whole `train_step(read=False)` for scale;
- snapshot_mb: the snapshot design's extra memory, and snapshot_passes_gb: the bytes it reads and writes per step.
"""
import argparse, json, os, statistics, tempfile, time, warnings
import torch

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="bench-cpu"); ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's)")
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    if a.threads: torch.set_num_threads(a.threads)
    from prx_nb.config import load_config, machine_label
    from prx_nb.train import Trainer
    out = tempfile.mkdtemp(prefix="guard_bench_")
    cfg = load_config(a.preset, overrides=[f"--train.out_dir={out}", "--train.eval_hook=", "--eval.val_batch=0",
                                           "--train.sample_every=100000", "--train.ckpt_every=100000"])
    tr = Trainer(cfg, progress=False)
    tr.train_step(read=True)                                    # optimiser state made, blocks traced
    params = [p for p in tr.mods.parameters() if p.requires_grad]
    def with_grads(fn):
        for p in params: p.grad = torch.randn_like(p) * 1e-3
        t0 = time.perf_counter(); fn(); return time.perf_counter() - t0
    def plain():
        tr.opt.step(); tr.sched.step()
        if tr.ema is not None: tr.ema.update(tr.mods.net, tr.step)
    finite = torch.tensor(True)
    def guarded():
        tr._guarded_update(finite, tr.step); tr._resolve_nonfinite()
    def snapshot():
        tr._snapshot_update(finite, tr.step)
    res = {"plain_update_s": [], "guarded_update_s": [], "snapshot_update_s": [], "step_s": []}
    for _ in range(a.repeats):                                   # interleaved: the machine's drift hits both alike
        res["plain_update_s"].append(with_grads(plain))
        res["guarded_update_s"].append(with_grads(guarded))
        res["snapshot_update_s"].append(with_grads(snapshot))
        t0 = time.perf_counter(); tr.train_step(read=False); tr._resolve_nonfinite()
        res["step_s"].append(time.perf_counter() - t0)
    snap = sum(t.numel() * t.element_size() for t in tr._snap)
    med = {k: statistics.median(v) for k, v in res.items()}
    print(json.dumps({"preset": a.preset, "machine": machine_label(), "threads": torch.get_num_threads(),
                      "repeats": a.repeats, **{k: round(v, 5) for k, v in med.items()},
                      **{f"{k}_overhead_share_of_step": round((med[f"{k}_update_s"] - med["plain_update_s"])
                                                              / med["step_s"], 4) for k in ("guarded", "snapshot")},
                      "snapshot_mb": round(snap / 2**20, 1),
                      # copy in (read + write), then where(out=) (two reads, one write)
                      "snapshot_passes_gb": round(5 * snap / 1e9, 3)}))

if __name__ == "__main__":
    main()
