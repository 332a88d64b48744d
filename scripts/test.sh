#!/usr/bin/env bash
# The whole test suite: install (pinned, into .venv), then run every notebook with nbdev_test.
# Extra arguments go to nbdev_test, e.g. `bash scripts/test.sh --flags slow` or `--path nbs/05_tread.ipynb`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh || { echo "install failed"; echo "0 passed, 1 failed"; exit 1; }
. .venv/bin/activate
# No hub can be reached here: fail fast instead of retrying each lookup for ~47 s.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export MPLBACKEND=Agg
# nbdev_test runs two notebooks at once on two cores: one intra-op thread each. With more, OpenMP
# threads oversubscribe the cores and a tiny step gets tens of times slower.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
status=0
if [ "${CI:-}" = "true" ]; then
  # The library must be what the notebooks export, and the notebooks clean.
  nbdev_export && git diff --quiet -- prx_nb || { echo "prx_nb/ is not in sync with nbs/: run nbdev_export and commit"; git diff --stat -- prx_nb; status=1; }
fi
# Docs: quarto cannot be installed here, but nbdev_proc_nbs does everything before it (it executes the
# cells the docs need, out of test context); it must produce a page for every notebook.
rm -rf _proc
if nbdev_proc_nbs >/tmp/prx_proc_nbs.log 2>&1 && [ "$(ls _proc/*.ipynb 2>/dev/null | wc -l)" -eq "$(ls nbs/*.ipynb | wc -l)" ]; then
  echo "docs: nbdev_proc_nbs processed $(ls _proc/*.ipynb | wc -l) notebooks"
else
  echo "docs: nbdev_proc_nbs failed (see below)"; grep -B2 -A12 "Error in notebook" /tmp/prx_proc_nbs.log | tail -40; status=1
fi
# The outputs saved in the notebooks (what the site shows): every figure there, no warning or traceback.
python scripts/check_nbs.py || status=1
# A reader's "Run All" in a live kernel with the slow switch off: two small notebooks that have slow cells.
bash scripts/run_all_live.sh nbs/03_model.ipynb nbs/14_ablations.ipynb || status=1
log=$(mktemp)
nbdev_test --n_workers "${NBDEV_WORKERS:-2}" --timing --do_print "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# nbdev_test prints only "Success." or the failing notebooks; count them ourselves.
total=$(grep -c "^Starting " "$log")
failed=$(awk '/Tests Failed On The Following Notebooks/{f=1;next} f && /\.ipynb/{n++} END{print n+0}' "$log")
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$status" -ne 0 ] && rc=1
echo "$((total - failed)) passed, $failed failed"
exit $(( rc != 0 ? 1 : 0 ))
