"""The published frontmatter schemas (docs/schemas/*.schema.json) read by a real JSON Schema
implementation (Python's `jsonschema`, Draft 7 as yaml-language-server uses): each schema is a
valid Draft 7 schema, every bundled skill's frontmatter passes its format's schema, and values the
server reports as wrong are rejected by the schema too.

Usage: schemas.py SKILL_LSP_BIN REPO_DIR
"""
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml

bin_, repo = sys.argv[1], pathlib.Path(sys.argv[2])
schemas = {}
for path in sorted((repo / "docs" / "schemas").glob("*.schema.json")):
    fmt = path.name.removesuffix(".schema.json")
    schema = json.loads(path.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    # The committed file is the command's output, byte for byte.
    out = subprocess.run([bin_, "schema", fmt], check=True, capture_output=True, text=True).stdout
    assert out == path.read_text(), f"{path} is stale: run `skill-lsp schema --out docs/schemas`"
    schemas[fmt] = jsonschema.Draft7Validator(schema)
listed = subprocess.run([bin_, "schema"], check=True, capture_output=True, text=True).stdout.split()
assert sorted(listed) == sorted(schemas), (listed, sorted(schemas))


def frontmatter(text):
    assert text.startswith("---\n"), "no frontmatter"
    end = text.index("\n---", 4)
    return yaml.safe_load(text[4:end]) or {}


checked = 0
for md in sorted((repo / "skills").rglob("*.md")):
    fmt = "agent-skill" if md.name == "SKILL.md" else "seed"
    text = md.read_text()
    if not text.startswith("---\n"):
        continue
    errors = [e.message for e in schemas[fmt].iter_errors(frontmatter(text))]
    assert not errors, f"{md}: {errors}"
    checked += 1
assert checked >= 80, f"only {checked} bundled skills checked"

# What the validator calls wrong, the schema rejects; what it accepts, the schema accepts.
cases = [
    ("cursor-mdc", {"description": "x", "alwaysApply": "flase"}, False),
    ("cursor-mdc", {"description": "x", "alwaysApply": True, "globs": "**/*.ts"}, True),
    ("windsurf", {"trigger": "alway_on"}, False),
    ("windsurf", {"trigger": "model_decision", "description": "x"}, True),
    ("kiro", {"inclusion": "fileMatch", "fileMatchPattern": ["src/**"]}, True),
    ("agent-skill", {"name": "Bad_Name", "description": "x"}, False),
    ("agent-skill", {"name": "-lead", "description": "x"}, False),
    ("agent-skill", {"name": "a" * 65, "description": "x"}, False),
    ("agent-skill", {"name": "pdf-tools"}, False),
    ("agent-skill", {"name": "pdf-tools", "description": "d" * 1025}, False),
    ("agent-skill", {"name": "pdf-tools", "description": "x", "metadata": {"a": 1}}, False),
    ("agent-skill", {"name": "pdf-tools", "description": "x", "metadata": {"a": "1"}, "x-tool": 1}, True),
    ("copilot-instructions", {"applyTo": "**/*.py", "excludeAgent": "code-review"}, True),
    ("copilot-instructions", {"applyTo": ["a"], "excludeAgent": "reviewer"}, False),
    ("seed", {"name": "x", "description": "y", "languages": "python", "paths": ["**/*.py"]}, True),
    ("seed", {"name": "x", "description": "y", "paths": {"a": 1}}, False),
]
for fmt, doc, ok in cases:
    errors = list(schemas[fmt].iter_errors(doc))
    assert (not errors) == ok, f"{fmt} {doc}: expected {'valid' if ok else 'invalid'}, got {[e.message for e in errors]}"
print(f"schemas: {len(schemas)} formats, {checked} bundled skills and {len(cases)} cases agree")
