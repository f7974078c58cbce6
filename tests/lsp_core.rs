//! The server through the real protocol (in-process duplex harness): initialization and
//! negotiation, documents and encodings, skill selection, symbols, settings and reloads, errors.

mod common;

use std::time::Duration;

use serde_json::{Value, json};

/// `skill-lsp.skillsForFile` for `uri`.
async fn skills_for(s: &mut common::TestServer, uri: &skill_lsp::lsp::proto::Uri) -> Value {
    s.request_raw(
        "workspace/executeCommand",
        json!({"command": "skill-lsp.skillsForFile", "arguments": [uri.as_str()]}),
    )
    .await
    .unwrap()
}

/// Ask again until the answer satisfies `pred` (a reload runs in the background).
async fn eventually_skills(
    s: &mut common::TestServer,
    uri: &skill_lsp::lsp::proto::Uri,
    pred: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    for _ in 0..50 {
        last = skills_for(s, uri).await;
        if pred(&last) {
            return last;
        }
        s.settle(Duration::from_millis(50)).await;
    }
    panic!(
        "skills for {} never satisfied the condition; last answer: {last}",
        uri.as_str()
    );
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn negotiates_encoding_and_advertises_capabilities() {
    let mut caps = common::default_capabilities();
    caps["general"]["positionEncodings"] = json!(["utf-32", "utf-16"]);
    let mut s = common::builder().capabilities(caps).start().await;
    assert_eq!(s.init_result["capabilities"]["positionEncoding"], "utf-32");
    assert_eq!(s.init_result["serverInfo"]["name"], "skill-lsp");
    let commands = s.init_result["capabilities"]["executeCommandProvider"]["commands"]
        .as_array()
        .unwrap()
        .clone();
    for c in [
        "skill-lsp.skillsForFile",
        "skill-lsp.reload",
        "skill-lsp.ask",
        "skill-lsp.showSkill",
    ] {
        assert!(
            commands.iter().any(|x| x == c),
            "{c} advertised: {commands:?}"
        );
    }
    let init = s
        .request_raw("initialize", json!({"capabilities": {}}))
        .await;
    // A second initialize is an error, and the server keeps serving.
    assert!(init.is_err(), "second initialize must fail: {init:?}");
    let r = s
        .request_raw("workspace/symbol", json!({"query": "docker"}))
        .await
        .unwrap();
    assert!(
        r.as_array().unwrap().iter().any(|x| x["name"] == "docker"),
        "{r}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn skills_for_file_ranks_with_reasons_for_open_and_unopened_files() {
    let mut s = common::builder()
        .file(".cursor/rules/api.mdc", "---\ndescription: API rules\nglobs: api/**/*.py\nalwaysApply: false\n---\n# API\nKeep handlers thin.\n")
        .file("AGENTS.md", "# Agents\nRun `make test` before committing.\n")
        .file("Dockerfile", "FROM python:3.12-slim\n")
        .start()
        .await;
    let uri = s
        .open(
            "api/main.py",
            "python",
            "from fastapi import FastAPI\napp = FastAPI()\n",
        )
        .await;
    let r = skills_for(&mut s, &uri).await;
    let n = names(&r);
    // Strongest evidence first (docs/skill-format.md, "Ranking"): the rule whose explicit glob
    // names this folder, then the skill the imports point at, then the project's AGENTS.md, then
    // skills that only share the language.
    assert_eq!(n[0], "api", "{n:?}");
    assert_eq!(n[1], "fastapi", "{n:?}");
    assert_eq!(n[2], "AGENTS.md", "{n:?}");
    assert!(n.contains(&"api".to_string()), "cursor rule by glob: {n:?}");
    assert!(
        n.contains(&"fastapi".to_string()),
        "bundled fastapi by content: {n:?}"
    );
    let api = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "api")
        .unwrap();
    assert_eq!(
        api["reasons"][0], "glob `**/api/**/*.py`",
        "Copilot-style `**/` prefix (docs/skill-format.md)"
    );
    assert_eq!(api["format"], "cursor-mdc");
    let fastapi = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "fastapi")
        .unwrap();
    assert!(
        fastapi["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "imports fastapi"),
        "the content reason reads as words: {fastapi}"
    );
    assert!(
        std::path::Path::new(fastapi["path"].as_str().unwrap()).exists(),
        "builtin skills are materialized to a real file"
    );

    // A file that is not open is read from disk.
    let docker = s.uri("Dockerfile");
    let r = skills_for(&mut s, &docker).await;
    assert!(names(&r).contains(&"docker".to_string()), "{r}");

    // Bad arguments are a JSON-RPC error, not a crash.
    let err = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "skill-lsp.skillsForFile", "arguments": [42]}),
        )
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32602);
    let err = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": "no.such.command"}),
        )
        .await
        .unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("unknown command"));
    s.shutdown().await;
}

#[tokio::test]
async fn incremental_changes_with_cjk_emoji_and_crlf_keep_selection_right() {
    let mut s = common::builder().start().await;
    let uri = s
        .open("notes/a.py", "python", "# 漢字 😀\r\nimport fastx\r\nlast")
        .await;
    let skills = |r: &Value| names(r).contains(&"fastapi".to_string());
    let r = skills_for(&mut s, &uri).await;
    assert!(!skills(&r), "no fastapi import yet");
    // UTF-16 positions: line 0 is "# 漢字 😀" (😀 = 2 units at col 5..7); line 1 "import fastx".
    s.notify_raw(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 7}, "end": {"line": 1, "character": 12}}, "text": "fastapi"},
            {"range": {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 7}}, "text": "!"},
            {"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 6}}, "text": "?"},
            {"range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 7}}, "text": "\nend"}
        ]}),
    )
    .await;
    let r = skills_for(&mut s, &uri).await;
    assert!(skills(&r), "the edited text imports fastapi: {r}");
    // Break the import with an edit in the middle of the emoji (clamped, no panic), then fix it.
    s.notify_raw(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri.as_str(), "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 1}}, "text": "#"}
        ]}),
    )
    .await;
    let r = skills_for(&mut s, &uri).await;
    assert!(!skills(&r), "commented out: {r}");
    s.shutdown().await;
}

#[tokio::test]
async fn workspace_settings_file_is_untrusted_and_warnings_are_shown_once() {
    let mut s = common::builder()
        .file(
            ".skill-lsp.yaml",
            "agent:\n  command: /bin/evil\nskills:\n  disabled: [docker]\ntips:\n  bogus: 1\n",
        )
        .file("Dockerfile", "FROM alpine\n")
        .start()
        .await;
    let m = s
        .await_message("window/showMessage", |p| {
            p["message"]
                .as_str()
                .unwrap_or("")
                .contains("skill-lsp settings")
        })
        .await;
    let text = m["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("`agent.command` is ignored in a workspace file"),
        "{text}"
    );
    assert!(text.contains("unknown setting `tips.bogus`"), "{text}");
    // `skills.disabled` from the workspace is honoured.
    let docker = s.uri("Dockerfile");
    let r = skills_for(&mut s, &docker).await;
    assert!(!names(&r).contains(&"docker".to_string()), "{r}");
    // The same warnings are not repeated on a configuration change.
    s.notify_raw(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    let again = s
        .await_message_within("window/showMessage", Duration::from_millis(500), |_| true)
        .await;
    assert!(again.is_none(), "warnings shown once: {again:?}");
    s.shutdown().await;
}

#[tokio::test]
async fn editor_settings_and_reload_on_watched_file_change() {
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .start()
        .await;
    s.settle(Duration::from_millis(200)).await;
    let uri = s.open("src/app.py", "python", "import os\n").await;
    let r = skills_for(&mut s, &uri).await;
    assert_eq!(
        r,
        json!([]),
        "builtin skills off through workspace/configuration"
    );
    // The server registered file watchers.
    let reg = s.recorded("client/registerCapability");
    assert!(
        !reg.is_empty()
            && reg[0]["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles",
        "{reg:?}"
    );
    // A new Copilot instruction appears: reload and it applies.
    let path = s.root.join(".github/instructions/py.instructions.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "---\napplyTo: '**/*.py'\n---\nUse type hints.\n").unwrap();
    let file_uri = s.uri(".github/instructions/py.instructions.md");
    s.notify_raw(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri.as_str(), "type": 1}]}),
    )
    .await;
    // A reload picks up the new instruction file.
    let r = eventually_skills(&mut s, &uri, |r| names(r) == vec!["py".to_string()]).await;
    assert_eq!(r[0]["reasons"][0], "glob `**/*.py`");
    s.shutdown().await;
}

#[tokio::test]
async fn malformed_requests_get_errors_and_the_server_keeps_serving() {
    let mut s = common::builder().start().await;
    let err = s
        .request_raw("workspace/executeCommand", json!({"wrong": true}))
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32602, "{err}");
    let err = s
        .request_raw("textDocument/hover", json!({"textDocument": 5}))
        .await
        .unwrap_err();
    assert_eq!(err["code"], -32602, "{err}");
    let err = s.request_raw("no/suchMethod", json!({})).await.unwrap_err();
    assert_eq!(err["code"], -32601, "{err}");
    // Hover on a document that is not open, at an absurd position: answered, no panic.
    let r = s.request_raw("textDocument/hover", json!({"textDocument": {"uri": "file:///nope.py"}, "position": {"line": 4294967295u32, "character": 4294967295u32}})).await;
    assert_eq!(r, Ok(Value::Null));
    s.shutdown().await;
}

#[tokio::test]
async fn exit_without_shutdown_is_not_clean() {
    let s = common::builder().start().await;
    assert!(!s.exit_without_shutdown().await);
}

#[tokio::test]
async fn multi_root_workspace_folders_change() {
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .start()
        .await;
    let other = tempfile::tempdir().unwrap();
    let other_root = other.path().canonicalize().unwrap();
    std::fs::write(other_root.join("AGENTS.md"), "# Other\nUse tabs.\n").unwrap();
    std::fs::write(other_root.join("x.go"), "package x\n").unwrap();
    let other_uri = skill_lsp::lsp::proto::Uri::from_file_path(&other_root).unwrap();
    s.notify_raw(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": other_uri.as_str(), "name": "other"}], "removed": []}}),
    )
    .await;
    let file = skill_lsp::lsp::proto::Uri::from_file_path(other_root.join("x.go")).unwrap();
    // The added folder's AGENTS.md applies.
    let r = eventually_skills(&mut s, &file, |r| names(r) == vec!["AGENTS.md".to_string()]).await;
    assert_eq!(r[0]["reasons"][0], "nearest AGENTS.md (same folder)");
    s.shutdown().await;
}

#[tokio::test]
async fn malformed_guidance_files_show_problems_as_diagnostics_and_the_rest_still_loads() {
    let bad = "---\ndescription: Broken rule\nglobs: **/*.py, src/[oops\nalwaysApply: false\n---\n# Rule\nText.\n";
    let mut s = common::builder()
        .configuration(json!({"skills": {"builtin": false}}))
        .file(".cursor/rules/bad.mdc", bad)
        .file(
            ".cursor/rules/good.mdc",
            "---\ndescription: Good rule\nglobs: \"**/*.py\"\n---\n# Good\nFine.\n",
        )
        .start()
        .await;
    let uri = s.open(".cursor/rules/bad.mdc", "markdown", bad).await;
    let d = s.await_diagnostics(&uri, None).await;
    let codes: Vec<String> = d
        .diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(skill_lsp::lsp::proto::NumberOrString::String(c)) => Some(c.clone()),
            _ => None,
        })
        .collect();
    assert!(
        codes.contains(&"skill-lsp/lenient-yaml".to_string()),
        "{codes:?}"
    );
    assert!(
        codes.contains(&"skill-lsp/bad-glob".to_string()),
        "{codes:?}"
    );
    let glob_diag = d.diagnostics.iter().find(|d| matches!(&d.code, Some(skill_lsp::lsp::proto::NumberOrString::String(c)) if c == "skill-lsp/bad-glob")).unwrap();
    assert_eq!(glob_diag.range.start.line, 2, "on the globs line");
    // Both rules still load; the broken one keeps its good glob.
    let py = s.open("app.py", "python", "x = 1\n").await;
    let r = skills_for(&mut s, &py).await;
    let mut n = names(&r);
    n.sort();
    assert_eq!(n, vec!["bad", "good"], "{r}");
    s.shutdown().await;
}
