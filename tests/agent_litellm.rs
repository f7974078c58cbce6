//! The agent against a real third-party server (issue 16): LiteLLM's proxy, pinned and installed
//! by scripts/litellm-venv.sh, on a loopback port. `skill-lsp ask` (the real binary) over both
//! wire formats, prose, 429, 500 and a slow reply; and the LSP code-action round trip (in-process
//! harness) from `textDocument/codeAction` to a versioned `workspace/applyEdit`. One proxy for the
//! whole file (it takes seconds to start), so the cases run in one test, each labelled.

mod common;
mod litellm;

use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use serde_json::{Value, json};

const CODE: &str = "import os\n\ndef load(p):\n    try:\n        return open(p).read()\n    except:\n        return None\n";
const FIXED: &str = "import os\n\ndef load(p):\n    try:\n        return open(p).read()\n    except OSError:\n        return None\n";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("app.py"), CODE).unwrap();
    // The key comes from an environment variable named in the user's settings (loopback
    // endpoints get no key otherwise).
    let cfg = dir.path().join("config/skill-lsp");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.yaml"),
        "agent:\n  apiKeyEnv: LITELLM_TEST_KEY\n  retries: 1\n",
    )
    .unwrap();
    dir
}

async fn ask(dir: &Path, provider: &str, base: &str, model: &str, extra: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_skill-lsp"))
        .args([
            "ask",
            "--no-builtin",
            "--file",
            "app.py",
            "--provider",
            provider,
            "--endpoint",
            base,
            "--model",
            model,
        ])
        .args(extra)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("LITELLM_TEST_KEY", litellm::MASTER_KEY)
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .output()
        .await
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[tokio::test]
async fn litellm_proxy_end_to_end() {
    let Some(exe) = litellm::executable() else {
        return;
    };
    let proxy = litellm::start(&exe);
    eprintln!(
        "litellm answered after {:.1} s",
        proxy.startup.as_secs_f64()
    );
    let base = proxy.base();

    // A rewrite over each wire format: the diff, then --apply writes the file.
    for provider in ["openai", "anthropic"] {
        let model = if provider == "openai" {
            "code"
        } else {
            "claude-code"
        };
        let dir = workspace();
        let out = ask(
            dir.path(),
            provider,
            &base,
            model,
            &["--range", "4-7", "catch OSError"],
        )
        .await;
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(
            out.status.success(),
            "{provider}: {stderr}\n{}",
            std::fs::read_to_string(&proxy.log).unwrap_or_default()
        );
        assert!(
            stdout.contains("-    except:\n") && stdout.contains("+    except OSError:\n"),
            "{provider}: {stdout}"
        );
        let out = ask(
            dir.path(),
            provider,
            &base,
            model,
            &["--range", "4-7", "--apply", "catch OSError"],
        )
        .await;
        assert!(out.status.success(), "{provider}: {}", text(&out.stderr));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("app.py")).unwrap(),
            FIXED,
            "{provider}"
        );
    }

    let dir = workspace();
    // Prose only: nothing applied, the prose shown, status 1.
    let out = ask(dir.path(), "openai", &base, "prose", &["--range", "4-7"]).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "prose: {stderr}");
    assert!(
        stderr.contains("no code in reply") && stderr.contains("the caller retries"),
        "prose: {stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app.py")).unwrap(),
        CODE
    );

    // Explain streams the prose to stdout over the Anthropic route.
    let out = ask(
        dir.path(),
        "anthropic",
        &base,
        "claude-code",
        &["--mode", "explain"],
    )
    .await;
    assert!(out.status.success(), "explain: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("except OSError:"),
        "explain: {}",
        text(&out.stdout)
    );

    // 429 and 500 from LiteLLM's own error paths.
    let out = ask(
        dir.path(),
        "openai",
        &base,
        "ratelimited",
        &["--mode", "explain"],
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "429: {stderr}");
    assert!(stderr.contains("rate limiting"), "429: {stderr}");
    let out = ask(
        dir.path(),
        "openai",
        &base,
        "broken",
        &["--mode", "explain"],
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "500: {stderr}");
    assert!(stderr.contains("server error (HTTP 500)"), "500: {stderr}");

    // A slow, long reply: `agent.timeoutSecs` bounds it with a clear message.
    std::fs::write(
        dir.path().join("config/skill-lsp/config.yaml"),
        "agent:\n  apiKeyEnv: LITELLM_TEST_KEY\n  timeoutSecs: 1\n",
    )
    .unwrap();
    let t = std::time::Instant::now();
    let out = ask(dir.path(), "openai", &base, "slow", &["--mode", "explain"]).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "slow: {stderr}");
    assert!(
        stderr.contains("did not finish within 1s"),
        "slow: {stderr}"
    );
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "slow: {:?}",
        t.elapsed()
    );
    // ... and with time to finish, all of it arrives (generous: the proxy streams the mock
    // reply slowly, and took over 60 s on a loaded machine).
    std::fs::write(
        dir.path().join("config/skill-lsp/config.yaml"),
        "agent:\n  apiKeyEnv: LITELLM_TEST_KEY\n  timeoutSecs: 300\n",
    )
    .unwrap();
    let out = ask(dir.path(), "openai", &base, "slow", &["--mode", "explain"]).await;
    assert!(out.status.success(), "slow: {}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Line 399 of a long answer"),
        "slow reply complete"
    );

    lsp_round_trip(&base).await;
}

/// codeAction -> executeCommand -> versioned applyEdit, the agent being LiteLLM.
async fn lsp_round_trip(base: &str) {
    let mut l =
        skill_lsp::agent::Limits::from_settings(&skill_lsp::settings::Settings::default().agent);
    l.retries = 0;
    let agent = Arc::new(
        skill_lsp::agent::openai::OpenAi::new(
            base.to_string(),
            "code".into(),
            Some(litellm::MASTER_KEY.into()),
            "LITELLM_TEST_KEY".into(),
            l,
        )
        .unwrap(),
    );
    let mut s = common::builder()
        .deps(move |d| d.agent = Some(agent))
        .start()
        .await;
    let uri = s.open("app.py", "python", CODE).await;
    let diags = serde_json::to_value(s.await_diagnostics(&uri, Some(1)).await.diagnostics).unwrap();
    let actions = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": {"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 4}}, "context": {"diagnostics": diags}}),
        )
        .await
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .starts_with("Ask agent: fix")
        })
        .unwrap_or_else(|| panic!("no fix action: {actions}"))
        .clone();
    let r = s
        .request_raw("workspace/executeCommand", fix["command"].clone())
        .await
        .unwrap();
    assert_eq!(r["applied"], true, "{r}");
    let edit: Value =
        s.recorded("workspace/applyEdit")[0]["params"]["edit"]["documentChanges"][0].clone();
    assert_eq!(edit["textDocument"]["version"], 1, "{edit}");
    let new_text = edit["edits"][0]["newText"].as_str().unwrap();
    assert!(
        new_text.contains("except OSError:") && !new_text.contains("except:"),
        "{new_text}"
    );
    s.shutdown().await;
}
