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
