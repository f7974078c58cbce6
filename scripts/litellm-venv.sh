#!/usr/bin/env bash
# Installs the LiteLLM proxy used by the real-server agent tests (tests/agent_litellm.rs) and the
# agent bench into a cached venv, and prints the path of its `litellm` executable.
# Pinned exactly: a later release of the package was compromised. A second run reuses the venv.
set -euo pipefail
VERSION="1.80.17"
VENV="${SKILL_LSP_LITELLM_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/skill-lsp/litellm-$VERSION}"
if [ ! -x "$VENV/bin/litellm" ] || ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('litellm') != '$VERSION')" 2>/dev/null; then
  echo "installing litellm[proxy]==$VERSION into $VENV (once; about a minute)" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "litellm[proxy]==$VERSION" >&2
fi
echo "$VENV/bin/litellm"
