#!/usr/bin/env bash
# Screenshots of Neovim with skill-lsp, from a real terminal: Neovim runs in tmux, `capture-pane -e`
# takes the screen with its colours, ansi2html.py lays it out as a page and Chromium screenshots it.
#
# usage: tests/editors/nvim/screenshots.sh OUT_DIR      (server: $SKILL_LSP_BIN)
# Writes OUT_DIR/nvim-hover.png and OUT_DIR/nvim-code-actions.png.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
OUT="$(mkdir -p "${1:?usage: screenshots.sh OUT_DIR}" && cd "$1" && pwd)"
export SKILL_LSP_BIN="${SKILL_LSP_BIN:-$ROOT/target/debug/skill-lsp}"
COLS=96 ROWS=26
WORK="$(mktemp -d "${TMPDIR:-/tmp}/skill-lsp-nvim-shots.XXXXXX")"
SOCK="$WORK/tmux.sock"
cleanup() { tmux -S "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/ws/.git" "$WORK/ws/app" "$WORK/home"
cat >"$WORK/ws/app/loader.py" <<'PY'
import json


class LoadError(Exception):
    pass


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except Exception:
        pass


if __name__ == "__main__":
    print(load("data.json"))
PY

tmux -S "$SOCK" -f /dev/null new-session -d -x "$COLS" -y "$ROWS" -c "$WORK/ws" \
  "env HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config TERM=tmux-256color COLORTERM=truecolor SKILL_LSP_BIN=$SKILL_LSP_BIN nvim --clean -u $ROOT/tests/editors/nvim/demo_init.lua app/loader.py"
tmux -S "$SOCK" set -g default-terminal tmux-256color >/dev/null

screen() { tmux -S "$SOCK" capture-pane -p -t 0 "$@"; }
wait_screen() { # wait_screen TEXT [SECONDS]
  local i
  for i in $(seq $(( ${2:-15} * 10 ))); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$1' on screen:" >&2
  screen >&2
  return 1
}
shoot() { # shoot NAME
  screen -e >"$WORK/$1.txt"
  python3 "$ROOT/tests/editors/nvim/ansi2html.py" "$WORK/$1.txt" "$WORK/$1.html" --cols "$COLS"
  chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --window-size=$((COLS * 9 + 16)),$((ROWS * 20 + 16)) --screenshot="$OUT/$1.png" "file://$WORK/$1.html" >/dev/null 2>&1
  echo "wrote $OUT/$1.png"
}

wait_screen "This swallows every exception"
tmux -S "$SOCK" send-keys -t 0 ':12' Enter '^'
sleep 0.3
tmux -S "$SOCK" send-keys -t 0 'K'
wait_screen "python-error-handling"
sleep 0.5
shoot nvim-hover
tmux -S "$SOCK" send-keys -t 0 Escape 'j' 'k'
sleep 0.3
tmux -S "$SOCK" send-keys -t 0 'gra'
wait_screen "Ask agent: fix"
sleep 0.3
shoot nvim-code-actions
tmux -S "$SOCK" send-keys -t 0 Escape
