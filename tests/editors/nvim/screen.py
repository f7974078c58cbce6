#!/usr/bin/env python3
"""Neovim on a real screen (tmux): what a user sees, not what the API reports.

    python3 tests/editors/nvim/screen.py NVIM        (server: $SKILL_LSP_BIN)

Starts Neovim in a tmux pane with the plugin from editors/nvim and the loopback fake agent, runs
`:%SkillLspAsk` with a reply streamed over about four seconds, and reads the pane with
`tmux capture-pane` until it shows:
  * the progress line in the command line (`skill-lsp: rewrite · received ...`), by default;
  * the end of the run (`skill-lsp: rewrite applied`, or the server's `rewrite · applied · N B`)
    and the rewritten code;
then writes a broken `.skill-lsp.yaml` and checks that `:checkhealth skill_lsp` shows the failing
doctor as an ERROR. One line per check; the last line is "N passed, N failed".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SOURCE = """import json


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except Exception:
        pass
"""

INIT = r"""
vim.opt.rtp:prepend(%(plugin)s)
vim.cmd('runtime! plugin/skill_lsp.lua')
vim.o.shortmess = vim.o.shortmess .. 'I'
vim.lsp.config('skill_lsp', {
  cmd = { %(bin)s, 'serve' },
  cmd_env = { HOME = %(home)s, XDG_CONFIG_HOME = %(config)s },
  settings = { skillLsp = {
    skills = { builtin = false, userFolders = false, paths = { %(skills)s } },
    agent = { provider = 'openai', endpoint = %(endpoint)s, model = 'fake-model', retries = 0 },
  } },
})
vim.lsp.enable('skill_lsp')
vim.api.nvim_create_autocmd('LspAttach', { callback = function(args)
  local c = vim.lsp.get_client_by_id(args.data.client_id)
  if c and c.name == 'skill_lsp' then
    vim.fn.writefile({ 'attached' }, %(marker)s)
  end
end })
"""

passed = failed = 0


def check(name: str, ok: bool, detail: str = "") -> None:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   - {name}", flush=True)
    else:
        failed += 1
        print(f"FAIL - {name}\n{detail}", flush=True)


def main() -> int:
    nvim = sys.argv[1] if len(sys.argv) > 1 else "nvim"
    binary = os.environ.get("SKILL_LSP_BIN", os.path.join(ROOT, "target/debug/skill-lsp"))
    if shutil.which("tmux") is None:
        print("FAIL - tmux is not installed\n0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="skill-lsp-nvim-screen-")
    ws = os.path.join(tmp, "ws")
    os.makedirs(os.path.join(ws, ".git"))
    os.makedirs(os.path.join(tmp, "home"))
    src = os.path.join(ws, "loader.py")
    with open(src, "w") as f:
        f.write(SOURCE)
    fake = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "tests/editors/fake_agent.py"), "--max-seconds", "120"],
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(fake.stdout.readline().split()[1])
    marker = os.path.join(tmp, "attached")
    init = os.path.join(tmp, "init.lua")
    with open(init, "w") as f:
        f.write(
            INIT
            % {k: json.dumps(v) for k, v in {
                "plugin": os.path.join(ROOT, "editors/nvim"),
                "bin": binary,
                "home": os.path.join(tmp, "home"),
                "config": os.path.join(tmp, "config"),
                "skills": os.path.join(ROOT, "tests/editors/fixtures/skills"),
                "endpoint": f"http://127.0.0.1:{port}/v1",
                "marker": marker,
            }.items()}
        )
    session = f"skill-lsp-screen-{os.getpid()}"
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"), TERM="xterm-256color")

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True, env=env).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", session)

    def wait_screen(pred, seconds: float = 20.0) -> tuple[bool, str]:
        deadline = time.time() + seconds
        text = ""
        while time.time() < deadline:
            text = screen()
            if pred(text):
                return True, text
            time.sleep(0.05)
        return False, text

    try:
        tmux(
            "new-session", "-d", "-s", session, "-x", "160", "-y", "40", "-c", ws,
            f"{nvim} --clean -u {init} {src}",
        )
        deadline = time.time() + 30
        while not os.path.exists(marker) and time.time() < deadline:
            time.sleep(0.1)
        check("the client attaches in a real terminal", os.path.exists(marker), screen())
        time.sleep(0.5)
        tmux("send-keys", "-t", session, ":%SkillLspAsk [[fake:steady]] name the exceptions", "Enter")
        ok, text = wait_screen(lambda t: "skill-lsp: rewrite · received" in t)
        check("progress is visible in the command line while the agent streams", ok, text)
        # The plugin's closing line or the server's progress end, whichever was drawn last.
        ok, text = wait_screen(
            lambda t: "skill-lsp: rewrite applied" in t or "skill-lsp: rewrite · applied" in t
        )
        check("the end of the run says what happened (rewrite applied)", ok, text)
        check("the rewrite is on screen", "raise LoadError(path) from exc" in text or "except (OSError" in text, text)

        with open(os.path.join(ws, ".skill-lsp.yaml"), "w") as f:
            f.write("tips:\n  sevrity: warning\n")
        tmux("send-keys", "-t", session, "Escape", ":checkhealth skill_lsp", "Enter")
        # Neovim may conceal the markdown backticks of "`skill-lsp doctor` failed".
        ok, text = wait_screen(lambda t: "doctor failed (exit 1)" in t.replace("`", ""), 40)
        check(":checkhealth skill_lsp shows the failing doctor", ok, text)
        line = next((l for l in text.splitlines() if "doctor failed" in l.replace("`", "")), "")
        check("... as an ERROR", "ERROR" in line, text)
    finally:
        tmux("kill-session", "-t", session)
        fake.terminate()
        if os.environ.get("E2E_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
