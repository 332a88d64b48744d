#!/usr/bin/env bash
# One-command install: a virtual environment in .venv with every dependency pinned.
# torch and torchvision go first, on their own, so pip never swaps in another build of torch
# when a later package asks for it; then the project itself with its pinned dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip==25.3 >/dev/null
python -m pip install -q torch==2.14.1 torchvision==0.29.1
python -m pip install -q -e ".[dev]"
python -m pip check
# Real offline image-caption assets (emoji): Debian's Noto font and the npm Twemoji package into .assets/.
# Not fatal: without them only the emoji tests skip, and they say so.
bash scripts/get_emoji.sh all || echo "WARNING: emoji assets not installed; the emoji dataset tests will skip (see scripts/get_emoji.sh)"
