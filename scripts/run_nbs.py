#!/usr/bin/env python3
"""Execute notebooks in place and save them with their outputs (what the docs site shows).

    python scripts/run_nbs.py [--slow] nbs/04_flow.ipynb nbs/05_tread.ipynb ...

Use it through `bash scripts/run_nbs.sh`, which sets the environment and runs `nbdev_clean` afterwards.
Built on execnb's `CaptureShell` (the engine `nbdev_test` uses), so a notebook runs here as it does in
the test suite, except that `IN_TEST` is NOT set: the saved pages show what a reader's "Run All" shows.

- Notebooks run one after the other, in the order given, each in a fresh shell, from its own folder.
- Seeds: `random`, `numpy` and `torch` are seeded with 0 before the first cell.
- Cells flagged `#| slow` (or any flag in settings.ini's `tst_flags`) are skipped and their outputs
  cleared unless `--slow` is given; `--slow` also sets `PRX_RUN_SLOW=1`, the switch a notebook's
  `RUN_SLOW` reads. `#| eval: false` cells are never run (their outputs are cleared too).
- Figures are PNG at 72 dpi (not retina) to keep the repository light.
- A notebook that raises stops the run with its traceback and is NOT written.
"""
import argparse, os, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = """
import random as _r, numpy as _np, torch as _t
_r.seed(0); _np.random.seed(0); _t.manual_seed(0)
import matplotlib as _mpl
_mpl.rcParams.update({'figure.dpi': 72, 'savefig.dpi': 72})
del _r, _np, _t, _mpl
"""

def tst_flags():
    from nbdev.config import get_config
    return set(str(get_config().get("tst_flags", "")).split())

def run_one(path: Path, slow: bool, timeout=None):
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from nbdev.process import extract_directives
    skip = set() if slow else tst_flags()
    raw = read_nb(path)
    def no_eval(cell):
        d = extract_directives(cell, remove=False)   # the cell's `#|` directives, as nbdev_test reads them
        if "nbdev_export(" in cell.source: return True
        if d.get("eval:", [""])[0].lower() == "false": return True
        return bool(skip & d.keys())
    shell = CaptureShell(path, mpl_format="png", timeout=timeout)
    cwd = os.getcwd()
    try:
        os.chdir(path.parent)
        r = shell.run_cell(SETUP)
        if r.exception: raise r.exception
        skipped = 0
        for cell in raw.cells:
            if cell.cell_type != "code": continue
            if no_eval(cell):
                cell.outputs, cell.execution_count = [], None; skipped += 1; continue
            cell.outputs = []                          # execnb keeps the old outputs of a cell that prints nothing
            shell.cell(cell)
            if shell.exc:
                sys.stderr.write(shell.prettytb(fname=path) + "\n")
                return False, skipped
    finally: os.chdir(cwd)
    write_nb(raw, path)
    return True, skipped

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="+", type=Path)
    p.add_argument("--slow", action="store_true", help="also run the `#| slow` cells (sets PRX_RUN_SLOW=1)")
    p.add_argument("--timeout", type=int, default=None, help="seconds allowed per cell")
    a = p.parse_args(argv)
    os.environ["PRX_RUN_SLOW"] = "1" if a.slow else "0"
    os.environ.pop("IN_TEST", None)
    failed = []
    for nb in a.notebooks:
        t0 = time.time()
        ok, skipped = run_one(nb.resolve(), a.slow, a.timeout)
        print(f"{'saved ' if ok else 'FAILED'} {nb} in {time.time() - t0:.0f}s"
              + (f" ({skipped} cells not run: eval: false / slow / export call)" if skipped else ""), flush=True)
        if not ok: failed.append(str(nb))
    if failed: sys.exit(f"failed (not saved): {' '.join(failed)}")

if __name__ == "__main__": main()
