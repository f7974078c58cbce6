//! How a rewrite lands, through the real protocol (in-process duplex harness) against the
//! loopback fake agent server: replies that repeat the construct around their target (issue 16.7),
//! unusable replies opened as documents (16.5), progress that ends with what happened (16.6), cut
//! answers marked (16.4), previews with change annotations, and clients that never answer the
//! server's requests (issue 11.7).

mod common;
mod fake_agent;

use std::sync::Arc;
use std::time::Duration;

use fake_agent::{FakeAgent, Reply, openai_sse};
use serde_json::{Value, json};
use skill_lsp::agent::Limits;
use skill_lsp::agent::openai::OpenAi;

const CODE: &str = "import json\n\ndef load(p):\n    try:\n        data = json.load(open(p))\n    except Exception:\n        pass\n    return data\n";

fn agent(fake: &FakeAgent) -> Arc<OpenAi> {
    let mut l = Limits::from_settings(&skill_lsp::settings::Settings::default().agent);
    l.retries = 0;
    Arc::new(
        OpenAi::new(
            fake.url(),
            "fake-model".into(),
            None,
            "OPENAI_API_KEY".into(),
            l,
        )
        .unwrap(),
    )
}

fn builder(fake: &FakeAgent) -> common::Builder {
    let a = agent(fake);
    common::builder().deps(move |d| {
        d.agent = Some(a);
        d.agent_client_timeout = Some(Duration::from_millis(400));
    })
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn ask(uri: &str, range: Value, mode: &str) -> Value {
    json!({"command": "skill-lsp.ask", "arguments": [{"uri": uri, "range": range, "mode": mode, "skills": ["python-error-handling"]}]})
}

/// Applies one LSP text edit (UTF-16 positions, ASCII text here) to `text`.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + ch
    };
    let (s, e) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..s],
        edit["newText"].as_str().unwrap(),
        &text[e..]
    )
}

async fn end_of_progress(s: &mut common::TestServer) -> String {
    let end = s
        .await_message("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    end["params"]["value"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Issue 16.7: the quickfix targets `except … pass`; the model answers with the whole `try:`.
#[tokio::test]
async fn a_reply_that_repeats_the_enclosing_try_replaces_it_once() {
    let reply = "```python\ntry:\n    data = json.load(open(p))\nexcept (OSError, ValueError):\n    data = None\n```\n";
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("app.py", "python", CODE).await;
    // Lines 6-7 (`except Exception:` / `pass`), as "fix" without a selection sends them.
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["applied"], true, "{r}");
    assert!(r["widened"].as_str().unwrap().contains("line 4"), "{r}");
    let edit =
        &s.recorded("workspace/applyEdit")[0]["params"]["edit"]["documentChanges"][0]["edits"][0];
    let after = apply(CODE, edit);
    assert_eq!(
        after,
        "import json\n\ndef load(p):\n    try:\n        data = json.load(open(p))\n    except (OSError, ValueError):\n        data = None\n    return data\n"
    );
    assert_eq!(after.matches("try:").count(), 1, "{after}");
    s.shutdown().await;
}

/// Issue 16.7, the refusal: the reply takes the header but drops the lines between.
#[tokio::test]
async fn a_reply_that_cannot_be_placed_is_refused_and_opened() {
    let code = "def f(p):\n    try:\n        a = 1\n        b = 2\n        c = 3\n    except Exception:\n        pass\n";
    let reply = "```python\ntry:\n    z()\nexcept OSError:\n    log()\n```\n";
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("f.py", "python", code).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert!(r["error"].as_str().unwrap().contains("`try:`"), "{r}");
    assert!(s.recorded("workspace/applyEdit").is_empty());
    let doc = std::fs::read_to_string(r["replyPath"].as_str().unwrap()).unwrap();
    assert!(
        doc.contains("log()") && doc.contains("not applied"),
        "{doc}"
    );
    assert!(end_of_progress(&mut s).await.starts_with("not applied"));
    s.shutdown().await;
}

/// Issue 16.5 and 16.6: prose is kept (opened as a document) and the progress does not say done.
#[tokio::test]
async fn prose_is_opened_as_a_document_and_progress_says_not_applied() {
    let prose =
        "I would not change this: the bare except is intentional here because the caller retries.";
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[prose]))]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false);
    assert!(
        r["error"].as_str().unwrap().contains("no code in reply"),
        "{r}"
    );
    let path = r["replyPath"].as_str().expect("the reply is kept");
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("the caller retries")
    );
    let shown = s.recorded("window/showDocument");
    assert!(shown.iter().any(|m| {
        m["params"]["uri"].as_str().unwrap().ends_with(
            std::path::Path::new(path)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap(),
        )
    }));
    let end = end_of_progress(&mut s).await;
    assert!(
        end.starts_with("not applied") && !end.contains("done"),
        "{end}"
    );
    s.shutdown().await;
}

/// Issue 16.4: an explanation cut at the output limit says so in the answer document.
#[tokio::test]
async fn a_cut_explanation_is_marked_in_its_document() {
    let mut events = openai_sse(&["The bare except hides ", "errors and"]);
    events[2] = format!(
        "data: {}\n\n",
        json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "length"}]})
    );
    let fake = FakeAgent::start(vec![Reply::stream(events)]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 4, 5, 4), "explain"),
        )
        .await
        .unwrap();
    assert_eq!(r["truncated"], true, "{r}");
    let md = std::fs::read_to_string(r["path"].as_str().unwrap()).unwrap();
    assert!(
        md.contains("errors and")
            && md.contains("Cut short")
            && md.contains("agent.maxOutputTokens"),
        "{md}"
    );
    assert!(end_of_progress(&mut s).await.starts_with("cut short"));
    s.shutdown().await;
}

/// Issue 11.7: a client that never answers `window/workDoneProgress/create` or
/// `workspace/applyEdit` does not leave `skill-lsp.ask` unanswered.
#[tokio::test]
async fn unanswered_client_requests_do_not_hang_the_command() {
    let reply = "```python\nexcept OSError:\n    data = None\n```\n";
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
    let mut s = builder(&fake).start().await;
    s.answers.unanswered.lock().unwrap().extend([
        "window/workDoneProgress/create".to_string(),
        "workspace/applyEdit".to_string(),
    ]);
    let uri = s.open("app.py", "python", CODE).await;
    let t = std::time::Instant::now();
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
        )
        .await
        .unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("did not answer workspace/applyEdit"),
        "{r}"
    );
    assert_eq!(
        s.recorded("workspace/applyEdit").len(),
        1,
        "the edit was offered"
    );
    // The server still serves.
    let h = s
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 5, "character": 6}}),
        )
        .await;
    assert!(h.is_ok(), "{h:?}");
    s.shutdown().await;
}

fn annotating_client() -> Value {
    let mut caps = common::default_capabilities();
    caps["workspace"]["workspaceEdit"]["changeAnnotationSupport"] = json!({"groupsOnLabel": true});
    caps
}

/// Rewrites are offered as a preview (a change annotation needing confirmation) where the client
/// supports it, unless `agent.previewEdits` is off.
#[tokio::test]
async fn rewrites_are_previewed_where_the_client_supports_it() {
    let reply = "```python\nexcept OSError:\n    data = None\n```\n";
    for (config, preview) in [
        (Value::Null, true),
        (json!({"agent": {"previewEdits": false}}), false),
    ] {
        let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
        let mut s = builder(&fake)
            .capabilities(annotating_client())
            .configuration(config.clone())
            .start()
            .await;
        let uri = s.open("app.py", "python", CODE).await;
        let r = s
            .request_raw(
                "workspace/executeCommand",
                ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
            )
            .await
            .unwrap();
        assert_eq!(r["applied"], true, "{r}");
        assert_eq!(r["preview"], preview, "{config}");
        let edit = &s.recorded("workspace/applyEdit")[0]["params"]["edit"];
        let first = &edit["documentChanges"][0]["edits"][0];
        if preview {
            let id = first["annotationId"].as_str().expect("annotated edit");
            assert_eq!(
                edit["changeAnnotations"][id]["needsConfirmation"], true,
                "{edit}"
            );
            assert!(
                edit["changeAnnotations"][id]["label"]
                    .as_str()
                    .unwrap()
                    .contains("python-error-handling")
            );
        } else {
            assert!(
                first.get("annotationId").is_none() && edit.get("changeAnnotations").is_none(),
                "{edit}"
            );
        }
        assert_eq!(apply(CODE, first).matches("except OSError:").count(), 1);
        s.shutdown().await;
    }
    // A client without annotation support gets the plain edit.
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("app.py", "python", CODE).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(5, 0, 6, 12), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["preview"], false, "{r}");
    s.shutdown().await;
}

/// Issue 16, edits that never break the file: the reply opens a `try:` it never closes. The file
/// parses before; with the reply applied it would not, so the edit is refused with the line of
/// the error, and the reply is opened as a document.
#[tokio::test]
async fn a_reply_that_leaves_an_unclosed_try_is_refused_with_the_line() {
    let code = "import json\n\ndef load(p):\n    data = json.load(open(p))\n    return data\n";
    let reply = "```python\ntry:\n    data = json.load(open(p))\n```\n";
    let fake = FakeAgent::start(vec![Reply::stream(openai_sse(&[reply]))]).await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("app.py", "python", code).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(3, 0, 3, 29), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert_eq!(r["refused"], true, "{r}");
    let err = r["error"].as_str().unwrap();
    assert!(err.contains("would break the file"), "{err}");
    assert!(
        ["line 4 ", "line 5 ", "line 6 "]
            .iter()
            .any(|l| err.contains(l)),
        "{err}"
    );
    assert!(s.recorded("workspace/applyEdit").is_empty());
    let doc = std::fs::read_to_string(r["replyPath"].as_str().unwrap()).unwrap();
    assert!(
        doc.contains("try:") && doc.contains("syntax error"),
        "{doc}"
    );
    assert!(end_of_progress(&mut s).await.starts_with("not applied"));
    s.shutdown().await;
}

/// The same check on braces: a JavaScript reply that drops the closing brace is refused; a reply
/// that keeps the file whole is applied.
#[tokio::test]
async fn an_unclosed_brace_is_refused_and_a_whole_reply_applies() {
    let code = "function f(x) {\n  return x + 1;\n}\n\nmodule.exports = f;\n";
    let bad = "```javascript\nif (x > 0) {\n  return x + 1;\n```\n";
    let good = "```javascript\nif (x > 0) {\n  return x + 1;\n}\nreturn 0;\n```\n";
    let fake = FakeAgent::start(vec![
        Reply::stream(openai_sse(&[bad])),
        Reply::stream(openai_sse(&[good])),
    ])
    .await;
    let mut s = builder(&fake).start().await;
    let uri = s.open("f.js", "javascript", code).await;
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(1, 0, 1, 16), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["ok"], false, "{r}");
    assert!(
        r["error"]
            .as_str()
            .unwrap()
            .contains("would break the file"),
        "{r}"
    );
    assert!(s.recorded("workspace/applyEdit").is_empty());
    let r = s
        .request_raw(
            "workspace/executeCommand",
            ask(uri.as_str(), range(1, 0, 1, 16), "rewrite"),
        )
        .await
        .unwrap();
    assert_eq!(r["applied"], true, "{r}");
    let edit =
        &s.recorded("workspace/applyEdit")[0]["params"]["edit"]["documentChanges"][0]["edits"][0];
    let after = apply(code, edit);
    assert!(
        after.contains("  if (x > 0) {\n    return x + 1;\n  }\n  return 0;\n}"),
        "{after}"
    );
    s.shutdown().await;
}
