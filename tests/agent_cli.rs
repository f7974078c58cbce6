//! `skill-lsp ask` end to end: the real binary against the loopback fake agent server.

mod fake_agent;

use std::path::Path;
use std::process::Output;

use fake_agent::{FakeAgent, Reply, anthropic_sse, openai_sse};

const CODE: &str = "import os\n\ndef load(p):\n    try:\n        return open(p).read()\n    except:\n        return None\n";

async fn ask(dir: &Path, args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .arg("ask")
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .await
        .unwrap()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("app.py"), CODE).unwrap();
    dir
}

#[tokio::test]
async fn rewrite_prints_a_diff_and_writes_only_with_apply() {
    let reply = [
        "```python\n",
        "try:\n    return open(p).read()\nexcept OSError:\n    return None\n```\n",
    ];
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&reply))]).await;
    let dir = workspace();
    let url = fake.url();
    let base = [
        "--file",
        "app.py",
        "--range",
        "4-7",
        "--skill",
        "python-error-handling",
        "--provider",
        "openai",
        "--endpoint",
        &url,
        "--model",
        "m",
    ];
    let out = ask(dir.path(), &[&base[..], &["catch OSError"]].concat()).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("-    except:\n") && stdout.contains("+    except OSError:\n"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app.py")).unwrap(),
        CODE,
        "not written without --apply"
    );
    // Headers relative to the workspace: `git apply` takes the diff as printed.
    assert!(
        stdout.starts_with("--- a/app.py\n+++ b/app.py\n"),
        "{stdout}"
    );
    std::fs::write(dir.path().join("ask.diff"), stdout.as_bytes()).unwrap();
    let check = std::process::Command::new("git")
        .args(["apply", "--check", "ask.diff"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "git apply --check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let user = fake.requests()[0].json()["messages"][1]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(user.contains("catch OSError"), "instruction sent: {user}");

    let out = ask(
        dir.path(),
        &[&base[..], &["--apply", "catch OSError"]].concat(),
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert_eq!(written, CODE.replace("except:", "except OSError:"));
}

#[tokio::test]
async fn dry_run_prints_the_request_and_sends_nothing() {
    let fake = FakeAgent::start(vec![Reply::stream(anthropic_sse(&["unused"]))]).await;
    let dir = workspace();
    let url = fake.url();
    let out = ask(
        dir.path(),
        &[
            "--file",
            "app.py",
            "--range",
            "6",
            "--mode",
            "explain",
            "--provider",
            "anthropic",
            "--endpoint",
            &url,
            "--dry-run",
            "why?",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is the JSON request");
    assert!(v["url"].as_str().unwrap().ends_with("/v1/messages"));
    assert_eq!(v["body"]["stream"], true);
    let user = v["body"]["messages"][0]["content"].as_str().unwrap();
    assert!(
        user.contains("    except:") && user.contains("why?"),
        "{user}"
    );
    assert!(fake.requests().is_empty(), "dry run sends nothing");
    // The temperature is sent as typed (0.2), not as the f32 widening 0.20000000298023224.
    assert_eq!(v["body"]["temperature"].to_string(), "0.2", "{v}");
}

#[tokio::test]
async fn out_of_range_lines_are_an_error_and_json_errors_are_json() {
    let dir = workspace();
    let out = ask(
        dir.path(),
        &["--file", "app.py", "--range", "999", "--dry-run", "x"],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 999 is past the end of the file (7 lines)"),
        "{err}"
    );
    // No agent configured and `--json`: the error is a JSON object on stdout.
    let out = ask(
        dir.path(),
        &["--file", "app.py", "--provider", "none", "--json", "x"],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert!(
        v["error"].as_str().unwrap().contains("agent.provider"),
        "{v}"
    );
    // A usage error with `--json` is JSON too.
    let out = ask(dir.path(), &["--file", "nope.py", "--json", "x"]).await;
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["error"].as_str().unwrap().contains("nope.py"), "{v}");
}

#[tokio::test]
async fn explain_streams_to_stdout_and_errors_exit_nonzero() {
    let fake = FakeAgent::start(vec![
        Reply::stream(openai_sse(&["It hides ", "errors."])),
        Reply::status(404, "{}"),
    ])
    .await;
    let dir = workspace();
    let url = fake.url();
    let args = [
        "--file",
        "app.py",
        "--mode",
        "explain",
        "--provider",
        "openai",
        "--endpoint",
        &url,
        "--model",
        "m",
    ];
    let out = ask(dir.path(), &args).await;
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "It hides errors."
    );
    let out = ask(dir.path(), &args).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("agent.model"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes a user config (the only place a command may come from) into the workspace's fake home.
fn user_config(dir: &Path, yaml: &str) {
    let cfg = dir.join("config/skill-lsp");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.yaml"), yaml).unwrap();
}

/// Issue 16.1: a command that exits without reading its stdin used to kill `ask` with SIGPIPE
/// (exit 141, no message) in about a third of runs.
#[tokio::test]
async fn a_command_that_ignores_its_stdin_always_gets_a_clear_message() {
    let dir = workspace();
    // A prompt larger than a pipe buffer (64 KiB) makes the write outlive the program every time.
    let big = format!(
        "{CODE}{}",
        "# filler line to make the prompt long\n".repeat(2000)
    );
    std::fs::write(dir.path().join("app.py"), &big).unwrap();
    for (script, expect) in [
        ("exit 0", "empty reply"),
        ("echo not logged in >&2; exit 1", "not logged in"),
    ] {
        user_config(
            dir.path(),
            &format!(
                "agent:\n  provider: command\n  command: sh\n  args: ['-c', {}]\n  contextTokens: 200000\n",
                serde_json::to_string(script).unwrap()
            ),
        );
        // 100 runs in all, 10 at a time (a 2-core CI machine); no bundled skills, so each run
        // costs little more than the race it checks.
        for _ in 0..5 {
            let runs = (0..10).map(|_| {
                ask(
                    dir.path(),
                    &["--no-builtin", "--file", "app.py", "--mode", "review"],
                )
            });
            for out in futures_util::future::join_all(runs).await {
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_eq!(out.status.code(), Some(1), "`{script}`: {stderr}");
                assert!(stderr.contains(expect), "`{script}`: {stderr}");
            }
        }
    }
}

/// Issue 16.2: a program that cannot be started is not "exit by signal".
#[tokio::test]
async fn a_command_that_cannot_start_says_so() {
    let dir = workspace();
    user_config(
        dir.path(),
        "agent:\n  provider: command\n  command: /nonexistent/agent-cli\n",
    );
    let out = ask(dir.path(), &["--file", "app.py", "--mode", "explain"]).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("could not start the agent command `/nonexistent/agent-cli`")
            && stderr.contains("agent.command")
            && !stderr.contains("signal"),
        "{stderr}"
    );
}

/// Issue 16.4: an explanation cut at the output limit is not a success.
#[tokio::test]
async fn an_explanation_cut_at_the_output_limit_exits_nonzero() {
    let mut events = openai_sse(&["It hides ", "errors and"]);
    // The finish event says the model hit its limit.
    events[2] = format!(
        "data: {}\n\n",
        serde_json::json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]})
    );
    let fake = FakeAgent::start(vec![Reply::stream(events)]).await;
    let dir = workspace();
    let url = fake.url();
    let out = ask(
        dir.path(),
        &[
            "--file",
            "app.py",
            "--mode",
            "explain",
            "--provider",
            "openai",
            "--endpoint",
            &url,
            "--model",
            "m",
        ],
    )
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("It hides errors and"),
        "the partial text is still shown"
    );
    assert!(
        stderr.contains("cut short") && stderr.contains("agent.maxOutputTokens"),
        "{stderr}"
    );
}

/// Issue 16: `ask --apply` never writes a file that parsed into one that does not. The reply
/// opens a `try:` around the return and never closes it: refused, the error's line named, the
/// reply printed, the file untouched and status 1.
#[tokio::test]
async fn apply_refuses_a_reply_that_breaks_the_parse() {
    let code = "def load(p):\n    data = open(p).read()\n    return data\n";
    let reply = ["```python\ntry:\n    data = open(p).read()\n```\n"];
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&reply))]).await;
    let dir = workspace();
    std::fs::write(dir.path().join("app.py"), code).unwrap();
    let url = fake.url();
    let out = ask(
        dir.path(),
        &[
            "--file",
            "app.py",
            "--range",
            "2-2",
            "--skill",
            "python-error-handling",
            "--provider",
            "openai",
            "--endpoint",
            &url,
            "--model",
            "m",
            "--apply",
            "guard the read",
        ],
    )
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("would break the file"), "{stderr}");
    assert!(stderr.contains("line 2 "), "{stderr}");
    assert!(stderr.contains("nothing was applied"), "{stderr}");
    assert!(
        stderr.contains("try:\n    data = open(p).read()"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app.py")).unwrap(),
        code
    );
}
