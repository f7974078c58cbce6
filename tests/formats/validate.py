"""Validate `skill-lsp check` output against each format's own reader.

SARIF against the OASIS SARIF 2.1.0 JSON schema (the copy shipped in the npm package
@microsoft/jest-sarif), JUnit XML with junitparser. Usage: validate.py SKILL_LSP SCHEMA TREE
"""
import json
import subprocess
import sys

import jsonschema
from junitparser import JUnitXml

exe, schema_path, tree = sys.argv[1:4]


def check(fmt):
    out = subprocess.run(
        [exe, "check", "--no-builtin", "--skills", "skills", "--output-format", fmt, "--exit-zero"],
        cwd=tree, capture_output=True, text=True, check=True,
    )
    return out.stdout


schema = json.load(open(schema_path))
sarif = json.loads(check("sarif"))
jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
results = sarif["runs"][0]["results"]
assert len(results) >= 5, results
print(f"sarif: valid against the 2.1.0 schema, {len(results)} results")

xml = JUnitXml.fromstring(check("junit"))
cases = [c for suite in xml for c in suite]
failures = [c for c in cases if c.result]
assert len(failures) == len(results), (len(failures), len(results))
for c in failures:
    assert c.result[0].message, c
print(f"junit: {len(list(xml))} suites, {len(failures)} failed cases read by junitparser")
