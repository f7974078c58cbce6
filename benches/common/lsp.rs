//! A small blocking LSP client for the benches that drive real servers over stdio (ours and the
//! peers'): one reader thread stamps every message with its arrival time, server requests are
//! answered (`workspace/configuration` with nulls, the rest with `null`).
#![allow(dead_code)]

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../../tests/common/frames.rs"]
mod frames;

use frames::{frame, read_msg};

pub struct Server {
    pub name: String,
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Messages read while waiting for something else.
    stash: Vec<(Instant, Value)>,
}

/// How long any wait may take before the bench gives up on that server.
pub const WAIT: Duration = Duration::from_secs(120);

impl Server {
    pub fn spawn(name: &str, cmd: &mut Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {name}: {e}"));
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_msg(&mut out) {
                if tx.send((Instant::now(), m)).is_err() {
                    break;
                }
            }
        });
        Server {
            name: name.to_string(),
            child,
            stdin,
            rx,
            next_id: 1,
            stash: Vec::new(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&mut self, v: &Value) {
        self.stdin.write_all(&frame(v)).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Send a request; returns its id and when it was written.
    pub fn request(&mut self, method: &str, params: Value) -> (i64, Instant) {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        let bytes = frame(&msg);
        let t = Instant::now();
        self.stdin.write_all(&bytes).unwrap();
        self.stdin.flush().unwrap();
        (id, t)
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Instant {
        let bytes = frame(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
        let t = Instant::now();
        self.stdin.write_all(&bytes).unwrap();
        self.stdin.flush().unwrap();
        t
    }

    fn recv(&mut self) -> Option<(Instant, Value)> {
        let (t, m) = self.rx.recv_timeout(WAIT).ok()?;
        if m.get("id").is_some() && m.get("method").is_some() {
            let result = match m["method"].as_str().unwrap_or("") {
                "workspace/configuration" => {
                    let n = m["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![Value::Null; n])
                }
                _ => Value::Null,
            };
            self.send(&json!({"jsonrpc": "2.0", "id": m["id"], "result": result}));
        }
        Some((t, m))
    }

    /// The first message (stashed or new) matching `pred`, with its arrival time.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Option<(Instant, Value)> {
        if let Some(i) = self.stash.iter().position(|(_, m)| pred(m)) {
            return Some(self.stash.remove(i));
        }
        loop {
            let (t, m) = self.recv()?;
            if pred(&m) {
                return Some((t, m));
            }
            self.stash.push((t, m));
            if self.stash.len() > 10_000 {
                self.stash.drain(..5_000);
            }
        }
    }

    pub fn response(&mut self, id: i64) -> Option<(Instant, Value)> {
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The next `publishDiagnostics` for `uri` (and `version` when the server sends one).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Option<(Instant, Value)> {
        let uri = uri.to_string();
        self.wait(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && match (version, m["params"]["version"].as_i64()) {
                    (Some(want), Some(got)) => got >= want,
                    _ => true,
                }
        })
    }

    /// Forget messages received so far (a fresh wait sees only new ones).
    pub fn drain(&mut self) {
        while let Ok(m) = self.rx.try_recv() {
            let (_, v) = &m;
            if v.get("id").is_some() && v.get("method").is_some() {
                self.send(&json!({"jsonrpc": "2.0", "id": v["id"], "result": null}));
            }
        }
        self.stash.clear();
    }

    pub fn initialize(&mut self, root: &Path) -> (Duration, Value) {
        let uri = file_uri(root);
        let (id, t) = self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "ws"}],
                "capabilities": client_capabilities(),
            }),
        );
        let (at, r) = self.response(id).expect("initialize answered");
        self.notify("initialized", json!({}));
        (at - t, r)
    }

    pub fn open(&mut self, uri: &str, lang: &str, version: i64, text: &str) -> Instant {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": version, "text": text}}),
        )
    }

    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> (Duration, Value) {
        let (id, t) = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        let (at, r) = self.response(id).expect("hover answered");
        (at - t, r)
    }

    /// Resident memory, KiB.
    pub fn rss_kib(&self) -> u64 {
        rss_kib(self.pid()).unwrap_or(0)
    }

    /// Resident memory as (anonymous, file-backed), KiB.
    pub fn rss_split_kib(&self) -> (u64, u64) {
        rss_split_kib(self.pid()).unwrap_or((0, 0))
    }

    pub fn stop(mut self) {
        if let Some((id, _)) = Some(self.request("shutdown", Value::Null)) {
            let _ = self.response(id);
        }
        self.notify("exit", Value::Null);
        let start = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() {
            if start.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Our release binary, started in `ws` with `home` as its home, config and cache folders (so the
/// user's own skills and settings stay out of the figures).
pub fn skill_lsp_command(ws: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_skill-lsp"));
    cmd.current_dir(ws)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"));
    cmd
}

/// What every server is told the client supports: the same for all of them.
pub fn client_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "textDocument": {
            "synchronization": {"didSave": true, "dynamicRegistration": false},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}
        },
        "workspace": {"configuration": true, "workspaceFolders": true}
    })
}

pub fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Resident memory split: (anonymous: heap and stacks, file-backed: the mapped binary and
/// libraries), KiB.
pub fn rss_split_kib(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    Some((
        field("RssAnon:")?,
        field("RssFile:")? + field("RssShmem:").unwrap_or(0),
    ))
}

pub fn median(v: &[Duration]) -> Duration {
    pct(v, 0.5)
}

pub fn pct(v: &[Duration], p: f64) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}
