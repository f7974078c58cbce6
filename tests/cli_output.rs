//! The CLI as a user reads it, through the real binary: `doctor` exit status, the resolved agent
//! and `--probe` (against the loopback fake agent), `skills` order and plurals.

mod fake_agent;

use std::path::Path;
use std::process::Output;

use fake_agent::{FakeAgent, Reply, openai_sse};

async fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_skill-lsp"));
    cmd.args(args)
        .current_dir(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("SKILL_LSP_LOG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().await.unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

#[tokio::test]
async fn doctor_exits_0_when_nothing_is_wrong_and_says_how_to_configure_an_agent() {
    let dir = workspace();
    let out = run(
        dir.path(),
        &["doctor", "--settings", r#"{"agent":{"provider":"none"}}"#],
        &[],
    )
    .await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("doctor: no problems found"), "{text}");
    assert!(
        text.contains("agent:\n  none: no agent: `agent.provider` is `none`"),
        "{text}"
    );
    assert!(
        text.contains("89 skills loaded") || text.contains("skills loaded"),
        "{text}"
    );
}

#[tokio::test]
async fn doctor_exits_1_on_a_settings_warning_and_a_missing_configured_root() {
    let dir = workspace();
    std::fs::write(
        dir.path().join(".skill-lsp.yaml"),
        "tips:\n  sevrity: warning\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "doctor",
            "--skills",
            "no-such-folder",
            "--settings",
            r#"{"agent":{"provider":"none"}}"#,
        ],
        &[],
    )
    .await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("doctor: 2 problems found:"), "{text}");
    assert!(text.contains("sevrity"), "{text}");
    assert!(text.contains("no-such-folder does not exist"), "{text}");
    // The same verdict in JSON.
    let out = run(
        dir.path(),
        &[
            "doctor",
            "--json",
            "--skills",
            "no-such-folder",
            "--settings",
            r#"{"agent":{"provider":"none"}}"#,
        ],
        &[],
    )
    .await;
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["issues"].as_array().unwrap().len(), 2, "{v}");
}

#[tokio::test]
async fn doctor_shows_the_agent_in_use_and_never_the_key() {
    let dir = workspace();
    let settings = r#"{"agent":{"provider":"openai","endpoint":"https://llm.example.test/v1","model":"m-1","apiKeyEnv":"TEAM_KEY"}}"#;
    let out = run(dir.path(), &["doctor", "--settings", settings], &[]).await;
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a named key variable that is unset is wrong: {text}"
    );
    assert!(text.contains("provider    openai"), "{text}");
    assert!(text.contains("model       m-1"), "{text}");
    assert!(
        text.contains("endpoint    https://llm.example.test/v1"),
        "{text}"
    );
    assert!(text.contains("key         TEAM_KEY is NOT set"), "{text}");
    assert!(
        text.contains("the key variable TEAM_KEY is not set"),
        "{text}"
    );

    let out = run(
        dir.path(),
        &["doctor", "--json", "--settings", settings],
        &[("TEAM_KEY", "sk-very-secret-value")],
    )
    .await;
    let raw = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{raw}");
    assert!(!raw.contains("sk-very-secret-value"), "the key never shows");
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["agent"]["provider"], "openai");
    assert_eq!(v["agent"]["keyEnv"], "TEAM_KEY");
    assert_eq!(v["agent"]["keySet"], true);
    // Floats as typed.
    assert_eq!(
        v["settings"]["agent.temperature"]["value"].to_string(),
        "0.2"
    );
}

#[tokio::test]
async fn doctor_probe_says_whether_the_agent_answers() {
    let fake = FakeAgent::start(vec![
        Reply::stream(openai_sse(&["OK"])),
        Reply::status(401, "{}"),
    ])
    .await;
    let dir = workspace();
    let settings = format!(
        r#"{{"agent":{{"provider":"openai","endpoint":"{}","model":"m","retries":0}}}}"#,
        fake.url()
    );
    let out = run(
        dir.path(),
        &["doctor", "--probe", "--settings", &settings],
        &[],
    )
    .await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("probe       ok, answered in"), "{text}");
    assert!(
        text.contains("key         none needed (local endpoint)"),
        "{text}"
    );
    assert_eq!(fake.requests().len(), 1, "one tiny request");
    let body = fake.requests()[0].json();
    assert!(body["max_tokens"].as_u64().unwrap() <= 16, "{body}");

    let out = run(
        dir.path(),
        &["doctor", "--probe", "--settings", &settings],
        &[],
    )
    .await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("probe       FAILED: the agent rejected the credentials"),
        "{text}"
    );
}

/// What `:checkhealth skill_lsp` and VS Code's "Show status" run for a new user with no agent:
/// agent actions are optional, so `--probe` with nothing to probe is not a failure (it was: the
/// missing agent came back as a failed probe and doctor exited 1); an explicit provider that
/// cannot work still is.
#[tokio::test]
async fn doctor_probe_without_an_agent_is_not_a_failure() {
    let dir = workspace();
    let out = run(
        dir.path(),
        &[
            "doctor",
            "--json",
            "--probe",
            "--settings",
            r#"{"agent":{"provider":"none"}}"#,
        ],
        &[],
    )
    .await;
    let raw = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{raw}");
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["agent"]["provider"], "none", "{v}");
    assert!(v["agent"].get("probe").is_none(), "nothing to probe: {v}");
    assert!(
        v["agent"]["error"].as_str().unwrap().contains("`none`"),
        "{v}"
    );

    let out = run(
        dir.path(),
        &[
            "doctor",
            "--probe",
            "--settings",
            r#"{"agent":{"provider":"command"}}"#,
        ],
        &[],
    )
    .await;
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("agent: `agent.provider` is `command` but"),
        "{text}"
    );
}

#[tokio::test]
async fn skills_are_listed_by_name_with_correct_plurals() {
    let dir = workspace();
    let out = run(dir.path(), &["skills", "--json"], &[]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<String> = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name by default");
    // Named content signals are listed as declared (issue 15): the PostgreSQL skill's dialect.
    let pg = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "postgresql")
        .expect("bundled postgresql skill");
    assert_eq!(pg["signals"][0]["kind"], "dialect", "{pg}");
    assert_eq!(pg["signals"][0]["values"][0], "postgresql", "{pg}");
    let out = run(dir.path(), &["skills", "--json", "--sort", "path"], &[]).await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert!(paths.windows(2).all(|w| w[0] <= w[1]), "--sort path");

    let skill = dir.path().join(".agents/skills/only/SKILL.md");
    std::fs::create_dir_all(skill.parent().unwrap()).unwrap();
    std::fs::write(
        &skill,
        "---\nname: only\ndescription: The only one.\n---\n# Only\n",
    )
    .unwrap();
    let out = run(dir.path(), &["skills", "--no-builtin"], &[]).await;
    let text = stdout(&out);
    assert!(text.trim_end().ends_with("1 skill, 0 problems"), "{text}");
}
