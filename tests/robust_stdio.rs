//! The real binary over stdio under protocol abuse and awkward shutdowns: every malformed frame is
//! answered and the next request still served; the process always ends soon after `exit`, end of
//! input or SIGTERM, even when the client never answers the server's requests.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/frames.rs"]
mod frames;

use frames::{frame, read_msg};

const WAIT: Duration = Duration::from_secs(20);

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    root_uri: String,
    _ws: tempfile::TempDir,
    _home: tempfile::TempDir,
}

impl Session {
    fn start() -> Session {
        let ws = tempfile::tempdir().unwrap();
        let root = ws.path().canonicalize().unwrap();
        std::fs::write(root.join("Dockerfile"), "FROM node:latest\n").unwrap();
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env("SKILL_LSP_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn skill-lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_msg(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        // Drain stderr so a chatty server never blocks on a full pipe.
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        Session {
            stdin: child.stdin.take(),
            child,
            rx,
            root_uri: format!("file://{}", root.display()),
            _ws: ws,
            _home: home,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.send_raw(&frame(&v));
    }

    /// The next message matching `pred`, skipping others (logs, diagnostics, server requests).
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {WAIT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("server closed stdout before {what}"),
            }
        }
    }

    /// An error reply and the answer to request `id`, which JSON-RPC lets come in either order
    /// (the transport interleaves its own replies and the framework's at frame boundaries).
    fn error_and_response(&mut self, what: &str, id: i64) -> (Value, Value) {
        let (mut error, mut answer) = (None, None);
        while answer.is_none() || error.is_none() {
            let m = self.wait(&format!("{what} and response {id}"), |m| {
                m.get("method").is_none() && (m["id"] == json!(id) || m.get("error").is_some())
            });
            if m["id"] == json!(id) && answer.is_none() {
                answer = Some(m);
            } else {
                assert!(error.is_none(), "{what}: a second error: {m}");
                error = Some(m);
            }
        }
        (error.unwrap(), answer.unwrap())
    }

    fn response(&mut self, id: i64) -> Value {
        self.wait(&format!("response {id}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    fn initialize(&mut self, capabilities: Value) {
        self.initialize_with(capabilities, Value::Null);
    }

    fn initialize_with(&mut self, capabilities: Value, options: Value) {
        let uri = self.root_uri.clone();
        self.send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null, "rootUri": uri, "capabilities": capabilities,
            "initializationOptions": options,
            "workspaceFolders": [{"uri": uri, "name": "ws"}]}}),
        );
        let r = self.response(1);
        assert!(r["result"]["capabilities"].is_object(), "{r}");
    }

    /// Seconds until the process is gone, and its exit code; panics after `limit`.
    fn exits_within(&mut self, limit: Duration) -> (Duration, Option<i32>) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (start.elapsed(), status.code());
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!("server still running {limit:?} later");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn hover_request(&self, id: i64) -> Value {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": format!("{}/Dockerfile", self.root_uri)},
            "position": {"line": 0, "character": 12}}})
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn raw_frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn with_length(len: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {len}\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// The error a malformed frame must get: its id and code.
type Expected = (Value, i64);

#[test]
fn every_malformed_frame_is_answered_and_the_next_hover_served() {
    let mut s = Session::start();
    s.initialize(json!({}));
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = format!("{}/Dockerfile", s.root_uri);
    s.send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM node:latest\n"}}}),
    );

    let req = br#"{"jsonrpc":"2.0","id":500,"method":"workspace/symbol","params":{"query":"x"}}"#;
    let lowercase = [
        b"content-length".as_slice(),
        &frame(&json!({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "off"}}))
            [14..],
    ]
    .concat();
    // (case, bytes, expected error (id, code), or None when the frame is valid and needs no answer)
    let cases: Vec<(&str, Vec<u8>, Option<Expected>)> = vec![
        ("malformed JSON", raw_frame(b"{\"jsonrpc\": \"2.0\", \"id\": 1,"), Some((json!(null), -32700))),
        ("invalid UTF-8", raw_frame(&[br#"{"jsonrpc":"2.0","id":501,"method":"workspace/symbol","params":{"query":""#.as_slice(), &[0xc3, 0x28], b"\"}}"].concat()), Some((json!(501), -32700))),
        ("lone surrogate", raw_frame(br#"{"jsonrpc":"2.0","id":502,"method":"workspace/symbol","params":{"query":"\ud800"}}"#), Some((json!(502), -32700))),
        ("too short", with_length(&(req.len() - 9).to_string(), req), Some((json!(null), -32700))),
        ("too long", with_length(&(req.len() + 40).to_string(), req), Some((json!(500), -32700))),
        ("negative", with_length("-12", b"{\"jsonrpc\":\"2.0\"}"), Some((json!(null), -32700))),
        ("non-numeric", with_length("twelve", b"{\"jsonrpc\":\"2.0\"}"), Some((json!(null), -32700))),
        ("missing", [b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n".as_slice(), req].concat(), Some((json!(null), -32700))),
        ("10^12", with_length("1000000000000", b"{\"jsonrpc\":\"2.0\"}"), Some((json!(null), -32700))),
        ("junk before header", [b"hello there ".as_slice(), &raw_frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"$/setTrace\",\"params\":{\"value\":\"off\"}}")].concat(), Some((json!(null), -32700))),
        ("batch", raw_frame(br#"[{"jsonrpc":"2.0","id":503,"method":"shutdown"},{"jsonrpc":"2.0","method":"exit"}]"#), Some((json!(503), -32600))),
        ("jsonrpc 1.0", raw_frame(br#"{"jsonrpc":"1.0","id":504,"method":"shutdown"}"#), Some((json!(504), -32600))),
        ("$/ request", raw_frame(br#"{"jsonrpc":"2.0","id":505,"method":"$/unknownThing"}"#), Some((json!(505), -32601))),
        ("lowercase header", lowercase, None),
    ];
    let mut id = 100;
    for (name, bytes, want) in cases {
        id += 1;
        let mut batch = bytes;
        batch.extend(frame(&s.hover_request(id)));
        s.send_raw(&batch);
        let hover = match want {
            Some((err_id, code)) => {
                let (e, hover) = s.error_and_response(&format!("the error for `{name}`"), id);
                assert_eq!(e["error"]["code"], json!(code), "{name}: {e}");
                assert_eq!(e["id"], err_id, "{name}: {e}");
                hover
            }
            None => s.response(id),
        };
        assert!(hover.get("error").is_none(), "{name}: {hover}");
        let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
        assert!(
            text.contains("latest"),
            "{name}: the hover still shows the tip: {hover}"
        );
    }
    // No stray errors were queued behind the hovers.
    std::thread::sleep(Duration::from_millis(300));
    while let Ok(m) = s.rx.try_recv() {
        assert!(m.get("error").is_none(), "an extra error: {m}");
    }

    // A frame declared too long with nothing after it is answered once input pauses.
    s.send_raw(&with_length(&(req.len() + 100).to_string(), req));
    let e = s.wait("the error for a too-long last frame", |m| {
        m.get("error").is_some()
    });
    assert_eq!(e["id"], json!(500), "{e}");
    let hover = s.hover_request(900);
    s.send(hover);
    assert!(s.response(900)["result"].is_object());

    s.send(json!({"jsonrpc": "2.0", "id": 901, "method": "shutdown"}));
    s.response(901);
    s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(
        s.exits_within(WAIT).1,
        Some(0),
        "exit after shutdown is clean"
    );
}

#[test]
fn the_message_cap_setting_applies_and_a_bigger_message_is_skipped() {
    let mut s = Session::start();
    s.initialize_with(json!({}), json!({"maxMessageBytes": 4096}));
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = format!("{}/Dockerfile", s.root_uri);
    let big = format!("FROM node:latest\n{}", "# padding\n".repeat(1000));
    let mut batch = frame(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": big}}}),
    );
    batch.extend(frame(&s.hover_request(2)));
    s.send_raw(&batch);
    // The hover is still served (the big didOpen never arrived).
    let (e, hover) = s.error_and_response("the error for the big message", 2);
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("over the 4096-byte limit") && msg.contains("maxMessageBytes"),
        "{e}"
    );
    assert!(hover.get("error").is_none(), "{hover}");
}

fn configuration_client() -> Value {
    json!({"workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": true}}})
}

#[test]
fn a_client_that_never_answers_configuration_can_still_end_the_server() {
    // `shutdown` then `exit`; `exit` alone; end of input: each ends the process in about a second.
    for (how, code) in [
        ("shutdown+exit", Some(0)),
        ("exit", Some(1)),
        ("eof", Some(0)),
    ] {
        let mut s = Session::start();
        s.initialize(configuration_client());
        s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s.wait("workspace/configuration", |m| {
            m["method"] == "workspace/configuration"
        });
        match how {
            "shutdown+exit" => {
                s.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
                assert!(s.response(2).get("error").is_none());
                s.send(json!({"jsonrpc": "2.0", "method": "exit"}));
            }
            "exit" => s.send(json!({"jsonrpc": "2.0", "method": "exit"})),
            _ => {
                s.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
                s.response(2);
                s.stdin = None;
            }
        }
        let (took, got) = s.exits_within(Duration::from_secs(5));
        assert!(took < Duration::from_secs(2), "{how}: took {took:?}");
        assert_eq!(got, code, "{how}");
    }
}

#[test]
fn exit_right_after_initialized_never_hangs() {
    for round in 0..25 {
        let mut s = Session::start();
        // Half the rounds with pull configuration (a request in flight when `exit` arrives).
        let caps = if round % 2 == 0 {
            configuration_client()
        } else {
            json!({})
        };
        s.initialize(caps);
        let mut batch = frame(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        let clean = round % 3 == 0;
        if clean {
            batch.extend(frame(
                &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            ));
        }
        batch.extend(frame(&json!({"jsonrpc": "2.0", "method": "exit"})));
        s.send_raw(&batch);
        let (took, code) = s.exits_within(Duration::from_secs(5));
        assert!(
            took < Duration::from_secs(2),
            "round {round}: took {took:?}"
        );
        assert_eq!(code, Some(if clean { 0 } else { 1 }), "round {round}");
    }
}

#[test]
fn sigterm_ends_the_server_at_once() {
    let mut s = Session::start();
    s.initialize(configuration_client());
    s.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    s.wait("workspace/configuration", |m| {
        m["method"] == "workspace/configuration"
    });
    // SAFETY: sending a signal to the child we spawned.
    unsafe {
        libc::kill(s.child.id() as i32, libc::SIGTERM);
    }
    let (took, code) = s.exits_within(Duration::from_secs(5));
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert_eq!(code, Some(128 + libc::SIGTERM));
}

#[test]
fn input_ending_mid_frame_ends_the_server() {
    let mut s = Session::start();
    s.initialize(json!({}));
    s.send_raw(b"Content-Length: 200\r\n\r\n{\"jsonrpc\":");
    s.stdin = None;
    let e = s.wait("the error for the cut frame", |m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], json!(-32700), "{e}");
    let (took, code) = s.exits_within(Duration::from_secs(5));
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(code, Some(1), "end of input without shutdown");
}
