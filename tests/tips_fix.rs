//! Tip fixes in the editor, through the real protocol: a tip that declares a fix (a regex tip's
//! `fix:`, a structural tip's ast-grep `fix:`) gets a preferred quick fix whose edit names the
//! document version it was computed for; a fix that would stop the file parsing is not offered;
//! applying the edit makes the tip go away.

mod common;

use std::path::Path;

use serde_json::{Value, json};

const SKILL: &str = r#"---
name: fixes
description: Fixes.
languages: [python]
---

# Fixes

## Call the new API

<!-- skill-lsp tip
- id: old-call
  message: Call new_call.
  severity: warning
  rule:
    pattern: old_call($$$ARGS)
  fix: new_call($$$ARGS)
- id: no-print
  message: Log instead of printing.
  severity: warning
  rule:
    pattern: print($A)
  fix: print($A
- id: iteritems
  pattern: '\.(?P<hit>iteritems)\('
  message: iteritems is Python 2.
  severity: warning
  fix: items
-->

Use the new API.
"#;

async fn start(tmp: &Path) -> common::TestServer {
    let skills = tmp.join("skills");
    std::fs::create_dir_all(&skills).unwrap();
    std::fs::write(skills.join("fixes.md"), SKILL).unwrap();
    let ws = tmp.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    common::builder()
        .root(&ws)
        .init_options(json!({"tips": {"debounceMs": 10}}))
        .deps(|d| {
            d.extra_skills = vec![skills.clone()];
            d.no_builtin = true;
        })
        .start()
        .await
}

/// The code actions for the diagnostic with code `tip`.
async fn actions_for(
    s: &mut common::TestServer,
    uri: &str,
    diags: &[Value],
    tip: &str,
) -> Vec<Value> {
    let d = diags
        .iter()
        .find(|d| d["code"] == tip)
        .unwrap_or_else(|| panic!("no {tip} in {diags:?}"));
    s.request_raw(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    )
    .await
    .unwrap()
    .as_array()
    .unwrap()
    .clone()
}

#[tokio::test]
async fn fixes_are_preferred_quick_fixes_at_the_document_version() {
    let t = tempfile::tempdir().unwrap();
    let tmp = t.path().canonicalize().unwrap();
    let mut s = start(&tmp).await;
    let text = "x = old_call(1,\n    2)\nfor k, v in d.iteritems():\n    print(k)\n";
    let uri = s.open("app.py", "python", text).await;
    s.change_full(&uri, 2, text).await;
    let d = s.await_diagnostics(&uri, Some(2)).await;
    let diags: Vec<Value> = d
        .diagnostics
        .iter()
        .map(|d| serde_json::to_value(d).unwrap())
        .collect();
    assert_eq!(diags.len(), 3, "{diags:?}");

    let acts = actions_for(&mut s, uri.as_str(), &diags, "fixes/old-call").await;
    let fix = acts
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{acts:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        fix["title"],
        "Fix: replace with `new_call(1,…` (fixes/old-call)"
    );
    assert_eq!(fix["diagnostics"][0]["code"], "fixes/old-call");
    let change = &fix["edit"]["documentChanges"][0];
    assert_eq!(
        change["textDocument"]["version"], 2,
        "the version it was computed for"
    );
    assert_eq!(
        change["edits"][0],
        json!({"range": {"start": {"line": 0, "character": 4}, "end": {"line": 1, "character": 6}}, "newText": "new_call(1,\n    2)"})
    );
    assert_eq!(acts.iter().filter(|a| a["isPreferred"] == true).count(), 1);

    // The regex tip's fix: the highlighted span.
    let acts = actions_for(&mut s, uri.as_str(), &diags, "fixes/iteritems").await;
    let fix = acts.iter().find(|a| a["isPreferred"] == true).unwrap();
    assert_eq!(
        fix["edit"]["documentChanges"][0]["edits"][0],
        json!({"range": {"start": {"line": 2, "character": 14}, "end": {"line": 2, "character": 23}}, "newText": "items"})
    );

    // `print($A` would not parse: no fix offered, the other actions still are.
    let acts = actions_for(&mut s, uri.as_str(), &diags, "fixes/no-print").await;
    assert!(acts.iter().all(|a| a["isPreferred"] != true), "{acts:?}");
    assert!(acts.iter().any(|a| {
        a["title"]
            .as_str()
            .unwrap()
            .starts_with("Ignore this tip here")
    }));

    // Applied, the tip is gone.
    let fixed = "x = new_call(1,\n    2)\nfor k, v in d.items():\n    print(k)\n";
    s.change_full(&uri, 3, fixed).await;
    let d = s.await_diagnostics(&uri, Some(3)).await;
    let codes: Vec<String> = d
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::to_value(&d.code)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(codes, ["fixes/no-print"]);
    s.shutdown().await;
}
