#!/usr/bin/env bash
# The GPU check (issue 24; 15b_bench, `gpu_check`): the project's real training step (Trainer.train_step: forward,
# backward, clipping, Muon+Adam, EMA; REPA, LPIPS and DINO with random teachers at their real sizes) of
# speedrun-512, TREAD-routed and dense, at three bucket shapes and two text lengths, compiled and eager, FlexAttention
# and SDPA; images/s, MFU against the measured bf16 matmul peak and the datasheet's, peak memory, dynamo
# recompilations and a sampler timing; with 2+ GPUs a few FSDP2 steps (evaluation off). One JSON object, printed and
# written to $OUT/gpu_check.json ($OUT a folder) or $OUT (a file), default ./gpu_check.json.
#
# Which Python:
#   $PRX_GPU_CHECK_PYTHON if set, else .venv/bin/python if there (a machine `scripts/install.sh` set up), else the
#   machine's own `python3` with its torch: the GPU machine, which has no network. Then nothing is installed from the
#   network: the project is imported from this working tree (PYTHONPATH) and the few pure-Python packages that machine
#   lacks come from .whl/ (filled here by scripts/gpu_wheels.sh, carried there), installed with pip --no-index into a
#   temporary folder put first on PYTHONPATH.
# Arguments go to the check: `--device cpu --preset tiny-cpu ...` is its CPU path (CI, 15b_bench, 17_commands);
# `--budget-s S` (default 360) skips what would start after S seconds; `--help` lists the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ -n "${PRX_GPU_CHECK_PYTHON:-}" ]; then PY=$PRX_GPU_CHECK_PYTHON; VENV=0
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python; VENV=1
else PY=python3; VENV=0
fi
if [ "$VENV" = 0 ]; then
  SITE=$(mktemp -d "${TMPDIR:-/tmp}/prx-site.XXXXXX")
  trap 'rm -rf "$SITE"' EXIT
  if compgen -G ".whl/*.whl" >/dev/null; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --disable-pip-version-check \
      --target "$SITE" .whl/*.whl
  fi
  export PYTHONPATH="$ROOT:$SITE${PYTHONPATH:+:$PYTHONPATH}"
  # name what is missing before the check's traceback would
  "$PY" - <<'PY'
import importlib.util, sys
need = {"torch": None, "numpy": None, "yaml": None, "PIL": None, "safetensors": None, "accelerate": None,
        "timm": "timm", "fastcore": "fastcore", "muon": "muon-optimizer", "lpips": "lpips", "scipy": None}
missing = [n for n in need if importlib.util.find_spec(n) is None]
if missing:
    sys.exit(f"gpu_check.sh: {sys.executable} lacks {', '.join(missing)}; the pure-Python ones come from .whl/: run "
             f"`bash scripts/gpu_wheels.sh` where pip reaches a registry and carry .whl")
PY
fi
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} TRANSFORMERS_OFFLINE=${TRANSFORMERS_OFFLINE:-1} TOKENIZERS_PARALLELISM=false
export PYTHONUNBUFFERED=1
"$PY" -c "from prx_nb.bench import gpu_check_main; gpu_check_main()" "$@"     # not exec: the trap removes $SITE
