//! A hostile repository over the real binary and stdio: settings and skill files symlinked to
//! devices and pipes, YAML nested 200,000 levels deep, symlinks out of the workspace. Each must
//! leave `initialize` answered, the server serving, and a problem where the user looks.
#![cfg(unix)]

use std::io::{BufReader, Write};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "common/frames.rs"]
mod frames;

use frames::{frame, read_msg};

/// Generous: these bound a hang, they do not measure speed.
const PATIENCE: Duration = Duration::from_secs(30);

struct Session {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    seen: Vec<Value>,
    root_uri: String,
}

impl Session {
    fn start(root: &Path) -> Session {
        Session::start_with_home(root, &tempfile::tempdir().unwrap().keep())
    }

    fn start_with_home(root: &Path, home: &Path) -> Session {
        Session::start_logged(root, home, Stdio::null())
    }

    fn start_logged(root: &Path, home: &Path, stderr: Stdio) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
            .arg("--stdio")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .env("SKILL_LSP_LOG", "debug")
            .stderr(stderr)
            .spawn()
            .expect("spawn skill-lsp");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            while let Some(m) = read_msg(&mut out) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let root_uri = format!("file://{}", root.display());
        let mut s = Session {
            child,
            stdin,
            rx,
            seen: Vec::new(),
            root_uri,
        };
        let uri = s.root_uri.clone();
        let started = Instant::now();
        let r = s.request(
            1,
            "initialize",
            json!({"processId": null, "rootUri": uri,
                   "capabilities": {"textDocument": {"codeAction": {"codeActionLiteralSupport":
                       {"codeActionKind": {"valueSet": ["quickfix"]}}}}},
                   "workspaceFolders": [{"uri": uri, "name": "ws"}]}),
        );
        assert!(r["result"]["capabilities"].is_object(), "{r}");
        assert!(
            started.elapsed() < PATIENCE,
            "initialize took {:?}",
            started.elapsed()
        );
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, v: Value) {
        self.stdin.write_all(&frame(&v)).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (already seen or arriving within [`PATIENCE`]) that `pred` accepts.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(m) = self.seen.iter().find(|m| pred(m)) {
            return m.clone();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {PATIENCE:?}; seen: {:?}", self.seen)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("server closed stdout"),
            }
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("answer to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    fn message_containing(&mut self, needle: &str) -> String {
        let m = self.wait(&format!("showMessage with {needle:?}"), |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(needle))
        });
        m["params"]["message"].as_str().unwrap().to_string()
    }

    fn open(&mut self, root: &Path, rel: &str, lang: &str) -> String {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        let uri = format!("{}/{rel}", self.root_uri);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
        uri
    }

    fn diagnostic_codes(&mut self, uri: &str, want: &str) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics {want} on {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["code"] == format!("skill-lsp/{want}")))
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn skill_names(&mut self, id: i64, uri: &str) -> Vec<String> {
        let r = self.request(
            id,
            "workspace/executeCommand",
            json!({"command": "skill-lsp.skillsForFile", "arguments": [uri]}),
        );
        r["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{r}"))
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    }

    fn finish(mut self) {
        let r = self.request(999, "shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + PATIENCE;
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("ws");
    std::fs::create_dir_all(&root).unwrap();
    (dir, root)
}

/// `.skill-lsp.yaml` symlinked to `/dev/zero` (read until out of memory before) and to
/// `/proc/self/fd/0` (the server's own stdin: `initialize` was never answered).
#[test]
fn settings_file_symlinked_to_a_device_is_refused_and_reported() {
    // The control: "" is no settings file, where the action is offered.
    for target in ["", "/dev/zero", "/proc/self/fd/0"] {
        let (_dir, root) = workspace();
        if !target.is_empty() {
            symlink(target, root.join(".skill-lsp.yaml")).unwrap();
        }
        write(&root, "app.py", "x = zz_danger_call(1)\n");
        write(
            &root,
            ".skills/t/SKILL.md",
            "---\nname: t\ndescription: d\nlanguages: [python]\n---\n# T\n\n## S\n\n<!-- skill-lsp tip\nid: d\npattern: zz_danger_call\nmessage: m\n-->\n",
        );
        let mut s = Session::start(&root);
        if !target.is_empty() {
            let msg = s.message_containing(".skill-lsp.yaml");
            assert!(msg.contains("not read"), "{target}: {msg}");
        }
        let uri = s.open(&root, "app.py", "python");
        // The tip actions would edit the settings file: answered, without that one.
        let r = s.request(
            3,
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 8}}, "context": {"diagnostics": []}}),
        );
        let titles: Vec<&str> = r["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{r}"))
            .iter()
            .filter_map(|a| a["title"].as_str())
            .collect();
        assert!(
            titles.iter().any(|t| t.starts_with("Show skill: S")),
            "{titles:?}"
        );
        assert_eq!(
            titles.iter().any(|t| t.contains("in this workspace")),
            target.is_empty(),
            "{target}: {titles:?}"
        );
        let names = s.skill_names(2, &uri);
        assert!(
            names.iter().any(|n| n == "python-error-handling"),
            "{target}: the builtin library still loads: {names:?}"
        );
        s.finish();
    }
}

/// Frontmatter, a tip trigger and a settings file nested 200,000 levels deep (71 s in the YAML
/// parser, blocking `initialize`): answered, with the problem on each file.
#[test]
fn deeply_nested_yaml_is_a_problem_on_the_file() {
    let (_dir, root) = workspace();
    let deep = "[".repeat(200_000);
    write(
        &root,
        ".skills/deep/SKILL.md",
        &format!("---\nname: deep\ndescription: d\nlanguages: [python]\nx: {deep}\n---\n# Deep\n"),
    );
    write(
        &root,
        ".skills/tipdeep/SKILL.md",
        &format!(
            "---\nname: tipdeep\ndescription: d\n---\n# T\n\n## S\n\n<!-- skill-lsp tip\nid: t\npattern: x\nmessage: {deep}\n-->\n"
        ),
    );
    write(
        &root,
        ".skill-lsp.yaml",
        &format!("tips:\n  enabled: {deep}\n"),
    );
    write(&root, "app.py", "print(1)\n");
    let mut s = Session::start(&root);
    let msg = s.message_containing(".skill-lsp.yaml");
    assert!(msg.contains("deeper than 64"), "{msg}");
    let uri = s.open(&root, ".skills/deep/SKILL.md", "markdown");
    let diags = s.diagnostic_codes(&uri, "yaml-too-complex");
    let d = diags
        .iter()
        .find(|d| d["code"] == "skill-lsp/yaml-too-complex")
        .unwrap();
    assert_eq!(d["range"]["start"]["line"], 4, "{d}");
    let uri = s.open(&root, ".skills/tipdeep/SKILL.md", "markdown");
    let diags = s.diagnostic_codes(&uri, "tip-yaml");
    assert!(
        diags.iter().any(|d| d["code"] == "skill-lsp/tip-yaml"
            && d["message"].as_str().unwrap().contains("deeper than 64")),
        "{diags:?}"
    );
    // The deep skill still loads, read line by line: the server keeps serving.
    let uri = s.open(&root, "app.py", "python");
    let names = s.skill_names(2, &uri);
    assert!(names.iter().any(|n| n == "deep"), "{names:?}");
    s.finish();
}

/// A `.skills/x` folder symlink out of the workspace is not followed, and a `skills.paths`
/// entry whose text is inside but which is a symlink out is refused; symlinks that stay
/// inside still load.
#[test]
fn symlinks_out_of_the_workspace_are_not_followed() {
    let (dir, root) = workspace();
    let outside = dir.path().canonicalize().unwrap().join("outside");
    let skill = |name: &str| {
        format!(
            "---\nname: {name}\ndescription: Python things\nlanguages: [python]\n---\n# {name}\n"
        )
    };
    write(&outside, "python/stolen.md", &skill("stolen"));
    write(&outside, "more/taken.md", &skill("taken"));
    write(&root, "inside/python/own.md", &skill("own"));
    std::fs::create_dir_all(root.join(".skills")).unwrap();
    symlink(&outside, root.join(".skills/escape")).unwrap();
    symlink(root.join("inside"), root.join(".skills/alias")).unwrap();
    symlink(outside.join("more"), root.join("linked")).unwrap();
    write(&root, ".skill-lsp.yaml", "skills:\n  paths: [linked]\n");
    write(&root, "app.py", "print(1)\n");
    let mut s = Session::start(&root);
    let msg = s.message_containing("skills.paths");
    assert!(msg.contains("outside the workspace"), "{msg}");
    let uri = s.open(&root, "app.py", "python");
    let names = s.skill_names(2, &uri);
    assert!(names.iter().any(|n| n == "own"), "{names:?}");
    assert!(
        !names.iter().any(|n| n == "stolen" || n == "taken"),
        "{names:?}"
    );
    s.finish();
}

/// Hover markdown from a workspace skill shows raw HTML as text and no remote image; the same
/// skill from the user's own folder is shown as written.
#[test]
fn hover_from_a_workspace_skill_is_sanitised() {
    let skill = |name: &str| {
        format!(
            "---\nname: {name}\ndescription: d\nlanguages: [python]\n---\n# H\n\n## No eval\n\n<!-- skill-lsp tip\nid: ev\npattern: 'zz_danger_call'\nmessage: eval runs code.\n-->\n\nParse instead. <script>alert(1)</script> ![pixel](https://t.example/p.gif) [run](command:workbench.action.terminal.new)\n"
        )
    };
    let hover_text = |s: &mut Session, uri: &str| {
        let r = s.request(
            3,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 5}}),
        );
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("a hover: {r}"))
            .to_string()
    };
    let (_dir, root) = workspace();
    write(&root, ".skills/ws-html/SKILL.md", &skill("ws-html"));
    write(&root, "app.py", "x = zz_danger_call(data)\n");
    let mut s = Session::start(&root);
    let uri = s.open(&root, "app.py", "python");
    let text = hover_text(&mut s, &uri);
    assert!(text.contains("Parse instead."), "{text}");
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("&lt;script&gt;"), "{text}");
    assert!(!text.contains("](https://t.example"), "{text}");
    assert!(text.contains("[image: pixel]"), "{text}");
    assert!(!text.contains("command:"), "{text}");
    s.finish();

    let (dir, root) = workspace();
    let home = dir.path().join("home");
    write(
        &home,
        ".agents/skills/user-html/SKILL.md",
        &skill("user-html"),
    );
    write(&root, "app.py", "x = zz_danger_call(data)\n");
    let mut s = Session::start_with_home(&root, &home);
    let uri = s.open(&root, "app.py", "python");
    let text = hover_text(&mut s, &uri);
    assert!(text.contains("user-html"), "{text}");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the user's own skill: {text}"
    );
    s.finish();
}

/// Twenty `didChangeWatchedFiles` in a burst load the library once or twice, not twenty times
/// (each load of a big library held its memory until the next: 36 -> 366 MB with 5,000 skills).
#[test]
fn a_burst_of_watched_file_changes_reloads_once() {
    let (dir, root) = workspace();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    write(&root, "app.py", "print(1)\n");
    // The log file (stderr carries errors only), from the user's config file.
    let log_path = dir.path().join("server.log");
    write(
        &home,
        "config/skill-lsp/config.yaml",
        &format!("logFile: {}\nlogLevel: debug\n", log_path.display()),
    );
    let mut s = Session::start_with_home(&root, &home);
    let uri = s.open(&root, "app.py", "python");
    // Loads so far (initialize); the burst must add one or two.
    let _ = s.skill_names(2, &uri);
    std::thread::sleep(Duration::from_millis(500));
    let loads = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap_or_default()
            // Logged by every load, also those whose result is discarded as stale.
            .matches("library built")
            .count()
    };
    let before = loads(&log_path);
    assert!(before >= 1, "the initial load is logged");
    for i in 0..20 {
        let rel = format!(".github/instructions/r{i}.instructions.md");
        write(
            &root,
            &rel,
            &format!("---\nname: burst-{i}\napplyTo: '**/*.py'\n---\nRule {i}.\n"),
        );
        s.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": format!("{}/{rel}", s.root_uri), "type": 1}]}),
        );
    }
    // Every file of the burst is in the library once the reload is done.
    let deadline = Instant::now() + PATIENCE;
    let mut id = 10;
    loop {
        id += 1;
        let names = s.skill_names(id, &uri);
        if (0..20).all(|i| names.contains(&format!("burst-{i}"))) {
            break;
        }
        assert!(Instant::now() < deadline, "burst never loaded: {names:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    let after = loads(&log_path);
    assert!(
        (1..=2).contains(&(after - before)),
        "{} loads for a burst of 20",
        after - before
    );
    s.finish();
}

/// A FIFO at `path`: opening it for reading blocks until a writer comes, which none will.
fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Runs the binary with `args` in `root`, killed (and the test failed) past [`PATIENCE`].
fn run_bounded(root: &Path, args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args(args)
        .current_dir(root)
        .env("HOME", root.join(".home"))
        .env("XDG_CONFIG_HOME", root.join(".home/config"))
        .env_remove("SKILL_LSP_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn skill-lsp");
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("skill-lsp {args:?} did not finish within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const DANGER_SKILL: &str = "---\nname: t\ndescription: d\nlanguages: [python]\n---\n# T\n\n## S\n\n<!-- skill-lsp tip\nid: d\npattern: zz_danger_call\nmessage: danger here\nseverity: warning\n-->\n";

/// The project files the tip policy reads (`.gitattributes`, linter configurations) symlinked
/// to `/dev/zero`, to the server's own stdin, or made FIFOs: before, the first read until memory
/// ran out and the others blocked the editor's diagnostics and `check` forever. Now each is
/// refused, `check` names it on stderr, the editor in a warning message, and tips still run.
#[test]
fn project_files_that_are_devices_or_fifos_are_not_read() {
    let (_dir, root) = workspace();
    symlink("/dev/zero", root.join(".gitattributes")).unwrap();
    symlink("/proc/self/fd/0", root.join("pyproject.toml")).unwrap();
    fifo(&root.join(".shellcheckrc"));
    write(&root, ".skills/t/SKILL.md", DANGER_SKILL);
    write(&root, "app.py", "x = zz_danger_call(1)\n");

    let (code, out, err) = run_bounded(&root, &["check", "--no-builtin", "--skills", ".skills"]);
    assert_eq!(code, 1, "one finding: {out}\n{err}");
    assert!(out.contains("danger here"), "{out}");
    for name in [".gitattributes", ".shellcheckrc", "pyproject.toml"] {
        assert!(
            err.lines()
                .any(|l| l.contains(name) && l.contains("not read")),
            "{name} named on stderr: {err}"
        );
    }

    let mut s = Session::start(&root);
    let msg = s.message_containing(".gitattributes");
    assert!(
        msg.contains("not read") && msg.contains(".shellcheckrc"),
        "{msg}"
    );
    let uri = s.open(&root, "app.py", "python");
    let m = s.wait("diagnostics on app.py", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                d.iter().any(|d| {
                    d["message"]
                        .as_str()
                        .is_some_and(|t| t.contains("danger here"))
                })
            })
    });
    assert_eq!(m["params"]["diagnostics"][0]["range"]["start"]["line"], 0);
    s.finish();
}

/// Files a client or a user names rather than opens: `skillsForFile` and the prompt preview on
/// a file that is not open, `ask --file` and `match` on the command line. A FIFO is refused at
/// once instead of blocking the request forever; a file outside every workspace folder never
/// reaches a prompt; an ordinary file on disk still works.
#[test]
fn client_and_user_named_files_go_through_the_guard() {
    let (dir, root) = workspace();
    write(&root, ".skills/t/SKILL.md", DANGER_SKILL);
    write(&root, "on_disk.py", "x = zz_danger_call(1)\n");
    fifo(&root.join("pipe.py"));
    let outside = dir.path().canonicalize().unwrap().join("secret.py");
    std::fs::write(&outside, "API_KEY = 'outside the workspace'\n").unwrap();
    let mut s = Session::start(&root);
    let on_disk = format!("{}/on_disk.py", s.root_uri);
    let pipe = format!("{}/pipe.py", s.root_uri);

    // Selected by the path when the content cannot be read; by path and content otherwise.
    assert!(s.skill_names(2, &pipe).iter().any(|n| n == "t"));
    assert!(s.skill_names(3, &on_disk).iter().any(|n| n == "t"));

    let preview = |s: &mut Session, id: i64, uri: &str| {
        let r = s.request(
            id,
            "workspace/executeCommand",
            json!({"command": "skill-lsp.openPrompt", "arguments": [{"uri": uri, "mode": "explain"}]}),
        );
        r["result"].clone()
    };
    let ok = preview(&mut s, 4, &on_disk);
    assert_eq!(ok["ok"], true, "{ok}");
    let path = ok["path"].as_str().expect("prompt file");
    let prompt = std::fs::read_to_string(path).unwrap();
    assert!(prompt.contains("zz_danger_call"), "{prompt}");

    let r = preview(&mut s, 5, &pipe);
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"].as_str().unwrap().contains("not a regular file"),
        "{r}"
    );
    let r = preview(&mut s, 6, &format!("file://{}", outside.display()));
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("outside every workspace folder"),
        "{r}"
    );
    s.finish();

    let pipe = root.join("pipe.py");
    let pipe = pipe.to_str().unwrap();
    let (code, _, err) = run_bounded(&root, &["ask", "--file", pipe, "--provider", "none"]);
    assert_ne!(code, 0);
    assert!(err.contains("not a regular file"), "{err}");
    let (code, _, err) = run_bounded(&root, &["match", pipe]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
    let (code, out, _) = run_bounded(&root, &["match", "on_disk.py"]);
    assert_eq!(code, 0);
    assert!(out.contains("on_disk.py"), "{out}");
}
