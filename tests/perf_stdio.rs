//! Responsiveness over the real binary (issues 11 and 14): a megabyte line with thousands of hits
//! is diagnosed (up to the line cap, with a note) instead of freezing the server, a small file's
//! hover and diagnostics are answered while a big one is analysed, and `initialize` answers
//! before the library has loaded while early requests still get the right answer.
//!
//! No timings are asserted (figures live in `benches/`): only that answers arrive, and in which
//! order.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/frames.rs"]
mod frames;

use frames::{frame, read_msg};

/// Generous: a debug build on a loaded two-core machine.
const WAIT: Duration = Duration::from_secs(120);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    _home: tempfile::TempDir,
    root: std::path::PathBuf,
    _ws: tempfile::TempDir,
}

impl Client {
    fn start() -> Client {
        let home = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        let root = ws.path().canonicalize().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn skill-lsp");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            while let Some(m) = read_msg(&mut out) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            _home: home,
            root,
            _ws: ws,
        }
    }

    fn send(&mut self, v: Value) {
        self.stdin.write_all(&frame(&v)).unwrap();
        self.stdin.flush().unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server; server requests are answered (and returned too).
    fn next(&mut self) -> Value {
        let m = match self.rx.recv_timeout(WAIT) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {WAIT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        };
        if m.get("id").is_some() && m.get("method").is_some() {
            let result = match m["method"].as_str().unwrap() {
                "workspace/configuration" => json!([null]),
                _ => Value::Null,
            };
            self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": result}));
        }
        m
    }

    fn response(&mut self, id: i64) -> Value {
        loop {
            let m = self.next();
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn uri(&self, rel: &str) -> String {
        format!("file://{}/{rel}", self.root.display())
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let root = format!("file://{}", self.root.display());
        let id = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": capabilities,
                   "workspaceFolders": [{"uri": root, "name": "ws"}]}),
        );
        let r = self.response(id);
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, rel: &str, lang: &str, text: &str) -> String {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
        uri
    }

    fn hover(&mut self, uri: &str, line: u32, character: u32) -> i64 {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    fn stop(mut self) {
        let id = self.request("shutdown", Value::Null);
        self.response(id);
        self.notify("exit", Value::Null);
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < WAIT, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn is_diagnostics_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn hover_text(r: &Value) -> String {
    r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

const UNIT: &str = "if(a==b){console.log(x)};";

#[test]
fn a_megabyte_line_of_hits_is_diagnosed_up_to_the_cap_with_a_note() {
    let mut c = Client::start();
    // A megabyte line is a minified file, which tips leave alone by default: opt in, so the
    // engine's own line cap is what this test exercises.
    std::fs::write(
        c.root.join(".skill-lsp.yaml"),
        "tips:\n  includeVendored: true\n",
    )
    .unwrap();
    c.initialize(json!({}));
    let line = UNIT.repeat(1_000_000 / UNIT.len());
    let uri = c.open("src/bundle.js", "javascript", &line);
    let diags = loop {
        let m = c.next();
        if is_diagnostics_for(&m, &uri) {
            break m["params"]["diagnostics"].as_array().unwrap().clone();
        }
    };
    let note = diags
        .iter()
        .find(|d| d["code"] == "skill-lsp/tips-limited")
        .unwrap_or_else(|| {
            panic!(
                "a note says the line was too long to check: {}",
                serde_json::to_string(&diags.iter().take(3).collect::<Vec<_>>()).unwrap()
            )
        });
    let msg = note["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("line 1 is {} bytes long", line.len()))
            && msg.contains("first 65536 bytes"),
        "{msg}"
    );
    let loose: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "javascript/loose-equality")
        .collect();
    assert!(!loose.is_empty(), "hits before the cap are reported");
    for d in &loose {
        assert!(d["range"]["start"]["character"].as_u64().unwrap() < 65_536);
    }
    // A hover on a hit is a tip; past the cap it is the note, not silence.
    let id = c.hover(&uri, 0, 4);
    let h = c.response(id);
    assert!(hover_text(&h).contains("javascript/loose-equality"), "{h}");
    let id = c.hover(&uri, 0, 900_000);
    let h = c.response(id);
    let t = hover_text(&h);
    assert!(
        t.contains("line 1 is") && t.contains("tips check only its first 65536 bytes"),
        "{h}"
    );
    c.stop();
}

#[test]
fn a_small_file_is_answered_while_a_big_one_is_analysed() {
    let mut c = Client::start();
    c.initialize(json!({}));
    // Eight megabytes of lines with hits: the search runs to its findings cap.
    let big_text = format!("{UNIT}\n").repeat(8_000_000 / (UNIT.len() + 1));
    let big = c.open("src/big.js", "javascript", &big_text);
    // A hover on the big file too: it must not hold up the small one either.
    let big_hover = c.hover(&big, 5000, 4);
    let small = c.open("Dockerfile", "dockerfile", "FROM node:latest\n");
    let small_hover = c.hover(&small, 0, 12);
    let mut order = Vec::new();
    let mut small_hover_text = String::new();
    while !order.contains(&"big diagnostics") {
        let m = c.next();
        if m["id"] == json!(small_hover) && m.get("method").is_none() {
            small_hover_text = hover_text(&m);
            order.push("small hover");
        } else if m["id"] == json!(big_hover) && m.get("method").is_none() {
            order.push("big hover");
        } else if is_diagnostics_for(&m, &small) {
            assert!(
                m["params"]["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == "docker/latest-tag"),
                "{m}"
            );
            order.push("small diagnostics");
        } else if is_diagnostics_for(&m, &big) {
            let d = m["params"]["diagnostics"].as_array().unwrap();
            assert!(
                d.iter().any(|d| d["code"] == "skill-lsp/tips-limited"
                    && d["message"].as_str().unwrap().contains("stopped after")),
                "the findings cap is said"
            );
            order.push("big diagnostics");
        }
    }
    assert!(
        small_hover_text.contains("docker/latest-tag"),
        "{small_hover_text}"
    );
    let pos = |what| order.iter().position(|o| *o == what);
    let big_done = pos("big diagnostics").unwrap();
    assert!(
        pos("small hover").is_some_and(|p| p < big_done),
        "the small file's hover waited for the big file: {order:?}"
    );
    assert!(
        pos("small diagnostics").is_some_and(|p| p < big_done),
        "the small file's diagnostics waited for the big file: {order:?}"
    );
    c.stop();
}

#[test]
fn initialize_answers_before_the_library_loads_and_early_requests_get_the_right_answer() {
    let mut c = Client::start();
    let caps = json!({"window": {"workDoneProgress": true}});
    let init = c.initialize(caps);
    assert_eq!(init["result"]["serverInfo"]["name"], "skill-lsp");
    // Straight after initialize: a document, a hover and a command that all need the library.
    let uri = c.open("Dockerfile", "dockerfile", "FROM node:latest\n");
    let hover = c.hover(&uri, 0, 12);
    let skills = c.request(
        "workspace/executeCommand",
        json!({"command": "skill-lsp.skillsForFile", "arguments": [uri]}),
    );
    let mut seen = Vec::new();
    let mut progress = Vec::new();
    while seen.len() < 3 {
        let m = c.next();
        if m["method"] == "window/workDoneProgress/create" {
            progress.push("create".to_string());
        } else if m["method"] == "$/progress" {
            let v = &m["params"]["value"];
            progress.push(format!(
                "{} {}",
                v["kind"].as_str().unwrap(),
                v["title"].as_str().or(v["message"].as_str()).unwrap_or("")
            ));
        } else if m["id"] == json!(hover) && m.get("method").is_none() {
            assert!(hover_text(&m).contains("docker/latest-tag"), "{m}");
            seen.push("hover");
        } else if m["id"] == json!(skills) && m.get("method").is_none() {
            let names: Vec<&str> = m["result"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap())
                .collect();
            assert!(names.contains(&"docker"), "{m}");
            seen.push("skills");
        } else if is_diagnostics_for(&m, &uri) {
            let d = m["params"]["diagnostics"].as_array().unwrap();
            assert!(d.iter().any(|d| d["code"] == "docker/latest-tag"), "{m}");
            seen.push("diagnostics");
        }
    }
    // The load (tens of milliseconds at least) was still running when `initialized` came.
    assert_eq!(
        progress.first().map(String::as_str),
        Some("create"),
        "{progress:?}"
    );
    assert_eq!(
        progress.get(1).map(String::as_str),
        Some("begin Loading skills")
    );
    let end = progress.get(2).expect("the progress ends");
    assert!(
        end.starts_with("end ") && end.ends_with(" skills"),
        "{progress:?}"
    );
    c.stop();
}

#[test]
fn a_big_document_opened_before_the_library_loads_gets_the_diagnostics_of_a_later_open() {
    // Opened straight after `initialize`, while the library loads: a big document's first
    // search waits for the load and compiles the Python tips beside its parse. Its diagnostics
    // must be those the same text gets once everything is loaded and compiled.
    let block = "import subprocess\n\n\ndef run(cmd):\n    try:\n        subprocess.run(\n            cmd,\n            shell=True,\n        )\n    except:\n        pass\n\n\n";
    let text = block.repeat(64 * 1024 / block.len() + 1);
    let mut c = Client::start();
    c.initialize(json!({}));
    let early = c.open("early.py", "python", &text);
    let codes = |m: &Value| -> Vec<(String, Value)> {
        m["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_string(),
                    d["range"].clone(),
                )
            })
            .collect()
    };
    let first = loop {
        let m = c.next();
        if is_diagnostics_for(&m, &early) {
            break codes(&m);
        }
    };
    let late = c.open("late.py", "python", &text);
    let second = loop {
        let m = c.next();
        if is_diagnostics_for(&m, &late) {
            break codes(&m);
        }
    };
    assert_eq!(first, second);
    assert!(
        first.iter().any(|(code, _)| code.ends_with("bare-except")),
        "{first:?}"
    );
    assert!(
        first.iter().any(|(code, _)| code.ends_with("shell-true")),
        "{first:?}"
    );
    c.stop();
}
