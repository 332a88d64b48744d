#!/usr/bin/env bash
# One command for a machine with one or more NVIDIA GPUs (issue 15): for speedrun-512 at its per-GPU micro
# batch, bf16, compiled, TREAD routing on, with and without the auxiliary losses (random teachers at their real
# sizes), it prints one JSON line (and writes it to $OUT: that file, or gpu_check.json in it when $OUT is a folder;
# default ./gpu_check.json): step times, images/s, model
# FLOPs per step, MFU against the measured bf16 matmul peak and the datasheet dense peak, peak memory, and a
# sampler timing. With 2+ GPUs it then runs a few FSDP2 training steps across them (random teachers and text
# encoder, the built-in shapes data at 512 px) and prints their step time. Not yet run on a GPU (none was lent):
# sized for the issue's 8-minute budget on one H200 (10 timed steps per measurement, most of the time compiling),
# not measured. Arguments go to the check, e.g. `--preset tiny-cpu --steps 2` (what the CPU test runs)
# or `--model.compile=false`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/install.sh
. .venv/bin/activate
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1} TOKENIZERS_PARALLELISM=false
python -c "from prx_nb.bench import gpu_check_main; gpu_check_main()" "$@"
NGPU=$(python -c "import torch; print(torch.cuda.device_count())")
if [ "$NGPU" -ge 2 ]; then
  RUN=$(mktemp -d)
  torchrun --standalone --nproc_per_node "$NGPU" -m prx_nb.train --preset speedrun-512 --out "$RUN/fsdp" \
    --data.dataset=shapes --data.num_workers=2 --text.random_init=true --repa.allow_random_teacher=true \
    --perceptual.allow_random_teacher=true --train.steps=12 --train.log_every=4 --train.ckpt_every=1000 \
    --train.sample_every=1000 --train.global_batch=$((32 * NGPU)) --model.compile=true
  python - "$RUN/fsdp/metrics.jsonl" "$NGPU" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
last = rows[-1]
print(json.dumps({"fsdp_gpus": int(sys.argv[2]), "fsdp_images_per_s": last["images_per_s"],
                  "fsdp_step_s": 32 * int(sys.argv[2]) / last["images_per_s"], "fsdp_loss": last["loss"],
                  "fsdp_peak_mem_mb": last["mem_mb"]}))
PY
fi
