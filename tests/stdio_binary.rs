//! The real binary over stdio: framing, a full session, and the exit codes the spec asks for.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/frames.rs"]
mod frames;

use frames::{frame, read_msg};

fn wait_for(r: &mut impl BufRead, id: i64) -> Value {
    wait_collecting(r, id, &mut Vec::new())
}

/// [`wait_for`], keeping every other message that arrived meanwhile in `seen`.
fn wait_collecting(r: &mut impl BufRead, id: i64, seen: &mut Vec<Value>) -> Value {
    loop {
        let m = read_msg(r).expect("server closed stdout");
        if m["id"] == json!(id) && m.get("method").is_none() {
            return m;
        }
        seen.push(m);
    }
}

/// The `window/logMessage` texts among `seen`, with their type.
fn log_messages(seen: &[Value]) -> Vec<(i64, String)> {
    seen.iter()
        .filter(|m| m["method"] == "window/logMessage")
        .map(|m| {
            (
                m["params"]["type"].as_i64().unwrap_or(0),
                m["params"]["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn spawn(args: &[&str]) -> std::process::Child {
    let home = tempfile::tempdir().unwrap().keep();
    Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args(args)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("SKILL_LSP_LOG", "debug")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn skill-lsp")
}

fn wait_exit(child: &mut std::process::Child) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "server did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn full_session_over_stdio_with_split_and_batched_frames() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path().canonicalize().unwrap();
    std::fs::write(root.join("Dockerfile"), "FROM node:latest\n").unwrap();
    let root_uri = format!("file://{}", root.display());
    let mut child = spawn(&["--stdio"]);
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());

    // The initialize frame arrives in two writes, split inside the header.
    let init = frame(
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": root_uri, "capabilities": {}, "trace": "messages", "workspaceFolders": [{"uri": root_uri, "name": "ws"}]}}),
    );
    stdin.write_all(&init[..7]).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(30));
    stdin.write_all(&init[7..]).unwrap();
    stdin.flush().unwrap();
    let mut seen = Vec::new();
    let r = wait_collecting(&mut out, 1, &mut seen);
    assert_eq!(r["result"]["serverInfo"]["name"], "skill-lsp");
    assert_eq!(
        r["result"]["capabilities"]["positionEncoding"], "utf-16",
        "UTF-16 by default"
    );

    // Several messages in one write; a non-ASCII body checks Content-Length counts bytes.
    let uri = format!("{root_uri}/Dockerfile");
    let mut batch = frame(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    batch.extend(frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": "# 漢字 😀\nFROM node:latest\n"}}})));
    batch.extend(frame(&json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "skill-lsp.skillsForFile", "arguments": [uri]}})));
    stdin.write_all(&batch).unwrap();
    stdin.flush().unwrap();
    let r = wait_collecting(&mut out, 2, &mut seen);
    let names: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"docker"), "{r}");
    // Trace `messages`: info lines reach the client as window/logMessage, typed as info (3).
    // They are sent by their own task, so a reply may overtake them: ask again until they came.
    for id in 20..60 {
        if log_messages(&seen)
            .iter()
            .any(|(_, m)| m.starts_with("skills loaded"))
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        stdin
            .write_all(&frame(&json!({"jsonrpc": "2.0", "id": id, "method": "workspace/symbol", "params": {"query": "docker"}})))
            .unwrap();
        stdin.flush().unwrap();
        wait_collecting(&mut out, id, &mut seen);
    }
    let logs = log_messages(&seen);
    assert!(
        logs.iter()
            .any(|(t, m)| *t == 3 && m.starts_with("skills loaded") && m.contains("skills=")),
        "{logs:?}"
    );
    assert!(
        !logs.iter().any(|(t, _)| *t == 4),
        "debug lines are not forwarded at trace `messages`: {logs:?}"
    );
    // `$/setTrace verbose`: debug lines follow (a reload logs its index timings at debug).
    let mut batch =
        frame(&json!({"jsonrpc": "2.0", "method": "$/setTrace", "params": {"value": "verbose"}}));
    batch.extend(frame(&json!({"jsonrpc": "2.0", "id": 9, "method": "workspace/executeCommand", "params": {"command": "skill-lsp.reload", "arguments": []}})));
    stdin.write_all(&batch).unwrap();
    stdin.flush().unwrap();
    let mut seen = Vec::new();
    let r = wait_collecting(&mut out, 9, &mut seen);
    assert!(r.get("error").is_none(), "{r}");
    // The forwarder runs on its own task: give the last lines a moment to arrive.
    for id in 60..100 {
        if log_messages(&seen)
            .iter()
            .any(|(t, m)| *t == 4 && m.contains("index built"))
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        stdin
            .write_all(&frame(&json!({"jsonrpc": "2.0", "id": id, "method": "workspace/symbol", "params": {"query": "docker"}})))
            .unwrap();
        stdin.flush().unwrap();
        wait_collecting(&mut out, id, &mut seen);
    }
    let logs = log_messages(&seen);
    assert!(
        logs.iter()
            .any(|(t, m)| *t == 4 && m.contains("index built")),
        "debug lines at trace `verbose`: {logs:?}"
    );

    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    let r = wait_for(&mut out, 3);
    assert!(r.get("error").is_none(), "{r}");
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_exit(&mut child), 0, "exit after shutdown is clean");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        !err.contains("skills loaded") && !err.contains("INFO") && !err.contains("DEBUG"),
        "stderr carries errors only (editors file all of it as errors): {err}"
    );
}

#[test]
fn exit_without_shutdown_exits_1_and_every_entry_point_serves() {
    for args in [&[][..], &["serve"][..], &["--stdio"][..]] {
        let mut child = spawn(args);
        let mut stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))).unwrap();
        stdin.flush().unwrap();
        let r = wait_for(&mut out, 1);
        assert!(r["result"]["capabilities"].is_object(), "{args:?}: {r}");
        stdin
            .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
            .unwrap();
        stdin.flush().unwrap();
        assert_eq!(wait_exit(&mut child), 1, "{args:?}: exit without shutdown");
    }
}

/// An editor that cannot write the user file asks for a log file through SKILL_LSP_LOG_FILE
/// (VS Code's `skillLsp.logFile`); the file is open before `initialize`.
#[test]
fn skill_lsp_log_file_names_the_log_file() {
    let home = tempfile::tempdir().unwrap();
    let log = home.path().join("server.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .arg("serve")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("SKILL_LSP_LOG", "debug")
        .env("SKILL_LSP_LOG_FILE", &log)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn skill-lsp");
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))).unwrap();
    stdin.flush().unwrap();
    assert!(wait_for(&mut out, 1)["result"]["capabilities"].is_object());
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ))
        .unwrap();
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    wait_for(&mut out, 2);
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_exit(&mut child), 0);
    let text = std::fs::read_to_string(&log).expect("the log file exists");
    assert!(
        text.contains("DEBUG") || text.contains("INFO"),
        "no log lines: {text:?}"
    );
}

#[test]
fn stdout_carries_only_protocol_frames() {
    let mut child = spawn(&[]);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read raw bytes on a thread while the session runs, answering in the order a client would.
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut raw = Vec::new();
        let mut out = BufReader::new(stdout);
        let mut buf = [0u8; 4096];
        loop {
            match out.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    raw.extend_from_slice(&buf[..n]);
                    let _ = tx.send(buf[..n].to_vec());
                }
            }
        }
        raw
    });
    let wait_bytes = |needle: &str| {
        let mut seen = Vec::new();
        let start = Instant::now();
        while !String::from_utf8_lossy(&seen).contains(needle) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no {needle} on stdout"
            );
            if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
                seen.extend(chunk);
            }
        }
    };
    stdin.write_all(&frame(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))).unwrap();
    stdin.flush().unwrap();
    wait_bytes("\"id\":1");
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        ))
        .unwrap();
    stdin
        .write_all(&frame(
            &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        ))
        .unwrap();
    stdin.flush().unwrap();
    wait_bytes("\"id\":2");
    stdin
        .write_all(&frame(&json!({"jsonrpc": "2.0", "method": "exit"})))
        .unwrap();
    stdin.flush().unwrap();
    assert_eq!(wait_exit(&mut child), 0);
    let raw = reader.join().unwrap();
    let mut rest = &raw[..];
    let mut count = 0;
    while !rest.is_empty() {
        assert!(
            rest.starts_with(b"Content-Length: "),
            "stray bytes on stdout: {:?}",
            String::from_utf8_lossy(&rest[..rest.len().min(80)])
        );
        let header_end = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let len: usize = std::str::from_utf8(&rest[16..header_end])
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let body = &rest[header_end + 4..header_end + 4 + len];
        serde_json::from_slice::<Value>(body).expect("each frame is JSON");
        rest = &rest[header_end + 4 + len..];
        count += 1;
    }
    assert!(count >= 2);
}
