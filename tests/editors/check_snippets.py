#!/usr/bin/env python3
"""Checks the Helix and Zed set-ups in editors/ against the real server.

usage: check_snippets.py helix|zed     (server binary: $SKILL_LSP_BIN, default target/debug/skill-lsp)

Neither editor runs here, so this does what each editor would do with the snippet: parse it,
check every setting key is one the server reads, start the server with the snippet's command line,
send the snippet's settings the way that editor sends them (Helix: the whole `config` table as
`initializationOptions` and `workspace/configuration` answered by walking the section path; Zed:
the extension's `initializationOptions` and `{"skillLsp": settings}`), open a Python file that
swallows an exception, and wait for the test skill's tip diagnostic. One line per check.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("SKILL_LSP_BIN", "target/debug/skill-lsp")
BIN = str(ROOT / BIN) if not os.path.isabs(BIN) else BIN
FIXTURE_SKILLS = str(ROOT / "tests/editors/fixtures/skills")
TIP = "e2e-python-errors/blind-except"

# The server's settings schema (section `skillLsp`): key -> nested keys (None = a leaf).
SCHEMA: dict = {
    "logLevel": None,
    "logFile": None,
    "skills": {"builtin", "paths", "userFolders", "enabled", "disabled"},
    "tips": {"enabled", "diagnostics", "severity", "overrides", "implicitDiagnostics", "debounceMs",
             "maxDiagnostics", "maxPerTip"},
    "hover": {"agent", "agentTimeoutMs"},
    "agent": {
        "provider", "model", "endpoint", "apiKeyEnv", "command", "args", "timeoutSecs",
        "maxOutputTokens", "temperature", "retries", "contextTokens",
    },
}

passes = 0
failures = 0


def check(name: str, ok: bool, detail: str = "") -> bool:
    global passes, failures
    if ok:
        passes += 1
        print(f"ok   - {name}")
    else:
        failures += 1
        print(f"FAIL - {name}: {detail}")
    return ok


def unknown_keys(settings: dict) -> list[str]:
    bad = []
    for key, value in settings.items():
        if key not in SCHEMA:
            bad.append(key)
        elif SCHEMA[key] is not None:
            if not isinstance(value, dict):
                bad.append(f"{key} (not a table)")
                continue
            bad.extend(f"{key}.{k}" for k in value if k not in SCHEMA[key])
    return bad


class Lsp:
    """A minimal LSP client over the server's stdio."""

    def __init__(self, cmd: list[str], env: dict, on_configuration):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.buf = b""
        self.next_id = 1
        self.on_configuration = on_configuration
        self.notifications: list[dict] = []
        self.config_requests: list[dict] = []

    def send(self, msg: dict) -> None:
        data = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def read(self, timeout: float) -> dict | None:
        deadline = time.time() + timeout
        while True:
            # The header block is the bytes up to the first blank line, and its lines are not
            # empty: with `*` a greedy match ran over a body into the next frame's header whenever
            # two frames were buffered at once, and read the next body with this one's length.
            m = re.match(rb"(?:[^\r\n]+\r\n)*?Content-Length: (\d+)\r\n(?:[^\r\n]+\r\n)*\r\n", self.buf)
            if m:
                n = int(m.group(1))
                start = m.end()
                if len(self.buf) >= start + n:
                    body = self.buf[start : start + n]
                    self.buf = self.buf[start + n :]
                    return json.loads(body)
            left = deadline - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self.buf += chunk

    def handle_server_request(self, msg: dict) -> None:
        method = msg["method"]
        if method == "workspace/configuration":
            self.config_requests.append(msg["params"])
            result = [self.on_configuration(item.get("section")) for item in msg["params"]["items"]]
        else:
            result = None
        self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def request(self, method: str, params, timeout: float = 15) -> dict:
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.time() + timeout
        while time.time() < deadline:
            msg = self.read(deadline - time.time())
            if msg is None:
                break
            if "method" in msg and "id" in msg:
                self.handle_server_request(msg)
            elif "method" in msg:
                self.notifications.append(msg)
            elif msg.get("id") == rid:
                return msg
        raise TimeoutError(f"no reply to {method}")

    def wait_notification(self, pred, timeout: float = 15) -> dict | None:
        deadline = time.time() + timeout
        while True:
            for n in self.notifications:
                if pred(n):
                    return n
            left = deadline - time.time()
            if left <= 0:
                return None
            msg = self.read(left)
            if msg is None:
                return None
            if "method" in msg and "id" in msg:
                self.handle_server_request(msg)
            elif "method" in msg:
                self.notifications.append(msg)

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.proc.wait(5)
        except Exception:
            self.proc.kill()


def smoke(editor: str, cmd: list[str], init_options, on_configuration) -> None:
    """Starts the server as `editor` would and waits for the tip diagnostic."""
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp, "ws")
        (ws / ".git").mkdir(parents=True)
        src = ws / "loader.py"
        text = "import json\n\ndef load(p):\n    try:\n        return json.load(open(p))\n    except Exception:\n        pass\n"
        src.write_text(text)
        env = dict(os.environ, HOME=str(Path(tmp, "home")), XDG_CONFIG_HOME=str(Path(tmp, "config")))
        lsp = Lsp(cmd, env, on_configuration)
        try:
            reply = lsp.request(
                "initialize",
                {
                    "processId": os.getpid(),
                    "rootUri": ws.as_uri(),
                    "workspaceFolders": [{"uri": ws.as_uri(), "name": "ws"}],
                    "capabilities": {
                        "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
                        "textDocument": {"publishDiagnostics": {}, "hover": {"contentFormat": ["markdown"]}},
                        "window": {"workDoneProgress": True},
                    },
                    "initializationOptions": init_options,
                },
            )
            check(f"{editor}: the snippet's command line starts the server", "result" in reply, json.dumps(reply)[:300])
            lsp.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
            lsp.send(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didOpen",
                    "params": {"textDocument": {"uri": src.as_uri(), "languageId": "python", "version": 1, "text": text}},
                }
            )

            def has_tip(n: dict) -> bool:
                return n["method"] == "textDocument/publishDiagnostics" and any(
                    d.get("code") == TIP for d in n["params"].get("diagnostics", [])
                )

            found = lsp.wait_notification(has_tip, timeout=15)
            check(
                f"{editor}: with the snippet's settings the server publishes the test tip",
                found is not None,
                "no diagnostic with code " + TIP + f"; configuration requests: {lsp.config_requests}",
            )
        finally:
            lsp.close()


def strip_jsonc(text: str) -> str:
    """Drops // and /* */ comments outside strings (Zed's settings are JSON with comments)."""
    out, i, in_str = [], 0, False
    while i < len(text):
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def test_helix() -> None:
    path = ROOT / "editors/helix/languages.toml"
    data = tomllib.loads(path.read_text())
    server = data.get("language-server", {}).get("skill-lsp", {})
    check("helix: languages.toml parses and declares language-server.skill-lsp", bool(server), str(data)[:200])
    check("helix: command is skill-lsp serve", server.get("command") == "skill-lsp" and server.get("args") == ["serve"], str(server))
    config = server.get("config", {})
    settings = config.get("skillLsp", {})
    check("helix: config.skillLsp uses only server settings", bool(settings) and not unknown_keys(settings), str(unknown_keys(settings)))
    langs = data.get("language", [])
    check(
        "helix: every [[language]] lists skill-lsp",
        bool(langs) and all("skill-lsp" in lang.get("language-servers", []) for lang in langs),
        str([lang.get("name") for lang in langs if "skill-lsp" not in lang.get("language-servers", [])]),
    )
    # As Helix would: the whole `config` as initializationOptions, sections looked up by path.
    test_config = json.loads(json.dumps(config))
    test_config["skillLsp"].setdefault("skills", {}).update(
        {"builtin": False, "userFolders": False, "paths": [FIXTURE_SKILLS]}
    )
    test_config["skillLsp"]["agent"] = {"provider": "none"}

    def lookup(section):
        value = test_config
        for part in (section or "").split("."):
            if part:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    smoke("helix", [BIN] + server.get("args", []), test_config, lookup)


def test_zed() -> None:
    ext = tomllib.loads((ROOT / "editors/zed/extension.toml").read_text())
    servers = ext.get("language_servers", {})
    check("zed: extension.toml declares language_servers.skill-lsp", "skill-lsp" in servers, str(servers))
    lib = (ROOT / "editors/zed/src/lib.rs").read_text()
    check(
        "zed: the extension answers the skillLsp section and defaults to `serve`",
        '"skillLsp"' in lib and '"serve"' in lib and "register_extension!" in lib,
        "",
    )
    settings_text = strip_jsonc((ROOT / "editors/zed/settings.json").read_text())
    try:
        settings = json.loads(settings_text)
    except json.JSONDecodeError as e:
        check("zed: settings.json parses (JSON with comments)", False, str(e))
        return
    check("zed: settings.json parses (JSON with comments)", True)
    lsp = settings.get("lsp", {}).get("skill-lsp", {})
    binary = lsp.get("binary", {})
    check("zed: binary arguments are [serve]", binary.get("arguments") == ["serve"], str(binary))
    server_settings = lsp.get("settings", {})
    check("zed: lsp.skill-lsp.settings uses only server settings", not unknown_keys(server_settings), str(unknown_keys(server_settings)))
    langs = settings.get("languages", {})
    check(
        "zed: languages keep their servers and add skill-lsp",
        bool(langs) and all(v.get("language_servers", [None])[0] == "..." and "skill-lsp" in v.get("language_servers", []) for v in langs.values()),
        str(langs),
    )
    ours = json.loads(json.dumps(server_settings))
    ours.setdefault("skills", {}).update({"builtin": False, "userFolders": False, "paths": [FIXTURE_SKILLS]})
    ours["agent"] = {"provider": "none"}
    smoke("zed", [BIN] + binary.get("arguments", []), ours, lambda section: ours if section == "skillLsp" else {"skillLsp": ours})


def main() -> int:
    which = sys.argv[1] if len(sys.argv) > 1 else ""
    if which == "helix":
        test_helix()
    elif which == "zed":
        test_zed()
    else:
        print(__doc__)
        return 2
    print(f"{which}: {passes} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
