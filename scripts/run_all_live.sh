#!/usr/bin/env bash
# A reader's "Run All": execute notebooks top to bottom in a live Jupyter kernel (jupyter nbconvert --execute),
# as a new user would, with the slow switch off (no PRX_RUN_SLOW, no IN_TEST), a per-cell time limit, and
# the results written to a temporary folder (the notebooks themselves are not touched).
#   bash scripts/run_all_live.sh nbs/03_model.ipynb nbs/14_ablations.ipynb
# CELL_TIMEOUT (seconds): a cell that runs longer fails the run, e.g. a slow cell that ignored RUN_SLOW. Default
# 300 s on a CPU with bf16 matmul units and 3x that where bf16 is emulated (the AVX2-only EPYC, `cpu_kind` in
# 00_config, which also sees the AVX2 emulation): sized for the slowest kind. 03's compile sweep (every bucket,
# both modes, inductor compiling C++ kernels on two cores) took over 120 s on the AVX512-BF16 EPYC. Called by scripts/test.sh on two
# small notebooks that have slow cells.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
rc=0
kind=$(python -c "from prx_nb.config import cpu_kind; print(cpu_kind())" 2>/dev/null || echo no-bf16)
[ "$kind" = "no-bf16" ] && limit=900 || limit=300
for nb in "$@"; do
  t0=$(date +%s)
  if env -u IN_TEST -u PRX_RUN_SLOW jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
       --ExecutePreprocessor.timeout="${CELL_TIMEOUT:-$limit}" --output-dir "$out" "$nb" >"$out/log" 2>&1; then
    echo "run-all (live kernel): $nb ran top to bottom in $(( $(date +%s) - t0 ))s"
  else
    echo "run-all (live kernel): $nb FAILED"; grep -v "^\[NbConvertApp\]" "$out/log" | tail -30; rc=1
  fi
done
rm -rf "$out"
exit $rc
