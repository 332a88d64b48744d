#!/usr/bin/env bash
# Install the emoji image-caption assets used by data.dataset=emoji (see nbs/01_data.ipynb).
#   scripts/get_emoji.sh [noto|twitter|all]     (default: all)
# noto:    Debian's fonts-noto-color-emoji -> /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf (needs root/sudo + apt)
# twitter: npm package emoji-datasource-twitter -> $EMOJI_ASSETS/node_modules/emoji-datasource-twitter
#          (EMOJI_ASSETS defaults to .assets in the repo root; point data.path or PRX_EMOJI_ROOT at the package folder)
set -euo pipefail
what=${1:-all}
EMOJI_ASSETS=${EMOJI_ASSETS:-"$(cd "$(dirname "$0")/.." && pwd)/.assets"}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

get_noto() {
  if [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then echo "noto: already installed"; return; fi
  command -v apt-get >/dev/null || { echo "noto: apt-get not found; install the Noto Color Emoji font and set data.path to NotoColorEmoji.ttf" >&2; return 1; }
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-color-emoji
  echo "noto: /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
}

get_twitter() {
  local dir="$EMOJI_ASSETS/node_modules/emoji-datasource-twitter"
  if [ -f "$dir/emoji.json" ]; then echo "twitter: already installed at $dir"; return; fi
  command -v npm >/dev/null || { echo "twitter: npm not found (apt-get install -y npm)" >&2; return 1; }
  mkdir -p "$EMOJI_ASSETS"
  (cd "$EMOJI_ASSETS" && npm install --no-audit --no-fund --silent emoji-datasource-twitter)
  echo "twitter: $dir"
}

case "$what" in
  noto) get_noto ;;
  twitter) get_twitter ;;
  all) get_noto; get_twitter ;;
  *) echo "usage: $0 [noto|twitter|all]" >&2; exit 2 ;;
esac
