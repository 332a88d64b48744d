#!/usr/bin/env python
"""The miniature speedrun: train a preset (default tiny-cpu) on the built-in shapes dataset for a
wall-clock budget and record prompt adherence against training time.

    python scripts/mini_speedrun.py                       # 15 min budget, evaluate every minute
    python scripts/mini_speedrun.py --budget 120 --eval-every 30 --out /tmp/smoke
    python scripts/mini_speedrun.py --optim.lr=2e-3       # config overrides as in prx-train
    python scripts/mini_speedrun.py --guidance self,cfg --publish nbs   # the run the docs show (14_ablations)

Writes OUT/curve.csv (one row per evaluation and guidance), OUT/curve.png and OUT/summary.json
(time to the target adherence, best adherence, steps, machine). `--publish DIR` also copies them to
DIR/mini_speedrun.{csv,png,json}, which 14_ablations reads and checks. The clock counts training time only:
it stops while the script evaluates. This is a benchmark: run it on a quiet machine (other jobs on the
same cores change the result), and keep torch to the machine's cores (OMP_NUM_THREADS).
"""
import argparse, json, os, platform, sys, time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1"); os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def main(argv=None):
    from prx_nb.config import ConfigError, load_config, split_overrides
    argv = sys.argv[1:] if argv is None else argv
    overrides, rest = split_overrides(argv)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--preset", default="tiny-cpu")
    ap.add_argument("--budget", type=float, default=900.0, help="training seconds (default 900 = 15 min)")
    ap.add_argument("--eval-every", type=float, default=60.0, help="training seconds between evaluations")
    ap.add_argument("--n", type=int, default=128, help="generated images per evaluation (one per test prompt)")
    ap.add_argument("--guidance", default=None, help="comma-separated guidance modes to evaluate (default: the preset's)")
    ap.add_argument("--target", type=float, default=0.8, help="adherence target reported in the summary")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    ap.add_argument("--out", default="runs/mini-speedrun", help="run folder (checkpoint, curve.csv, curve.png)")
    ap.add_argument("--publish", default=None, help="also copy the curve, plot and summary to DIR/mini_speedrun.* (e.g. nbs)")
    a = ap.parse_args(rest)
    if a.threads: import torch; torch.set_num_threads(a.threads)
    import matplotlib; matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch
    from prx_nb.eval import load_evaluator, plot_curve, time_to, train_curve
    try: cfg = load_config(a.preset, overrides=overrides + [f"train.out_dir={a.out}"])
    except ConfigError as e: sys.exit(f"mini_speedrun: {e}")
    out = Path(a.out)
    guidances = a.guidance.split(",") if a.guidance else [cfg.sample.guidance]
    t0 = time.time()
    rows = train_curve(cfg, a.budget, a.eval_every, n_eval=a.n, guidances=guidances, evaluator=load_evaluator(),
                       run_name=cfg.name, csv_path=out / "curve.csv")
    wall = time.time() - t0
    # the final weights, for prx-sample / prx-eval and the 13b_sample sampler panel
    ax = plot_curve(rows, target=a.target)
    ax.set_title(f"{cfg.name} on shapes: adherence vs training time ({torch.get_num_threads()} threads)", fontsize=9)
    ax.figure.tight_layout(); ax.figure.savefig(out / "curve.png", dpi=120); plt.close(ax.figure)
    summary = dict(preset=cfg.name, overrides=overrides, budget_s=a.budget, eval_every_s=a.eval_every, n_eval=a.n,
                   target=a.target, wall_s=round(wall, 1), threads=torch.get_num_threads(), cpus=os.cpu_count(),
                   machine=platform.processor() or platform.machine(),
                   final={g: {k: v for k, v in max((r for r in rows if r["guidance"] == g), key=lambda r: r["train_s"]).items()
                              if k not in ("run",)} for g in guidances},
                   best={g: max(r["adherence"] for r in rows if r["guidance"] == g) for g in guidances},
                   time_to_target_s={g: time_to(rows, a.target, g) for g in guidances})
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    if a.publish:
        import shutil
        dest = Path(a.publish); dest.mkdir(parents=True, exist_ok=True)
        for src, ext in (("curve.csv", "csv"), ("curve.png", "png"), ("summary.json", "json")):
            shutil.copyfile(out / src, dest / f"mini_speedrun.{ext}")
        print(f"published to {dest}/mini_speedrun.{{csv,png,json}}")
    print(json.dumps({k: summary[k] for k in ("best", "time_to_target_s", "wall_s")}))
    print(f"curve: {out / 'curve.csv'}  plot: {out / 'curve.png'}  summary: {out / 'summary.json'}")


if __name__ == "__main__":
    main()
