//! Agent programs never outlive the server or `skill-lsp ask` (issue 11.5): the real binary over
//! stdio with a `command` agent that starts a grandchild and hangs; SIGTERM, SIGKILL or end of
//! input to the server, or SIGTERM to `ask`, must leave neither process behind, promptly.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

#[path = "common/frames.rs"]
mod frames;

use frames::frame;

/// Alive and not a zombie.
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => !s
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

struct Setup {
    _home: tempfile::TempDir,
    home: PathBuf,
    pids: PathBuf,
    root: PathBuf,
}

/// A home whose user config runs a command agent that records its pid and its child's, then
/// waits for a minute (far longer than any test).
fn setup() -> Setup {
    let home_dir = tempfile::tempdir().unwrap();
    let home = home_dir.path().canonicalize().unwrap();
    let pids = home.join("pids");
    let root = home.join("ws");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(
        root.join("app.py"),
        "def f():\n    try:\n        go()\n    except:\n        pass\n",
    )
    .unwrap();
    let cfg = home.join("config/skill-lsp");
    std::fs::create_dir_all(&cfg).unwrap();
    let script = format!(
        "cat > /dev/null; echo $$ > {p}; sleep 60 & echo $! >> {p}; wait",
        p = pids.display()
    );
    std::fs::write(
        cfg.join("config.yaml"),
        format!(
            "agent:\n  provider: command\n  command: sh\n  args: ['-c', {}]\n  timeoutSecs: 120\n",
            serde_json::to_string(&script).unwrap()
        ),
    )
    .unwrap();
    Setup {
        _home: home_dir,
        home,
        pids,
        root,
    }
}

fn command(s: &Setup, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skill-lsp"));
    c.args(args)
        .current_dir(&s.root)
        .env("HOME", &s.home)
        .env("XDG_CONFIG_HOME", s.home.join("config"))
        .env("XDG_CACHE_HOME", s.home.join("cache"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

/// Waits for the agent and its child to have written their pids.
fn agent_pids(pids: &Path) -> Vec<i32> {
    let start = Instant::now();
    loop {
        if let Ok(t) = std::fs::read_to_string(pids) {
            let ids: Vec<i32> = t.lines().filter_map(|l| l.trim().parse().ok()).collect();
            if ids.len() == 2 {
                return ids;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the agent command never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_gone(ids: &[i32], within: Duration, what: &str) {
    let start = Instant::now();
    while ids.iter().any(|&p| alive(p)) && start.elapsed() < within {
        std::thread::sleep(Duration::from_millis(20));
    }
    for &p in ids {
        assert!(!alive(p), "{what}: process {p} outlived it");
    }
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return Some(st);
        }
        if start.elapsed() > within {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts `serve`, opens the file and runs `skill-lsp.ask` on it; returns the server once the
/// agent command runs.
fn serve_with_running_agent(s: &Setup) -> (Child, std::process::ChildStdin, Vec<i32>) {
    let mut child = command(s, &["serve"]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let out = child.stdout.take().unwrap();
    let root_uri = format!("file://{}", s.root.display());
    let uri = format!("{root_uri}/app.py");
    let text = std::fs::read_to_string(s.root.join("app.py")).unwrap();
    let send = |stdin: &mut std::process::ChildStdin, m: serde_json::Value| {
        stdin.write_all(&frame(&m)).unwrap();
        stdin.flush().unwrap();
    };
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": root_uri, "capabilities": {}, "workspaceFolders": [{"uri": root_uri, "name": "ws"}]}}),
    );
    let mut r = BufReader::new(out);
    while let Some(m) = frames::read_msg(&mut r) {
        if m["id"] == 1 {
            break;
        }
    }
    // Drain stdout so the server never blocks on it.
    std::thread::spawn(move || while frames::read_msg(&mut r).is_some() {});
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}}),
    );
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "skill-lsp.ask", "arguments": [{"uri": uri, "mode": "rewrite", "range": {"start": {"line": 3, "character": 0}, "end": {"line": 5, "character": 0}}}]}}),
    );
    let ids = agent_pids(&s.pids);
    (child, stdin, ids)
}

#[test]
fn sigterm_to_serve_takes_the_agent_and_its_children_along() {
    let s = setup();
    let (mut child, _stdin, ids) = serve_with_running_agent(&s);
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert!(
        wait_exit(&mut child, Duration::from_secs(5)).is_some(),
        "serve survived SIGTERM"
    );
    assert_gone(&ids, Duration::from_secs(3), "SIGTERM to serve");
}

#[test]
fn sigkill_to_serve_takes_the_agent_and_its_children_along() {
    let s = setup();
    let (mut child, _stdin, ids) = serve_with_running_agent(&s);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_gone(&ids, Duration::from_secs(3), "SIGKILL to serve");
}

#[test]
fn end_of_input_mid_run_ends_the_server_and_the_agent_promptly() {
    let s = setup();
    let (mut child, stdin, ids) = serve_with_running_agent(&s);
    drop(stdin);
    let st = wait_exit(&mut child, Duration::from_secs(5));
    if st.is_none() {
        let _ = child.kill();
    }
    assert!(st.is_some(), "the server lingered after end of input");
    assert_gone(&ids, Duration::from_secs(3), "end of input");
}

#[test]
fn sigterm_to_ask_takes_the_agent_and_its_children_along() {
    let s = setup();
    let mut child = command(&s, &["ask", "--file", "app.py", "--range", "4-5"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let ids = agent_pids(&s.pids);
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let st = wait_exit(&mut child, Duration::from_secs(5)).expect("ask survived SIGTERM");
    assert_gone(&ids, Duration::from_secs(3), "SIGTERM to ask");
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert_eq!(st.code(), Some(143), "{err}");
    assert!(err.contains("stopped by SIGTERM"), "{err}");
}
