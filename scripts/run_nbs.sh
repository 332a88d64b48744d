#!/usr/bin/env bash
# Execute notebooks in place, in order, and save them with their outputs, then nbdev_clean them.
#   bash scripts/run_nbs.sh nbs/04_flow.ipynb nbs/05_tread.ipynb    # slow cells skipped (outputs cleared)
#   bash scripts/run_nbs.sh --slow nbs/10_optim.ipynb                # also the `#| slow` cells
# See scripts/run_nbs.py for what is fixed (seeds, 72-dpi PNG figures, no IN_TEST); check the result with
# `python scripts/check_nbs.py`.
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export MPLBACKEND=Agg PYTHONHASHSEED=0
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
python scripts/run_nbs.py "$@"
for a in "$@"; do
  case "$a" in *.ipynb) nbdev_clean --fname "$a" ;; esac
  case "$a" in *index.ipynb) python scripts/make_readme.py ;; esac   # README.md carries the landing page's outputs
done
