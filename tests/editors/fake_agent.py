#!/usr/bin/env python3
"""A loopback fake of an OpenAI-compatible Chat Completions API, for the editor tests.

It binds 127.0.0.1 on an ephemeral port, prints `PORT <n>` on its first stdout line, and answers
`POST /v1/chat/completions` with a scripted reply, streamed as Server-Sent Events when the request
asks for `"stream": true` (`data: {"choices":[{"delta":{"content":"..."}}]}` lines, then
`data: [DONE]`), or as one JSON body otherwise. `GET /v1/models` lists one model.

The reply is chosen by the request text (every message's content, joined):
  * `[[fake:slow]]` anywhere: a long reply streamed one chunk every 0.2 s (for cancel tests);
  * `[[fake:steady]]`: the usual reply (below), one chunk every 0.2 s (progress on a screen);
  * `[[fake:error]]`: HTTP 500;
  * a prompt with a "Selected code ... replace" section (skill-lsp's rewrite prompt): a
    deterministic "fix" of that code, as one fenced block: every `except Exception:` line becomes
    `except (OSError, json.JSONDecodeError) as exc:` and a `pass` right under it becomes
    `raise LoadError(path) from exc`; everything else is kept, so the expected buffer is known
    whatever range the server chose;
  * a prompt with another "Selected code" section (explain, review): a markdown explanation;
  * otherwise the fixed rewrite reply below (a sentence, then the whole rewritten `load()`).
Every reply contains the marker FAKE-AGENT-REPLY, outside the code (in the sentence before the
block, or in the markdown), so a test can find it in an opened document.

Every request is appended to the JSON-lines log given with `--log` as
`{"event": "request", "path", "body"}`; a stream that the client dropped before the end is logged
as `{"event": "aborted", "chunks": n}` and a finished one as `{"event": "done", "chunks": n}`, so
a test can tell that cancelling really closed the connection.

It stops by itself after `--max-seconds` (default 300) so a crashed test never leaves it behind.
Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The code the fake "agent" proposes for the rewrite of `load()` in the test workspace.
REWRITE_CODE = """def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as exc:
        raise LoadError(path) from exc
"""

REWRITE_REPLY = (
    "Catch only the errors you expect and keep the cause (FAKE-AGENT-REPLY).\n\n"
    "```python\n" + REWRITE_CODE + "```\n"
)

EXPLAIN_REPLY = (
    "## FAKE-AGENT-REPLY\n\n"
    "This code catches every exception and drops it (`except Exception: pass`), which the skill "
    "`e2e-python-errors` (section *Never swallow exceptions*) advises against: catch "
    "`OSError` and `json.JSONDecodeError` and re-raise with `from exc`.\n"
)

SELECTED = re.compile(r"#+ *Selected code([^\n]*)\n+```[\w+-]*\n(.*?)\n?```", re.S)


def fix_code(code: str) -> str:
    """The fake agent's deterministic fix: name the exceptions and keep the cause."""
    lines = code.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)except\s+Exception\s*:\s*$", lines[i])
        if m:
            out.append(f"{m.group(1)}except (OSError, json.JSONDecodeError) as exc:")
            if i + 1 < len(lines) and re.match(r"^\s*pass\s*$", lines[i + 1]):
                indent = re.match(r"^(\s*)", lines[i + 1]).group(1)
                out.append(f"{indent}raise LoadError(path) from exc")
                i += 2
                continue
            i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def reply_for(text: str) -> str:
    m = SELECTED.search(text)
    if m and "replace" in m.group(1).lower():
        return "Named the exceptions and kept the cause (FAKE-AGENT-REPLY).\n\n```python\n" + fix_code(m.group(2)) + "\n```\n"
    if m:
        return EXPLAIN_REPLY
    return REWRITE_REPLY


SLOW_CHUNKS = 150  # 150 chunks x 0.2 s = 30 s: far longer than any cancel test waits.

LOG_LOCK = threading.Lock()


def log_event(path: str | None, event: dict) -> None:
    if not path:
        return
    with LOG_LOCK:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(event) + "\n")


def request_text(body: dict) -> str:
    parts = []
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            for piece in content:
                if isinstance(piece, dict) and isinstance(piece.get("text"), str):
                    parts.append(piece["text"])
    if isinstance(body.get("system"), str):
        parts.append(body["system"])
    return "\n".join(parts)


def split_chunks(text: str, size: int = 12) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-agent/1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if self.server.verbose:  # type: ignore[attr-defined]
            sys.stderr.write("fake-agent: " + (format % args) + "\n")

    def send_json(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.rstrip("/").endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})
        else:
            self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self.send_json(400, {"error": {"message": "bad json"}})
            return
        log_path = self.server.log_path  # type: ignore[attr-defined]
        log_event(log_path, {"event": "request", "path": self.path, "body": body})
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not found"}})
            return

        text = request_text(body)
        if "[[fake:error]]" in text:
            self.send_json(500, {"error": {"message": "scripted failure"}})
            return
        slow = "[[fake:slow]]" in text
        if slow:
            chunks = [f"slow chunk {i}\n" for i in range(SLOW_CHUNKS)]
            delay = 0.2
        else:
            chunks = split_chunks(reply_for(text))
            # `[[fake:steady]]`: the usual reply, slowly enough (about 4 s) for a screen to show it.
            delay = 0.2 if "[[fake:steady]]" in text else 0.02

        if not body.get("stream"):
            if slow:
                time.sleep(SLOW_CHUNKS * delay)
            self.send_json(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "model": body.get("model") or "fake-model",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": "".join(chunks)},
                            "finish_reason": "stop",
                        }
                    ],
                },
            )
            log_event(log_path, {"event": "done", "chunks": 1})
            return

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = 0
        try:
            first = {"id": "chatcmpl-fake", "choices": [{"index": 0, "delta": {"role": "assistant"}}]}
            self.wfile.write(f"data: {json.dumps(first)}\n\n".encode())
            self.wfile.flush()
            for piece in chunks:
                event = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                }
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.flush()
                sent += 1
                time.sleep(delay)
            last = {"id": "chatcmpl-fake", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n".encode())
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            log_event(log_path, {"event": "aborted", "chunks": sent})
            return
        log_event(log_path, {"event": "done", "chunks": sent})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--log", help="append one JSON line per event here")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.log_path = args.log  # type: ignore[attr-defined]
    server.verbose = args.verbose  # type: ignore[attr-defined]
    print(f"PORT {server.server_address[1]}", flush=True)

    def watchdog() -> None:
        time.sleep(args.max_seconds)
        sys.stderr.write("fake-agent: --max-seconds reached, exiting\n")
        os._exit(0)

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
