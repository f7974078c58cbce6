#!/usr/bin/env python3
"""Renders `tmux capture-pane -e -p` output (text with SGR escapes) as an HTML page.

usage: ansi2html.py CAPTURE.txt OUT.html [--cols N] [--title T]

Understands what Neovim in tmux emits: SGR reset, bold, italic, underline (plain and curly),
reverse, 16/256/truecolor foreground and background. The page is a fixed-size grid of
monospace cells, so a headless browser screenshot of it looks like the terminal.
"""

from __future__ import annotations

import argparse
import html
import re

BASE16 = [
    "#1e1e2e", "#f38ba8", "#a6e3a1", "#f9e2af", "#89b4fa", "#f5c2e7", "#94e2d5", "#bac2de",
    "#585b70", "#f38ba8", "#a6e3a1", "#f9e2af", "#89b4fa", "#f5c2e7", "#94e2d5", "#a6adc8",
]
DEFAULT_FG = "#e0e2ea"
DEFAULT_BG = "#14161b"


def xterm256(n: int) -> str:
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.fg = None
        self.bg = None
        self.bold = self.italic = self.underline = self.undercurl = self.reverse = False

    def css(self) -> str:
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        parts = [f"color:{fg}", f"background:{bg}"]
        if self.bold:
            parts.append("font-weight:bold")
        if self.italic:
            parts.append("font-style:italic")
        if self.undercurl:
            parts.append("text-decoration:underline wavy")
        elif self.underline:
            parts.append("text-decoration:underline")
        return ";".join(parts)

    def apply(self, params: list[str]) -> None:
        i = 0
        if not params:
            params = ["0"]
        while i < len(params):
            p = params[i]
            sub = p.split(":")
            code = int(sub[0] or 0)
            if code == 0:
                self.reset()
            elif code == 1:
                self.bold = True
            elif code == 3:
                self.italic = True
            elif code == 4:
                if len(sub) > 1 and sub[1] == "3":
                    self.undercurl = True
                elif len(sub) > 1 and sub[1] == "0":
                    self.underline = self.undercurl = False
                else:
                    self.underline = True
            elif code == 7:
                self.reverse = True
            elif code == 22:
                self.bold = False
            elif code == 23:
                self.italic = False
            elif code == 24:
                self.underline = self.undercurl = False
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.fg = BASE16[code - 30]
            elif 90 <= code <= 97:
                self.fg = BASE16[code - 90 + 8]
            elif 40 <= code <= 47:
                self.bg = BASE16[code - 40]
            elif 100 <= code <= 107:
                self.bg = BASE16[code - 100 + 8]
            elif code == 39:
                self.fg = None
            elif code == 49:
                self.bg = None
            elif code in (38, 48, 58):
                color = None
                if len(sub) > 1:  # colon form 38:2::r:g:b or 38:5:n
                    vals = [v for v in sub[1:]]
                    if vals[0] == "5":
                        color = xterm256(int(vals[1]))
                    elif vals[0] == "2":
                        rgb = [int(v) for v in vals[1:] if v != ""][-3:]
                        color = "#%02x%02x%02x" % tuple(rgb)
                else:
                    mode = params[i + 1] if i + 1 < len(params) else ""
                    if mode == "5":
                        color = xterm256(int(params[i + 2]))
                        i += 2
                    elif mode == "2":
                        color = "#%02x%02x%02x" % tuple(int(v) for v in params[i + 2 : i + 5])
                        i += 4
                if code == 38:
                    self.fg = color
                elif code == 48:
                    self.bg = color
            i += 1


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER = re.compile(r"\x1b(?:\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Za-z0-9])")


def render(text: str, cols: int) -> str:
    style = Style()
    lines_html = []
    for line in text.split("\n"):
        out = []
        width = 0
        pos = 0
        for m in SGR.finditer(line):
            chunk = OTHER.sub("", line[pos : m.start()])
            if chunk:
                out.append(f'<span style="{style.css()}">{html.escape(chunk)}</span>')
                width += len(chunk)
            style.apply([p for p in m.group(1).split(";")] if m.group(1) else [])
            pos = m.end()
        chunk = OTHER.sub("", line[pos:])
        if chunk:
            out.append(f'<span style="{style.css()}">{html.escape(chunk)}</span>')
            width += len(chunk)
        if width < cols:
            # tmux does not emit trailing blanks: pad with the current background.
            out.append(f'<span style="{Style().css()}">{" " * (cols - width)}</span>')
        lines_html.append("".join(out))
    return "\n".join(lines_html)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("capture")
    ap.add_argument("out")
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--title", default="Neovim")
    args = ap.parse_args()
    text = open(args.capture, encoding="utf-8", errors="replace").read().rstrip("\n")
    body = render(text, args.cols)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(args.title)}</title>
<style>
html, body {{ margin: 0; background: {DEFAULT_BG}; }}
pre {{ margin: 0; padding: 8px; font: 15px/1.3 'DejaVu Sans Mono', 'Liberation Mono', monospace;
      color: {DEFAULT_FG}; white-space: pre; }}
</style></head><body><pre>{body}</pre></body></html>"""
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
