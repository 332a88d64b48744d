"""Seconds to save and verify a checkpoint of a bench-cpu-sized training state, synchronous vs in the background.

    python scripts/ckpt_bench.py [--preset bench-cpu] [--repeats 3] [--dir DIR]

The state is what `Trainer.save` writes: the denoiser's weights, Muon + Adam state after one step, and the EMA,
through `CheckpointWriter` (one process). Printed, not asserted: the figures depend on the disk and the machine.
- sync: `save` with `async_save=False` (the step is blocked for the whole write, hashing, rename).
- async: `save` returning (what the step waits for: staging to host memory and the small files), then `wait`
  (the rest; in a run it overlaps the next `ckpt_every` steps).
- verify: `verify_checkpoint` (sizes and SHA-256 of every file, as `--resume` does).
"""
import argparse, json, os, shutil, statistics, tempfile, time, warnings
from pathlib import Path
import torch

def state_of(preset: str):
    "(state dict as Trainer._state builds it, its size in MB)."
    from torch.distributed.checkpoint.state_dict import get_state_dict
    from prx_nb.config import load_config
    from prx_nb.model import PixelDiT
    from prx_nb.optim import build_optimizer
    from prx_nb.ema import EMA
    from prx_nb.train import TrainModules
    cfg = load_config(preset)
    torch.manual_seed(0)
    mods = TrainModules(PixelDiT(cfg.model))
    opt = build_optimizer(mods, cfg.optim)
    for p in mods.parameters(): p.grad = torch.randn_like(p) * 1e-3        # one step: the optimiser state exists
    opt.step()
    msd, osd = get_state_dict(mods, opt)
    st = {"model": msd, "optim": osd, "ema": EMA(mods.net, cfg.ema).state_dict()}
    mb = sum(t.numel() * t.element_size() for t in _tensors(st)) / 2**20
    return st, mb

def _tensors(x):
    if torch.is_tensor(x): yield x
    elif isinstance(x, dict):
        for v in x.values(): yield from _tensors(v)
    elif isinstance(x, (list, tuple)):
        for v in x: yield from _tensors(v)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="bench-cpu"); ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", default=None, help="where to write (default: a temporary folder)")
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from prx_nb.train import CheckpointWriter, verify_checkpoint
    st, mb = state_of(a.preset)
    root = Path(a.dir or tempfile.mkdtemp(prefix="ckpt_bench_"))
    res = {"sync_save_s": [], "async_blocked_s": [], "async_total_s": [], "verify_s": []}
    for k in range(a.repeats):
        w = CheckpointWriter(root / "sync", keep_last=1, async_save=False)
        t0 = time.perf_counter(); w.save(k, st, {"step": k}); w.wait()
        res["sync_save_s"].append(time.perf_counter() - t0)
        w = CheckpointWriter(root / "async", keep_last=1, async_save=True)
        t0 = time.perf_counter(); w.save(k, st, {"step": k}); t1 = time.perf_counter(); ck = w.wait()
        res["async_blocked_s"].append(t1 - t0); res["async_total_s"].append(time.perf_counter() - t0)
        t0 = time.perf_counter(); problems = verify_checkpoint(ck)
        res["verify_s"].append(time.perf_counter() - t0)
        assert not problems, problems
    size = sum(p.stat().st_size for p in ck.rglob("*") if p.is_file()) / 2**20
    out = {"preset": a.preset, "state_mb": round(mb, 1), "checkpoint_mb": round(size, 1), "repeats": a.repeats,
           "torch": torch.__version__, "cpus": os.cpu_count(),
           **{k: round(statistics.median(v), 3) for k, v in res.items()}}
    print(json.dumps(out, indent=1))
    if a.dir is None: shutil.rmtree(root, ignore_errors=True)

if __name__ == "__main__": main()
