//! What the peer benches share (benches/peers.rs, benches/memory.rs): the pinned peers installed
//! from PyPI, the generated Python documents, the workspace, and how each server is started.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const RUFF: &str = "ruff==0.17.6";
pub const AST_GREP: &str = "ast-grep-cli==0.51.1";

/// One block of ordinary Python (35 lines) with a bare `except:` (a skill-lsp tip, ruff's E722,
/// the ast-grep rule below) and an `== None` (ruff's E711).
pub fn block(n: usize) -> String {
    format!(
        r#"import os
import json
import subprocess


class Service{n}:
    """Loads and stores records for service {n}."""

    def __init__(self, path):
        self.path = path
        self.items = {{}}

    def load(self):
        try:
            with open(self.path) as f:
                self.items = json.load(f)
        except:
            self.items = {{}}
        return self.items

    def save(self, data):
        if data == None:
            return False
        with open(self.path, "w") as f:
            json.dump(data, f)
        return True


def helper_{n}(values):
    total = 0
    for v in values:
        total += v
    return total


"#
    )
}

pub const BLOCK_LINES: usize = 35;
/// Line of `except:` inside a block, and of `total = 0`.
pub const EXCEPT_LINE: usize = 16;
pub const TOTAL_LINE: usize = 29;

/// Flip `    total = 0` <-> `    total = 1` on `line` of `text` (one character, at column 12):
/// the edit both benches make.
pub fn toggle_total(text: &mut String, line: usize) -> (usize, &'static str) {
    let col = 12;
    let start: usize = text.lines().take(line).map(|l| l.len() + 1).sum::<usize>() + col;
    let new = if &text[start..start + 1] == "0" {
        "1"
    } else {
        "0"
    };
    text.replace_range(start..start + 1, new);
    (col, new)
}

pub fn document(lines: usize) -> String {
    (0..lines / BLOCK_LINES).map(block).collect()
}

pub fn venv() -> PathBuf {
    if let Ok(v) = std::env::var("PEERS_VENV") {
        return PathBuf::from(v);
    }
    let v = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers/venv");
    if !v.join("bin/ruff").exists() || !v.join("bin/ast-grep").exists() {
        eprintln!("installing {RUFF} and {AST_GREP} into {}", v.display());
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&v)
            .status()
            .is_ok_and(|s| s.success())
            && Command::new(v.join("bin/pip"))
                .args(["install", "-q", RUFF, AST_GREP])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok,
            "could not install the peers (python3 -m venv, pip install)"
        );
    }
    v
}

/// A scratch folder holding the workspace (see [`workspace`], canonicalised) and an empty home
/// for the servers: the folder lives as long as the returned guard.
pub fn scratch_workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let ws = scratch.path().join("ws");
    let home = scratch.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    workspace(&ws);
    let ws = ws.canonicalize().unwrap();
    (scratch, ws, home)
}

/// A workspace with the documents and an ast-grep config whose one rule is the bare `except:`.
pub fn workspace(dir: &Path) {
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(dir.join("sgconfig.yml"), "ruleDirs: [rules]\n").unwrap();
    std::fs::write(
        dir.join("rules/bare-except.yml"),
        "id: bare-except\nlanguage: python\nseverity: warning\nmessage: Catch what you expect, not everything.\nrule:\n  kind: except_clause\n  regex: '^except\\s*:'\n",
    )
    .unwrap();
    std::fs::write(dir.join("big.py"), document(10_000)).unwrap();
    for i in 0..10 {
        std::fs::write(dir.join(format!("doc_{i}.py")), document(1_000)).unwrap();
    }
}

/// skill-lsp started in `ws` with `home` as its home, config and cache folders;
/// `PEERS_WRAP="valgrind --tool=callgrind"` (or `heaptrack`) runs it under a profiler.
pub fn ours(ws: &Path, home: &Path) -> Command {
    let wrap: Vec<String> = std::env::var("PEERS_WRAP")
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut ours = match wrap.split_first() {
        Some((prog, args)) => {
            let mut c = Command::new(prog);
            c.args(args).arg(env!("CARGO_BIN_EXE_skill-lsp"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_skill-lsp")),
    };
    ours.current_dir(ws)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"));
    ours
}

/// `ruff server` from the venv.
pub fn ruff(venv: &Path, ws: &Path, home: &Path) -> Command {
    let mut ruff = Command::new(venv.join("bin/ruff"));
    ruff.arg("server").current_dir(ws).env("HOME", home);
    ruff
}

/// `ast-grep lsp` from the venv.
pub fn ast_grep(venv: &Path, ws: &Path, home: &Path) -> Command {
    let mut sg = Command::new(venv.join("bin/ast-grep"));
    sg.arg("lsp").current_dir(ws).env("HOME", home);
    sg
}

/// What `<venv>/bin/<bin> --version` prints.
pub fn version(venv: &Path, bin: &str) -> String {
    Command::new(venv.join("bin").join(bin))
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
