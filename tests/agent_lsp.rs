//! Agent actions through the real protocol (in-process duplex harness) against the loopback fake
//! agent server: code actions, versioned rewrite edits, refusal when the document changed,
//! progress, both cancellation paths, hover while an agent streams, explain answers, and the
//! "no agent" path with "Open the prompt".

mod common;
mod fake_agent;

use std::sync::Arc;
use std::time::Duration;

use fake_agent::{End, FakeAgent, Reply, openai_partial, openai_sse};
use serde_json::{Value, json};
use skill_lsp::agent::Limits;
use skill_lsp::agent::openai::OpenAi;

const CODE: &str = "import os\n\ndef load(p):\n    try:\n        return open(p).read()\n    except:\n        return None\n";

fn limits() -> Limits {
    let mut l = Limits::from_settings(&skill_lsp::settings::Settings::default().agent);
    l.retries = 0;
    l
}

async fn server(fake: &FakeAgent) -> common::TestServer {
    let agent = OpenAi::new(
        fake.url(),
        "fake-model".into(),
        None,
        "OPENAI_API_KEY".into(),
        limits(),
    )
    .unwrap();
    common::builder()
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn ask(uri: &str, range: Value, mode: &str, skills: &[&str]) -> Value {
    json!({"command": "skill-lsp.ask", "arguments": [{"uri": uri, "range": range, "mode": mode, "skills": skills}]})
}

const REWRITE_REPLY: &[&str] = &[
    "Here you go:\n```python\n",
    "try:\n    return open(p).read()\n",
    "except OSError:\n    return None\n```\n",
];

#[tokio::test]
async fn rewrite_applies_a_versioned_edit() {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(REWRITE_REPLY))]).await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(
                uri.as_str(),
                range(3, 0, 7, 0),
                "rewrite",
                &["python-error-handling"],
            ),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["applied"], true, "{r}");
    let edits = s.recorded("workspace/applyEdit");
    assert_eq!(edits.len(), 1);
    let dc = &edits[0]["params"]["edit"]["documentChanges"][0];
    assert_eq!(dc["textDocument"]["uri"], uri.as_str());
    assert_eq!(
        dc["textDocument"]["version"], 1,
        "the version the prompt was built from"
    );
    assert_eq!(dc["edits"][0]["range"], range(3, 0, 7, 0));
    assert_eq!(
        dc["edits"][0]["newText"],
        "    try:\n        return open(p).read()\n    except OSError:\n        return None\n",
        "indentation restored"
    );
    // What the agent saw: the selection, the skill's guidance and the tip raised in range.
    let body = fake.requests()[0].json();
    let user = body["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("    except:\n        return None"), "{user}");
    assert!(user.contains("Skill `python-error-handling`"), "{user}");
    assert!(
        user.contains("python-error-handling/bare-except"),
        "tip finding in range: {user}"
    );
    assert!(
        body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("exactly one fenced code block")
    );
    s.shutdown().await;
}

#[tokio::test]
async fn a_changed_document_gets_no_edit() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_sse(REWRITE_REPLY),
        Duration::from_millis(150),
        End::Finish,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await;
    s.await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    // The user edits the selected code while the agent streams.
    s.change_full(&uri, 2, &CODE.replace("except:", "except ValueError:"))
        .await;
    let r = s.await_response(id).await.unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("changed while the agent was working"),
        "{r}"
    );
    assert!(
        s.recorded("workspace/applyEdit").is_empty(),
        "no edit may be sent"
    );
    let msg = s
        .await_message("window/showMessage", |p| {
            p["message"].as_str().unwrap_or("").contains("changed")
        })
        .await;
    assert_eq!(msg["params"]["type"], 1, "an error message");
    s.shutdown().await;
}

#[tokio::test]
async fn an_edit_elsewhere_still_applies_with_the_new_version() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_sse(REWRITE_REPLY),
        Duration::from_millis(150),
        End::Finish,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await;
    s.await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    s.change_full(&uri, 2, &format!("{CODE}\n# trailing comment\n"))
        .await;
    let r = s.await_response(id).await.unwrap();
    assert_eq!(r["applied"], true, "{r}");
    let edits = s.recorded("workspace/applyEdit");
    assert_eq!(
        edits[0]["params"]["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    s.shutdown().await;
}

#[tokio::test]
async fn prose_replies_are_never_applied() {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[
        "I think this code is fine as it is, and I would not change anything here.",
    ]))])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false);
    assert!(
        r["error"].as_str().unwrap().contains("no code in reply"),
        "{r}"
    );
    assert!(s.recorded("workspace/applyEdit").is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn progress_begins_reports_and_ends() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_sse(REWRITE_REPLY),
        Duration::from_millis(80),
        End::Finish,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(
                uri.as_str(),
                range(3, 0, 7, 0),
                "rewrite",
                &["python-error-handling"],
            ),
        )
        .await;
    let begin = s
        .await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    let token = begin["params"]["token"].clone();
    assert_eq!(begin["params"]["value"]["title"], "skill-lsp: rewrite");
    assert_eq!(begin["params"]["value"]["cancellable"], true);
    assert!(
        begin["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .contains("python-error-handling"),
        "{begin}"
    );
    let created = s.recorded("window/workDoneProgress/create");
    assert_eq!(
        created[0]["params"]["token"], token,
        "token created before use"
    );
    let t2 = token.clone();
    let report = s
        .await_message("$/progress", move |p| {
            p["token"] == t2
                && p["value"]["kind"] == "report"
                && p["value"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("received")
        })
        .await;
    assert!(
        report["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .contains(" B"),
        "{report}"
    );
    let t3 = token.clone();
    let end = s
        .await_message("$/progress", move |p| {
            p["token"] == t3 && p["value"]["kind"] == "end"
        })
        .await;
    assert!(
        end["params"]["value"]["message"]
            .as_str()
            .unwrap()
            .starts_with("applied"),
        "{end}"
    );
    assert_eq!(s.await_response(id).await.unwrap()["applied"], true);
    s.shutdown().await;
}

#[tokio::test]
async fn work_done_progress_cancel_stops_the_stream() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_partial(&["```python\n", "x = 1\n"]),
        Duration::from_millis(50),
        End::Hang,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await;
    let begin = s
        .await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    let token = begin["params"]["token"].clone();
    assert!(fake.wait_requests(1, Duration::from_secs(5)).await);
    s.notify_raw("window/workDoneProgress/cancel", json!({"token": token}))
        .await;
    let r = s.await_response(id).await.unwrap();
    assert_eq!(r["cancelled"], true, "{r}");
    assert!(
        fake.wait_hangup(Duration::from_secs(5)).await,
        "the HTTP stream was closed"
    );
    let t2 = token.clone();
    s.await_message("$/progress", move |p| {
        p["token"] == t2 && p["value"]["kind"] == "end"
    })
    .await;
    assert!(s.recorded("workspace/applyEdit").is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn cancel_request_stops_the_stream() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_partial(&["```python\n"]),
        Duration::ZERO,
        End::Hang,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await;
    let begin = s
        .await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    assert!(fake.wait_requests(1, Duration::from_secs(5)).await);
    s.notify_raw("$/cancelRequest", json!({"id": id})).await;
    let err = s.await_response(id).await.unwrap_err();
    assert_eq!(err["code"], -32800, "RequestCancelled: {err}");
    assert!(
        fake.wait_hangup(Duration::from_secs(5)).await,
        "dropping the request closed the HTTP stream"
    );
    let token = begin["params"]["token"].clone();
    let end = s
        .await_message("$/progress", move |p| {
            p["token"] == token && p["value"]["kind"] == "end"
        })
        .await;
    assert_eq!(end["params"]["value"]["message"], "cancelled");
    s.shutdown().await;
}

#[tokio::test]
async fn hover_answers_while_a_slow_agent_streams() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_partial(&["```python\n", "x\n", "y\n"]),
        Duration::from_millis(500),
        End::Hang,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let id = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await;
    s.await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    assert!(fake.wait_requests(1, Duration::from_secs(5)).await);
    let started = std::time::Instant::now();
    let hover = s
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 5, "character": 6}}),
        )
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "hover waited for the agent: {:?}",
        started.elapsed()
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("bare except"),
        "tip hover: {hover}"
    );
    assert_eq!(fake.hangups(), 0, "the agent is still streaming");
    s.notify_raw("$/cancelRequest", json!({"id": id})).await;
    let _ = s.await_response(id).await;
    s.shutdown().await;
}

#[tokio::test]
async fn explain_opens_a_markdown_answer() {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[
        "The bare `except:` ",
        "also catches KeyboardInterrupt.",
    ]))])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 4, 5, 4), "explain", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], true, "{r}");
    let path = r["path"].as_str().unwrap();
    assert!(
        std::path::Path::new(path).starts_with(s.cache.join("answers")),
        "answers go to the server's cache folder, never the user's: {path}"
    );
    let md = std::fs::read_to_string(path).unwrap();
    assert!(md.contains("also catches KeyboardInterrupt"), "{md}");
    assert!(md.contains("app.py"));
    let shown = s.recorded("window/showDocument");
    assert!(
        shown[0]["params"]["uri"].as_str().unwrap().ends_with(
            std::path::Path::new(path)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        )
    );
    // A cursor explains its enclosing block.
    let user = fake.requests()[0].json()["messages"][1]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(user.contains("    except:\n        return None"), "{user}");
    assert!(s.recorded("workspace/applyEdit").is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn no_agent_says_so_and_offers_the_prompt() {
    let mut s = common::builder()
        .init_options(json!({"agent": {"provider": "none"}}))
        .start()
        .await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["noAgent"], true, "{r}");
    assert!(
        r["error"].as_str().unwrap().contains("agent.provider"),
        "{r}"
    );
    let q = s.await_message("window/showMessageRequest", |_| true).await;
    assert_eq!(q["params"]["actions"][0]["title"], "Open the prompt");
    // The offered command writes the prompt and shows it.
    let open =
        json!({"command": r["openPrompt"]["command"], "arguments": r["openPrompt"]["arguments"]});
    let p = s
        .request_raw("workspace/executeCommand", open)
        .await
        .unwrap();
    assert_eq!(p["ok"], true, "{p}");
    let md = std::fs::read_to_string(p["path"].as_str().unwrap()).unwrap();
    assert!(
        md.contains("# System") && md.contains("    except:\n        return None"),
        "{md}"
    );
    assert!(!s.recorded("window/showDocument").is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn gitignored_files_are_never_sent() {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(REWRITE_REPLY))]).await;
    let agent = OpenAi::new(
        fake.url(),
        "m".into(),
        None,
        "OPENAI_API_KEY".into(),
        limits(),
    )
    .unwrap();
    let mut s = common::builder()
        .file(".gitignore", "secret/\n")
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await;
    let uri = s.open("secret/app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "explain", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false);
    assert!(r["error"].as_str().unwrap().contains(".gitignore"), "{r}");
    assert!(fake.requests().is_empty(), "nothing reached the agent");
    s.shutdown().await;
}

#[tokio::test]
async fn code_actions_offer_apply_fix_explain_and_review() {
    let fake = FakeAgent::start(vec![Reply::status(500, "unused")]).await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let diags = s.await_diagnostics(&uri, None).await;
    let tip = diags.diagnostics.iter().find(|d| matches!(&d.code, Some(skill_lsp::lsp::proto::NumberOrString::String(c)) if c == "python-error-handling/bare-except")).expect("bare-except tip").clone();
    let params = json!({"textDocument": {"uri": uri.as_str()}, "range": range(3, 0, 7, 0), "context": {"diagnostics": [tip]}});
    let actions = s
        .request_raw("textDocument/codeAction", params.clone())
        .await
        .unwrap();
    let list = actions.as_array().unwrap();
    let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
    let fix = list
        .iter()
        .find(|a| a["title"] == "Ask agent: fix python-error-handling/bare-except")
        .unwrap_or_else(|| panic!("{titles:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["command"]["command"], "skill-lsp.ask");
    assert_eq!(
        fix["command"]["arguments"][0]["skills"][0],
        "python-error-handling"
    );
    let applies: Vec<&Value> = list
        .iter()
        .filter(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ask agent: apply ")
        })
        .collect();
    assert!(!applies.is_empty() && applies.len() <= 3, "{titles:?}");
    // Both skills whose tips fire in the selection (open-read chain on line 5, bare except on
    // line 6) come before the merely applicable ones.
    let mut firing: Vec<&str> = applies
        .iter()
        .take(2)
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    firing.sort();
    assert_eq!(
        firing,
        [
            "Ask agent: apply python-error-handling",
            "Ask agent: apply python-resource-management"
        ],
        "{titles:?}"
    );
    assert!(
        applies.iter().all(|a| a["kind"] == "refactor.rewrite"
            && a["command"]["arguments"][0]["mode"] == "rewrite")
    );
    assert!(titles.contains(&"Ask agent: explain with skills"));
    assert!(titles.contains(&"Ask agent: review this file with skills"));
    assert!(
        fake.requests().is_empty(),
        "code actions never call the agent"
    );
    // `only` filters by kind.
    let mut only = params.clone();
    only["context"]["only"] = json!(["quickfix"]);
    let actions = s
        .request_raw("textDocument/codeAction", only)
        .await
        .unwrap();
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] == "quickfix"),
        "{actions}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn agent_errors_are_shown_and_the_request_returns() {
    let fake = FakeAgent::start(vec![Reply::status(
        401,
        r#"{"error":{"message":"bad key"}}"#,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "rewrite", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false);
    let msg = s
        .await_message("window/showMessage", |p| p["type"] == 1)
        .await;
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("OPENAI_API_KEY"),
        "{msg}"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn agent_hover_is_cached_and_never_blocks_the_tip() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_sse(&["Name the exception you expect."]),
        Duration::from_millis(400),
        End::Finish,
    )])
    .await;
    let agent = OpenAi::new(
        fake.url(),
        "m".into(),
        None,
        "OPENAI_API_KEY".into(),
        limits(),
    )
    .unwrap();
    let mut s = common::builder()
        .init_options(json!({"hover": {"agent": true, "agentTimeoutMs": 100}}))
        .deps(|d| d.agent = Some(Arc::new(agent)))
        .start()
        .await;
    let uri = s.open("app.py", "python", CODE).await;
    let hover_params =
        json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 5, "character": 6}});
    let first = s
        .request_raw("textDocument/hover", hover_params.clone())
        .await
        .unwrap();
    let v = first["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("bare except") && !v.contains("**Agent:**"),
        "tip alone on timeout: {v}"
    );
    // The explanation keeps computing in the background and lands in the cache.
    assert!(fake.wait_requests(1, Duration::from_secs(5)).await);
    let mut augmented = None;
    for _ in 0..40 {
        let h = s
            .request_raw("textDocument/hover", hover_params.clone())
            .await
            .unwrap();
        if h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**Agent:** Name the exception you expect.")
        {
            augmented = Some(h);
            break;
        }
        s.settle(Duration::from_millis(100)).await;
    }
    assert!(augmented.is_some(), "cached explanation shown");
    assert_eq!(
        fake.requests().len(),
        1,
        "one agent call for the same span and skills"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn concurrent_runs_are_bounded_so_the_server_stays_responsive() {
    let fake = FakeAgent::start(vec![Reply::slow(
        openai_partial(&["```python\n"]),
        Duration::ZERO,
        End::Hang,
    )])
    .await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let a = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "explain", &[]),
        )
        .await;
    let b = s
        .start_request(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "explain", &[]),
        )
        .await;
    // Both progress tokens created (the harness answers while it waits), both runs started.
    let first = s
        .await_message("$/progress", |p| p["value"]["kind"] == "begin")
        .await;
    let t1 = first["params"]["token"].clone();
    s.await_message("$/progress", move |p| {
        p["value"]["kind"] == "begin" && p["token"] != t1
    })
    .await;
    assert!(fake.wait_requests(2, Duration::from_secs(5)).await);
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 7, 0), "explain", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false);
    assert!(
        r["error"].as_str().unwrap().contains("already in progress"),
        "{r}"
    );
    // Edits and hovers still go through.
    s.change_full(&uri, 2, &format!("{CODE}# more\n")).await;
    let h = s
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 5, "character": 6}}),
        )
        .await;
    assert!(h.is_ok());
    for id in [a, b] {
        s.notify_raw("$/cancelRequest", json!({"id": id})).await;
        let _ = s.await_response(id).await;
    }
    s.shutdown().await;
}

#[tokio::test]
async fn a_mid_line_selection_after_an_emoji_round_trips_in_utf16() {
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[
        "```python\ncompute(2)\n```",
    ]))])
    .await;
    let mut s = server(&fake).await;
    let text = "name = \"😀\"; value = compute(1)\nprint(value)\n";
    let uri = s.open("emoji.py", "python", text).await;
    // `compute(1)` starts at UTF-16 column 21 (the emoji is two code units).
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(0, 21, 0, 31), "rewrite", &[]),
        )
        .await
        .unwrap();
    assert_eq!(r["applied"], true, "{r}");
    let sent = fake.requests()[0].json()["messages"][1]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        sent.contains("```python\ncompute(1)\n```"),
        "exactly the selection was sent as the target: {sent}"
    );
    let edit =
        &s.recorded("workspace/applyEdit")[0]["params"]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["range"], range(0, 21, 0, 31));
    assert_eq!(
        edit["newText"], "compute(2)",
        "no newline added to a mid-line selection"
    );
    s.shutdown().await;
}

#[tokio::test]
async fn fix_without_a_selection_rewrites_the_whole_block_the_tip_opens() {
    let fake = FakeAgent::start(vec![Reply::status(500, "unused")]).await;
    let mut s = server(&fake).await;
    let uri = s.open("app.py", "python", CODE).await;
    let diags = s.await_diagnostics(&uri, None).await;
    let tip = diags.diagnostics.iter().find(|d| matches!(&d.code, Some(skill_lsp::lsp::proto::NumberOrString::String(c)) if c == "python-error-handling/bare-except")).expect("bare-except tip").clone();
    assert_eq!(tip.range.start.line, 5);
    let params = json!({"textDocument": {"uri": uri.as_str()}, "range": range(5, 4, 5, 4), "context": {"diagnostics": [tip]}});
    let actions = s
        .request_raw("textDocument/codeAction", params)
        .await
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ask agent: fix python-error-handling/bare-except")
        .expect("fix action")
        .clone();
    // `except:` and the `return None` it governs, as whole lines, without the final line break.
    assert_eq!(fix["command"]["arguments"][0]["range"], range(5, 0, 6, 19));
    s.shutdown().await;
}
