#!/usr/bin/env python3
"""Checks a packaged skill-lsp .vsix: the bundle is there and self-contained, the manifest is sane.

usage: check_vsix.py SKILL_LSP.vsix

Prints one line per check and exits non-zero when any fails.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile

# Settings the server reads (section `skillLsp`), flattened; the extension must offer each one.
SERVER_SETTINGS = [
    "logLevel",
    "logFile",
    "maxMessageBytes",
    "skills.builtin",
    "skills.paths",
    "skills.userFolders",
    "skills.enabled",
    "skills.disabled",
    "tips.enabled",
    "tips.diagnostics",
    "tips.severity",
    "tips.overrides",
    "tips.implicitDiagnostics",
    "tips.debounceMs",
    "tips.maxDiagnostics",
    "tips.maxPerTip",
    "hover.agent",
    "hover.agentTimeoutMs",
    "agent.provider",
    "agent.model",
    "agent.endpoint",
    "agent.apiKeyEnv",
    "agent.command",
    "agent.args",
    "agent.timeoutSecs",
    "agent.maxOutputTokens",
    "agent.temperature",
    "agent.retries",
    "agent.contextTokens",
]

# Settings that choose a program, an endpoint, a key or whether code leaves the machine: a
# workspace must never set them, so they are `machine` (or `application`) scoped.
MACHINE_SETTINGS = [
    "server.path",
    "server.args",
    "server.env",
    "logFile",
    "agent.provider",
    "agent.endpoint",
    "agent.apiKeyEnv",
    "agent.command",
    "agent.args",
    "hover.agent",
]

COMMANDS = [
    "skillLsp.ask",
    "skillLsp.explain",
    "skillLsp.showSkills",
    "skillLsp.reload",
    "skillLsp.openPrompt",
    "skillLsp.restart",
    "skillLsp.showStatus",
]

NODE_BUILTINS = {
    "assert", "buffer", "child_process", "crypto", "events", "fs", "net", "os", "path",
    "process", "stream", "string_decoder", "timers", "tty", "url", "util", "zlib",
}


def main() -> int:
    vsix = sys.argv[1]
    failures = 0
    passes = 0

    def check(name: str, ok: bool, detail: str = "") -> None:
        nonlocal failures, passes
        if ok:
            passes += 1
            print(f"ok   - vsix: {name}")
        else:
            failures += 1
            print(f"FAIL - vsix: {name}: {detail}")

    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        check("contains extension/dist/extension.js", "extension/dist/extension.js" in names, str(sorted(names)))
        check(
            "ships no node_modules and no sources",
            not any(n.startswith("extension/node_modules/") or n.startswith("extension/src/") for n in names),
            str(sorted(names)),
        )
        manifest = json.loads(z.read("extension/package.json"))
        bundle = z.read("extension/dist/extension.js").decode("utf-8", "replace")

    check("main is ./dist/extension.js", manifest.get("main") == "./dist/extension.js", str(manifest.get("main")))
    requires = set(re.findall(r'require\("([^"]+)"\)', bundle))
    foreign = sorted(r for r in requires if r != "vscode" and r.split("/")[0].replace("node:", "") not in NODE_BUILTINS)
    check(
        "bundle requires only vscode and node built-ins",
        "vscode" in requires and not foreign,
        "foreign: " + ", ".join(foreign) + "; all: " + ", ".join(sorted(requires)),
    )
    check("bundle includes vscode-languageclient", "LanguageClient" in bundle and "workDoneProgress" in bundle, "")

    engine = manifest.get("engines", {}).get("vscode", "")
    types = manifest.get("devDependencies", {}).get("@types/vscode", "")
    check(
        "@types/vscode is pinned to engines.vscode",
        engine.lstrip("^") == types,
        f"engines.vscode={engine} @types/vscode={types}",
    )

    props = manifest.get("contributes", {}).get("configuration", {}).get("properties", {})
    missing = [k for k in SERVER_SETTINGS if f"skillLsp.{k}" not in props]
    check("every server setting is offered as skillLsp.*", not missing, ", ".join(missing))
    loose = [
        k for k in MACHINE_SETTINGS
        if props.get(f"skillLsp.{k}", {}).get("scope") not in ("machine", "application")
    ]
    check("program/endpoint settings are machine-scoped", not loose, ", ".join(loose))
    check("skillLsp.trace.server exists", "skillLsp.trace.server" in props, "")

    commands = {c["command"] for c in manifest.get("contributes", {}).get("commands", [])}
    missing_cmds = [c for c in COMMANDS if c not in commands]
    check("commands are contributed", not missing_cmds, ", ".join(missing_cmds))

    print(f"vsix: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
