//! Where skills come from, through the real protocol and the real binary: identical copies load
//! once, a workspace skill shadowing a bundled one keeps the bundled tips unless it declares its
//! own, a start without a workspace folder (or on the home folder) walks nothing, and the
//! server's own cache files are not served.

mod common;

use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

#[path = "common/frames.rs"]
mod frames;

const SKILL: &str = "---\nname: team-style\ndescription: Our team's Python style.\npaths: ['**/*.py']\n---\n# Team style\n\nUse type hints.\n";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skill-lsp"));
    c.env_remove("OPENAI_API_KEY")
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("SKILL_LSP_LOG");
    c
}

#[test]
fn identical_copies_in_two_conventional_places_load_once_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for place in [".agents/skills/team-style", ".claude/skills/team-style"] {
        std::fs::create_dir_all(root.join(place)).unwrap();
        std::fs::write(root.join(place).join("SKILL.md"), SKILL).unwrap();
    }
    // A different text under the same name is still a clash, reported as before.
    let out = bin()
        .args(["skills", "--json", "--no-builtin"])
        .current_dir(root)
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let skills = v["skills"].as_array().unwrap();
    let named: Vec<&Value> = skills
        .iter()
        .filter(|s| s["name"] == "team-style")
        .collect();
    assert_eq!(named.len(), 1, "{v}");
    assert!(
        named[0]["problems"].as_array().unwrap().is_empty(),
        "no name-clash warning for an identical copy: {v}"
    );
    assert!(v["problems"].as_array().unwrap().is_empty(), "{v}");

    std::fs::write(
        root.join(".claude/skills/team-style/SKILL.md"),
        SKILL.replace("Use type hints.", "Use type hints everywhere."),
    )
    .unwrap();
    let out = bin()
        .args(["skills", "--json", "--no-builtin"])
        .current_dir(root)
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.to_string().contains("name-clash"),
        "different texts under one name still clash: {v}"
    );
}

const DOCKER_SHADOW: &str = "---\nname: docker\ndescription: Our Docker conventions.\npaths: ['**/Dockerfile']\n---\n# Docker\n\nWe build from our own base images.\n";

async fn dockerfile_diagnostics(files: &[(&str, &str)]) -> (Vec<Value>, Vec<Value>) {
    let mut b = common::builder();
    for (rel, text) in files {
        b = b.file(rel, text);
    }
    let mut s = b.start().await;
    let uri = s
        .open("Dockerfile", "dockerfile", "FROM node:latest\nRUN npm ci\n")
        .await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let docker = serde_json::to_value(&d.diagnostics).unwrap();
    let skill_uri = s.uri(".agents/skills/docker/SKILL.md");
    let text = std::fs::read_to_string(s.root.join(".agents/skills/docker/SKILL.md")).unwrap();
    s.notify_raw("textDocument/didOpen", json!({"textDocument": {"uri": skill_uri.as_str(), "languageId": "markdown", "version": 1, "text": text}})).await;
    let d = s.await_diagnostics(&skill_uri, Some(1)).await;
    let skill = serde_json::to_value(&d.diagnostics).unwrap();
    s.shutdown().await;
    (
        docker.as_array().unwrap().clone(),
        skill.as_array().unwrap().clone(),
    )
}

#[tokio::test]
async fn a_workspace_skill_shadowing_a_bundled_one_keeps_its_tips_and_is_reported_once() {
    let (docker, skill) =
        dockerfile_diagnostics(&[(".agents/skills/docker/SKILL.md", DOCKER_SHADOW)]).await;
    let codes: Vec<&str> = docker.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(
        codes.contains(&"docker/latest-tag"),
        "the bundled tips stay, under the skill's name: {docker:?}"
    );
    let shadow: Vec<&Value> = skill
        .iter()
        .filter(|d| d["code"] == "skill-lsp/shadows-bundled")
        .collect();
    assert_eq!(shadow.len(), 1, "reported once: {skill:?}");
    assert_eq!(shadow[0]["severity"], 3, "as information");
    assert!(
        shadow[0]["message"]
            .as_str()
            .unwrap()
            .contains("keeps its tips"),
        "{skill:?}"
    );
    assert!(
        !skill.iter().any(|d| d["code"] == "skill-lsp/name-clash"),
        "no clash warning: {skill:?}"
    );
}

#[tokio::test]
async fn a_shadowing_skill_with_tips_of_its_own_replaces_the_bundled_tips() {
    let own = DOCKER_SHADOW.replace(
        "We build from our own base images.\n",
        "We build from our own base images.\n\n<!-- skill-lsp tip\n- id: npm-ci\n  pattern: 'npm ci'\n  message: Use our cached install step.\n-->\n",
    );
    let (docker, skill) = dockerfile_diagnostics(&[(".agents/skills/docker/SKILL.md", &own)]).await;
    let codes: Vec<&str> = docker.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"docker/npm-ci"), "{docker:?}");
    assert!(
        !codes.contains(&"docker/latest-tag"),
        "its own tips replace the bundled ones: {docker:?}"
    );
    assert!(
        skill
            .iter()
            .any(|d| d["code"] == "skill-lsp/shadows-bundled"
                && d["message"].as_str().unwrap().contains("tips included")),
        "{skill:?}"
    );
}

#[tokio::test]
async fn the_servers_own_cache_files_are_not_served() {
    let mut s = common::builder().start().await;
    let cache_file = s.cache.join("answers/Dockerfile");
    std::fs::create_dir_all(cache_file.parent().unwrap()).unwrap();
    std::fs::write(&cache_file, "FROM node:latest\n").unwrap();
    let cache_uri = tower_lsp_server::ls_types::Uri::from_file_path(&cache_file).unwrap();
    s.notify_raw("textDocument/didOpen", json!({"textDocument": {"uri": cache_uri.as_str(), "languageId": "dockerfile", "version": 1, "text": "FROM node:latest\n"}})).await;
    // The same text in the workspace gets its diagnostics: the cache file would have by now.
    let uri = s
        .open("Dockerfile", "dockerfile", "FROM node:latest\n")
        .await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    assert!(!d.diagnostics.is_empty());
    let u = cache_uri.as_str().to_string();
    let got = s
        .await_message_within(
            "textDocument/publishDiagnostics",
            Duration::from_millis(800),
            move |p| p["uri"] == u.as_str(),
        )
        .await;
    assert!(got.is_none(), "a cache file got diagnostics: {got:?}");
    let r = s
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": cache_uri.as_str()}, "position": {"line": 0, "character": 12}}),
        )
        .await;
    assert_eq!(r, Ok(Value::Null), "no hover on a cache file");
    s.shutdown().await;
}

/// Starts the real binary with `cwd` and `home`, initializes with `init` params, opens `file`
/// and returns (the skillsForFile answer, every workspace symbol).
fn serve_once(
    cwd: &std::path::Path,
    home: &std::path::Path,
    init: Value,
    file: &std::path::Path,
    text: &str,
) -> (Value, Value) {
    let mut child = bin()
        .arg("serve")
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache-test"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let uri = format!("file://{}", file.display());
    let mut send = |m: Value| {
        stdin.write_all(&frames::frame(&m)).unwrap();
        stdin.flush().unwrap();
    };
    let mut wait = |id: i64| loop {
        let m = frames::read_msg(&mut out).expect("server closed stdout");
        if m["id"] == id && m.get("method").is_none() {
            return m["result"].clone();
        }
    };
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init}));
    wait(1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}}),
    );
    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand", "params": {"command": "skill-lsp.skillsForFile", "arguments": [uri]}}),
    );
    let skills = wait(2);
    send(json!({"jsonrpc": "2.0", "id": 3, "method": "workspace/symbol", "params": {"query": ""}}));
    let symbols = wait(3);
    send(json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}));
    wait(4);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    (skills, symbols)
}

/// A big folder with guidance files deep inside (as a home folder has in its caches).
fn big_folder(root: &std::path::Path) {
    for i in 0..300 {
        let d = root.join(format!("deps/crate-{i}/src"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("lib.rs"), "fn main() {}\n").unwrap();
    }
    std::fs::write(
        root.join("deps/crate-7/CLAUDE.md"),
        "# Dependency rules\n\nThis is someone else's.\n",
    )
    .unwrap();
    std::fs::write(root.join("AGENTS.md"), "# Home agents\n\nNot a project.\n").unwrap();
    std::fs::create_dir_all(root.join(".cursor/rules")).unwrap();
    std::fs::write(
        root.join(".cursor/rules/any.mdc"),
        "---\nalwaysApply: true\n---\nEverything.\n",
    )
    .unwrap();
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_start_without_a_workspace_folder_walks_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    big_folder(&root);
    let file = root.join("script.py");
    std::fs::write(&file, "print('hi')\n").unwrap();
    let (skills, symbols) = serve_once(
        &root,
        &root.join("home"),
        json!({"capabilities": {}}),
        &file,
        "print('hi')\n",
    );
    let skill_names = names(&skills);
    assert!(
        !skill_names.is_empty(),
        "bundled skills still apply: {skills}"
    );
    let all = names(&symbols);
    for guidance in ["CLAUDE", "AGENTS", "any"] {
        assert!(
            !all.iter().chain(&skill_names).any(|n| n.contains(guidance)),
            "nothing from the working folder is loaded ({guidance}): {all:?}"
        );
    }
}

#[test]
fn a_home_folder_as_the_root_is_not_walked_but_a_project_is() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().canonicalize().unwrap();
    big_folder(&home);
    let file = home.join("script.py");
    std::fs::write(&file, "print('hi')\n").unwrap();
    let root_uri = format!("file://{}", home.display());
    let init = json!({"capabilities": {}, "rootUri": root_uri, "workspaceFolders": [{"uri": root_uri, "name": "home"}]});
    let (_, symbols) = serve_once(&home, &home, init.clone(), &file, "print('hi')\n");
    let all = names(&symbols);
    assert!(
        !all.iter()
            .any(|n| n.contains("CLAUDE") || n.contains("AGENTS") || n == "any"),
        "the home folder is not walked: {all:?}"
    );
    // The same folder as a project (it has `.git`) is walked as before.
    std::fs::create_dir_all(home.join(".git")).unwrap();
    let (_, symbols) = serve_once(&home, &home, init, &file, "print('hi')\n");
    let all = names(&symbols);
    assert!(
        all.iter().any(|n| n == "any"),
        "a project is walked: {all:?}"
    );
}

#[tokio::test]
async fn agent_status_says_plainly_when_no_agent_is_configured() {
    let mut s = common::builder()
        .init_options(json!({"agent": {"provider": "none"}}))
        .start()
        .await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "skill-lsp.agentStatus", "arguments": []}),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("set it to `auto`, `openai`, `anthropic` or `command`"),
        "{r}"
    );
    s.shutdown().await;
}
