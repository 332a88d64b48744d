#!/usr/bin/env bash
# Fill .whl/ with the pure-Python wheels the GPU check imports and the GPU machine lacks (issue 24): that machine has
# its own Python 3.12 with torch 2.11 and most of the project's needs, no network, and no fastcore, muon-optimizer or
# lpips; timm travels too so the teachers are built by the version the project pins (the machine's is unknown). The
# versions are read from settings.ini, so the wheels never drift from what .venv installs. .whl/ is git-ignored (3 MB
# of binaries re-made in seconds): name it in the device tool's `carry` (scripts/gpu_check.sh installs it there with
# pip --no-index). Run here, where a package registry is reached: `bash scripts/gpu_wheels.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] && PY=.venv/bin/python
NAMES=(fastcore muon-optimizer lpips timm)          # the check's imports (15b_bench) minus what the machine has
PINS=()
for n in "${NAMES[@]}"; do
  pin=$(grep '^requirements' settings.ini | tr ' ' '\n' | grep -i "^$n==" || true)
  [ -n "$pin" ] || { echo "gpu_wheels.sh: $n has no == pin in settings.ini" >&2; exit 1; }
  PINS+=("$pin")
done
rm -rf .whl && mkdir -p .whl
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 -d .whl "${PINS[@]}" 2>&1 | grep -v '^WARNING: Location' || true
n=$(ls .whl/*.whl 2>/dev/null | wc -l)
[ "$n" -eq "${#PINS[@]}" ] || { echo "gpu_wheels.sh: got $n wheels for ${#PINS[@]} pins (${PINS[*]})" >&2; exit 1; }
for f in .whl/*.whl; do
  case "$f" in *-py3-none-any.whl|*-py2.py3-none-any.whl) ;; *) echo "gpu_wheels.sh: $f is not pure Python" >&2; exit 1 ;; esac
done
# what travels: tracked and untracked-not-ignored files, plus .whl (the device tool's limit is 64 MiB)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  tree=$(git ls-files -z --cached --others --exclude-standard | xargs -0 -r stat -c %s 2>/dev/null | awk '{s += $1} END {print s + 0}')
else tree=$(du -sb --exclude=.whl . | cut -f1)        # a copy of the tree, not a checkout
fi
wh=$(stat -c %s .whl/*.whl | awk '{s += $1} END {print s + 0}')
echo "gpu_wheels.sh: ${PINS[*]} -> .whl ($((wh / 1024)) KiB); working tree $((tree / 1024)) KiB; together $(((tree + wh) / 1048576)) MiB of the 64 MiB a device call carries"
