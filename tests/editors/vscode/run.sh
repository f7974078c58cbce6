#!/usr/bin/env bash
# VS Code for real: installs the packaged extension into code-server (VS Code 1.100 in a browser),
# drives it with playwright-core in Debian's Chromium and checks hover, code action list and an
# agent rewrite against the loopback fake agent. Screenshots of each step go to $ARTIFACTS
# (default: a temp folder; printed at the end).
#
# usage: tests/editors/vscode/run.sh SKILL_LSP.vsix      (server: $SKILL_LSP_BIN)
#
# Installs idempotently: Debian's chromium, ripgrep and libkrb5-dev; code-server@4.100.3 under
# ${XDG_CACHE_HOME:-~/.cache}/skill-lsp-editors (its install would download ripgrep from GitHub and
# node headers from the Node site: a tarball of Debian's rg is put where @vscode/ripgrep looks for
# its cache, and node-gyp is pointed at the installed headers); playwright-core from the lockfile.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
VSIX="${1:?usage: run.sh SKILL_LSP.vsix}"
BIN="${SKILL_LSP_BIN:-$ROOT/target/debug/skill-lsp}"
CODE_SERVER_VERSION=4.100.3
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/skill-lsp-editors/code-server-$CODE_SERVER_VERSION"
CODE_SERVER="$CACHE/node_modules/.bin/code-server"
ARTIFACTS="${ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/skill-lsp-vscode-shots.XXXXXX")}"

say() { printf 'vscode: %s\n' "$*"; }
# healthy PORT: code-server answers /healthz (python, so curl is not needed).
healthy() {
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)' "$1" >/dev/null 2>&1
}

# ---- installs ---------------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null; }
fi

if [ ! -x "$CODE_SERVER" ]; then
  say "installing code-server@$CODE_SERVER_VERSION into $CACHE (a few minutes, once)"
  mkdir -p "$CACHE"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache has the tarball.
  tmp_dir="$(node -e 'console.log(require("os").tmpdir())')"
  for v in 1.15.11 1.15.12 1.15.13 1.15.14; do
    for tag in v13.0.0-10 v13.0.0-13; do
      mkdir -p "$tmp_dir/vscode-ripgrep-cache-$v"
      [ -f "$tmp_dir/vscode-ripgrep-cache-$v/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" ] ||
        tar czf "$tmp_dir/vscode-ripgrep-cache-$v/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
    done
  done
  [ -f "$CACHE/package.json" ] || echo '{"name":"skill-lsp-code-server","private":true}' >"$CACHE/package.json"
  node_dir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  (cd "$CACHE" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir="$node_dir" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi

(cd "$ROOT/tests/editors/vscode" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error; })

# ---- a fresh VS Code profile and workspace ----------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/skill-lsp-vscode.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pid in "${PIDS[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$WORK/ud/User" "$WORK/ext" "$WORK/ws/.git" "$WORK/ws/app"

cat >"$WORK/ws/app/loader.py" <<'EOF'
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
EOF

# The fake agent prints "PORT n" on its first line.
setsid python3 "$ROOT/tests/editors/fake_agent.py" --log "$WORK/fake-agent.jsonl" --max-seconds 600 >"$WORK/fake.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q '^PORT ' "$WORK/fake.out" 2>/dev/null && break; sleep 0.05; done
AGENT_PORT="$(awk '/^PORT /{print $2}' "$WORK/fake.out")"
[ -n "$AGENT_PORT" ] || { say "fake agent did not start"; exit 1; }

# User settings, and the same in the remote ("Machine") settings: code-server is a remote window,
# where VS Code takes machine-scoped settings (server path, agent provider, endpoint, key
# variable) from the remote settings once any setting changes. The test changes them there.
mkdir -p "$WORK/ud/Machine"
python3 - "$WORK/ud/User/settings.json" "$BIN" "$ROOT/tests/editors/fixtures/skills" "$AGENT_PORT" "$WORK/ud/Machine/settings.json" "$WORK/server.log" <<'EOF'
import json, sys
path, binary, skills, port, machine, log = sys.argv[1:]
settings = {
    "skillLsp.server.path": binary,
    "skillLsp.skills.builtin": False,
    "skillLsp.skills.userFolders": False,
    "skillLsp.skills.paths": [skills],
    "skillLsp.tips.debounceMs": 50,
    # The server's log at debug, read by the test (the client must never open skill-lsp's cache
    # files); the extension hands the file to the server as SKILL_LSP_LOG_FILE.
    "skillLsp.logFile": log,
    "skillLsp.logLevel": "debug",
    "skillLsp.agent.provider": "openai",
    "skillLsp.agent.endpoint": f"http://127.0.0.1:{port}/v1",
    "skillLsp.agent.model": "fake-model",
    "skillLsp.agent.retries": 0,
    # A key variable the server (and "Show status") see through skillLsp.server.env; its value
    # must never appear in the status report.
    "skillLsp.server.env": {"SKILL_LSP_E2E_KEY": "sk-e2e-not-shown"},
    "skillLsp.agent.apiKeyEnv": "SKILL_LSP_E2E_KEY",
    # VS Code supports change annotations, so agent edits would open the refactor preview
    # (agent.previewEdits defaults on); these checks drive the direct apply.
    "skillLsp.agent.previewEdits": False,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "workbench.enableExperiments": False,
    "security.workspace.trust.enabled": False,
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "chat.commandCenter.enabled": False,
    "chat.disableAIFeatures": True,
    "editor.minimap.enabled": False,
    "window.commandCenter": False,
    "workbench.colorTheme": "Default Dark Modern",
}
json.dump(settings, open(path, "w"), indent=2)
json.dump({k: v for k, v in settings.items() if k.startswith("skillLsp.")}, open(machine, "w"), indent=2)
EOF

CS_ARGS=(--auth none --disable-telemetry --disable-update-check --disable-workspace-trust
  --user-data-dir "$WORK/ud" --extensions-dir "$WORK/ext")
say "installing $VSIX"
"$CODE_SERVER" "${CS_ARGS[@]}" --install-extension "$VSIX" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }
ls "$WORK/ext" | grep -q '^skill-lsp\.skill-lsp-' || { say "extension not installed"; cat "$WORK/install.log"; exit 1; }

CS_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
setsid "$CODE_SERVER" "${CS_ARGS[@]}" --bind-addr "127.0.0.1:$CS_PORT" "$WORK/ws" >"$WORK/code-server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do
  healthy "$CS_PORT" && break
  sleep 0.1
done
healthy "$CS_PORT" || { say "code-server did not start"; cat "$WORK/code-server.log"; exit 1; }

say "code-server on 127.0.0.1:$CS_PORT, screenshots in $ARTIFACTS"
rc=0
URL="http://127.0.0.1:$CS_PORT/?folder=$WORK/ws" FILE="$WORK/ws/app/loader.py" ARTIFACTS="$ARTIFACTS" \
  SETTINGS="$WORK/ud/Machine/settings.json" AGENT_PORT="$AGENT_PORT" SERVER_LOG="$WORK/server.log" \
  AGENT_LOG="$WORK/fake-agent.jsonl" timeout 420 node "$ROOT/tests/editors/vscode/drive.mjs" | tee "$WORK/drive1.out" || rc=$?

# Second, short session: no skillLsp.server.path and no skill-lsp on PATH.
kill -TERM -- "-${PIDS[-1]}" 2>/dev/null || true
mkdir -p "$WORK/ud2/User"
echo '{"workbench.startupEditor": "none", "security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off"}' >"$WORK/ud2/User/settings.json"
setsid env PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" "$CODE_SERVER" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$WORK/ud2" --extensions-dir "$WORK/ext" \
  --bind-addr "127.0.0.1:$CS_PORT" "$WORK/ws" >"$WORK/code-server2.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do
  healthy "$CS_PORT" && break
  sleep 0.1
done
MODE=missing-binary URL="http://127.0.0.1:$CS_PORT/?folder=$WORK/ws" FILE="$WORK/ws/app/loader.py" ARTIFACTS="$ARTIFACTS" \
  AGENT_LOG="$WORK/fake-agent.jsonl" timeout 120 node "$ROOT/tests/editors/vscode/drive.mjs" | tee "$WORK/drive2.out" || rc=$?

if [ $rc -ne 0 ]; then
  say "code-server log tail:"
  tail -n 40 "$WORK/code-server.log" || true
  for f in "$WORK"/data/code-server/logs/*/exthost*/*skill*/* "$WORK"/ud/logs/*/window*/exthost/*skill*; do
    [ -f "$f" ] && { say "$f"; tail -n 60 "$f"; }
  done
fi
say "screenshots: $ARTIFACTS"
cat "$WORK"/drive*.out | awk '/^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 } END { printf "vscode: %d passed, %d failed\n", p, f }'

exit $rc
