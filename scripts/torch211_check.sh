#!/usr/bin/env bash
# The project on torch 2.11, the GPU machine's torch (issue 24), here on CPU: the development .venv has 2.14.1. Builds a
# virtual environment OUTSIDE the repository ($VENV211, default /tmp/venv211) that stands for the GPU machine's
# python3: torch 2.11.0 + torchvision 0.26.0, the project's other pins except the packages that machine lacks
# (fastcore, muon-optimizer, lpips, litdata, webdataset, torch-fidelity: the check takes the first three from .whl/,
# scripts/gpu_wheels.sh) and with its transformers 5.17.0; the project installed editable (--no-deps). Then, with the
# wheels on PYTHONPATH as scripts/gpu_check.sh puts them there:
#   1. the GPU check's CPU path through scripts/gpu_check.sh (PRX_GPU_CHECK_PYTHON = that venv), compiled blocks;
#   2. a short training run (prx-train --preset tiny-cpu, 20 steps, checkpoints at 10 and 20) and its resume to 24;
#   3. prx-plan --simulate (FakeTensorMode, a fake process group, FSDP2's memory tracker: torch's private APIs).
# torch 2.11 comes from PyPI (its cu130 build, ~3 GB with its CUDA libraries; it runs on a CPU), since the CPU index
# is not reached here. Repeatable: `bash scripts/torch211_check.sh` (~6 min after the first install).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
V=${VENV211:-/tmp/venv211}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
if [ ! -x "$V/bin/python" ] || ! "$V/bin/python" -c "import torch; assert torch.__version__.startswith('2.11.0')" 2>/dev/null; then
  set -e
  python3.11 -m venv "$V"
  "$V/bin/python" -m pip install -q --upgrade pip==25.3
  "$V/bin/python" -m pip install -q torch==2.11.0 torchvision==0.26.0
  LACKS='^(torch|torchvision|fastcore|muon-optimizer|lpips|litdata|webdataset|torch-fidelity|transformers)=='
  REQS=$(grep '^requirements' settings.ini | cut -d= -f2- | tr ' ' '\n' | grep -v '^$' | grep -Ev "$LACKS")
  # shellcheck disable=SC2086
  "$V/bin/python" -m pip install -q $REQS transformers==5.17.0 torch==2.11.0 torchvision==0.26.0
  "$V/bin/python" -m pip install -q --no-deps -e .
  set +e
fi
compgen -G ".whl/*.whl" >/dev/null || bash scripts/gpu_wheels.sh || exit 1
SITE=$(mktemp -d "${TMPDIR:-/tmp}/prx-site211.XXXXXX"); RUN=$(mktemp -d "${TMPDIR:-/tmp}/prx-211.XXXXXX")
trap 'rm -rf "$SITE" "$RUN"' EXIT
"$V/bin/python" -m pip install -q --no-index --no-deps --no-compile --target "$SITE" .whl/*.whl || exit 1
status=0
step() { local name=$1; shift; local t0=$SECONDS; "$@" > "$RUN/$name.log" 2>&1; local rc=$?
  echo "torch211_check: $name: exit $rc after $((SECONDS - t0)) s"; [ $rc = 0 ] || { tail -30 "$RUN/$name.log"; status=1; }; }
"$V/bin/python" -c "import torch, sys; print('torch211_check:', sys.executable, 'torch', torch.__version__)"
# 1. the GPU check's CPU path, as the GPU machine runs the script (no .venv used: PRX_GPU_CHECK_PYTHON)
step gpu_check env PRX_GPU_CHECK_PYTHON="$V/bin/python" OUT="$RUN/gpu_check.json" CUDA_VISIBLE_DEVICES= \
  bash scripts/gpu_check.sh --device cpu --preset tiny-cpu --steps 1 --warmup 1 --sample-steps 2 \
  --model.depth=3 --model.hidden_dim=64 --model.num_heads=1 --model.compile=true --train.micro_batch=4 \
  --train.global_batch=4 --repa.teacher=vit_small_patch16_dinov3 --repa.teacher_dim=384 \
  --perceptual.dino_model=vit_small_patch16_dinov3 --perceptual.dino_size=32 --perceptual.dino_weight=0.01 \
  --perceptual.lpips_weight=0.1
[ -s "$RUN/gpu_check.json" ] && "$V/bin/python" - "$RUN/gpu_check.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
print("torch211_check: gpu_check", json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in g.items()
      if k in ("versions", "compile", "step_s", "dense_step_s", "eager_step_s", "sdpa_step_s", "no_aux_step_s", "sample_s",
               "recompiles", "recompiles_by_function", "recompile_limit_hit", "dynamo_graphs", "skipped", "wall_s")}))
PY
export PYTHONPATH="$ROOT:$SITE"
TRAIN=(--preset tiny-cpu --out "$RUN/train" --data.num_samples=256 --repa.feature_cache=256 --train.ckpt_every=10
       --train.eval_hook= --train.sample_every=1000 --train.log_every=5)
# 2. a short run of the README's preset (compiled blocks where g++ is, as `fast_path` picks), then its resume
step train "$V/bin/prx-train" "${TRAIN[@]}" --train.steps=20
step resume "$V/bin/prx-train" "${TRAIN[@]}" --train.steps=24 --resume
"$V/bin/python" - "$RUN/train/metrics.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("torch211_check: train steps logged", [r["step"] for r in rows if "loss" in r], "last loss",
      [round(r["loss"], 4) for r in rows if "loss" in r][-1:])
PY
# 3. the FSDP2 simulation on fake tensors (16 ranks in 2 nodes, a 4-block speedrun-512)
step simulate "$V/bin/prx-plan" --preset speedrun-512 --gpus 16 --simulate --json --model.depth=4 \
  --routing.route_start=1 --routing.route_end=2 --repa.layer=1 --train.micro_batch=4 --train.global_batch=64
tail -1 "$RUN/simulate.log" | cut -c1-400
echo "torch211_check: $([ $status = 0 ] && echo all passed || echo FAILED) on torch 2.11"
exit $status
