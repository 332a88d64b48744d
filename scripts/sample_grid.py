#!/usr/bin/env python3
"""The landing page's sample grid: 8 fixed shapes prompts sampled from a tiny-cpu checkpoint.

    bash scripts/run.sh                                   # the README's command: runs/tiny-cpu
    python scripts/sample_grid.py --ckpt runs/tiny-cpu --out nbs/sample_grid.png

Writes the PNG (2 rows of 4 at 64 px: a few kB) and, next to it, a JSON with the prompts, the checkpoint's
step, the guidance and the evaluator's adherence on these 8 samples, which nbs/index.ipynb prints.
"""
import argparse, json
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ckpt", required=True); ap.add_argument("--out", default="nbs/sample_grid.png")
    ap.add_argument("--guidance", default="cfg"); ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--overrides", default="", help="the prx-train overrides the run was trained with (recorded)")
    a = ap.parse_args()
    import torch
    from prx_nb.data import default_prompts
    from prx_nb.eval import generate, load_evaluator, adherence
    from prx_nb.sample import save_grid
    from prx_nb.train import load_checkpoint_for_sampling, resolve_checkpoint
    torch.manual_seed(a.seed)
    cfg, net, enc = load_checkpoint_for_sampling(a.ckpt)
    prompts = default_prompts("shapes", 8)
    with torch.no_grad(): x = generate(net, enc, cfg, prompts, guidance=a.guidance, seed=a.seed)
    out = save_grid(x, a.out, nrow=4)
    score = adherence(load_evaluator(), x, prompts)
    meta = dict(prompts=prompts, checkpoint=str(resolve_checkpoint(a.ckpt).name), guidance=a.guidance,
                scale=cfg.sample.scale, steps=cfg.sample.steps, seed=a.seed,
                adherence=float(score["adherence"]), overrides=a.overrides)
    Path(out).with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {out} and {Path(out).with_suffix('.json')}: adherence {meta['adherence']:.3f} on these 8")

if __name__ == "__main__": main()
