#!/usr/bin/env bash
# `check` output validated by each format's own reader: SARIF against the SARIF 2.1.0 JSON schema
# (shipped in the npm package @microsoft/jest-sarif), JUnit XML with Python's junitparser.
# Installs both into target/formats-test (a venv and an npm pack), then runs tests/formats/validate.py
# on a small tree; then the frontmatter schemas under docs/schemas (tests/formats/schemas.py). SKILL_LSP_BIN: the binary (default target/debug/skill-lsp).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${SKILL_LSP_BIN:-$PWD/target/debug/skill-lsp}"
work="$PWD/target/formats-test"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check jsonschema junitparser pyyaml
schema="$work/package/lib/schemas/sarif-2.1.0-rtm.5.json"
if [ ! -f "$schema" ]; then
  (cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf microsoft-jest-sarif-*.tgz)
fi
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/.git" "$tree/skills" "$tree/app" "$tree/web"
cat >"$tree/skills/team.md" <<'MD'
---
name: team
description: Team rules.
languages: [python, javascript]
---

# Team rules

## Timeouts & "quotes" <needing> escapes

<!-- skill-lsp tip
- id: no-timeout
  pattern: 'requests\.get\([^)]*\)'
  not: 'timeout='
  message: Pass a timeout & mind <xml> "escapes".
  severity: warning
  languages: [python]
- id: var
  pattern: '\bvar\s+'
  message: Use let or const.
  severity: information
  languages: [javascript]
  fix: 'let '
-->
MD
printf 'import requests\nrequests.get(a)\nrequests.get(b)\n' >"$tree/app/client.py"
printf 'var x = 1;\nvar y = "é";\n' >"$tree/web/app.js"
printf 'import requests\nrequests.get(c)\n' >"$tree/app/with space.py"
"$work/venv/bin/python" tests/formats/validate.py "$bin" "$schema" "$tree"
"$work/venv/bin/python" tests/formats/schemas.py "$bin" "$PWD"
