//! Incremental diagnostics over the protocol (issue 14): a document edited with ranged
//! `didChange`s (the server recomputes only what each edit touched) publishes, for its last
//! version, the diagnostics a fresh open of the same text publishes, with the bundled library.

mod common;

use serde_json::{Value, json};

const APP: &str = r#"import json
import hashlib
import subprocess
import requests


class Store:
    def __init__(self, path):
        self.path = path

    def load(self):
        try:
            with open(self.path) as f:
                return json.load(f)
        except Exception:
            pass
        return None

    def run(self, cmd):
        subprocess.run(
            cmd,
            shell=True,
        )
        return hashlib.md5(cmd.encode()).hexdigest()


def compare(a, b):
    if a == None:
        return type(a) == type(b)
    return eval(b)
"#;

/// (line, start char, end line, end char, new text): each keeps the file parseable.
const EDITS: &[(u32, u32, u32, u32, &str)] = &[
    // A new call without a timeout inside `load`.
    (
        16,
        0,
        16,
        0,
        "        r = requests.get(self.path)\n        print(r)\n",
    ),
    // `shell=True` becomes `shell=False` (the structural tip goes away).
    (23, 18, 23, 22, "False"),
    // An ignore comment above the `eval`.
    (31, 0, 31, 0, "    # skill-lsp: ignore\n"),
    // The `if a == None:` branch removed.
    (29, 0, 31, 0, ""),
    // A test function that compares with None (the test scope changes nothing for it).
    (
        28,
        0,
        28,
        0,
        "def test_compare():\n    assert compare(None, 1) == None\n\n\n",
    ),
];

fn apply(text: &str, (l0, c0, l1, c1, new): (u32, u32, u32, u32, &str)) -> String {
    let off = |l: u32, c: u32| {
        let start: usize = text
            .split_inclusive('\n')
            .take(l as usize)
            .map(str::len)
            .sum();
        start + c as usize
    };
    let (a, b) = (off(l0, c0), off(l1, c1));
    format!("{}{}{}", &text[..a], new, &text[b..])
}

/// The diagnostics as published, in a stable order.
fn sorted(d: &[skill_lsp::lsp::proto::Diagnostic]) -> Vec<Value> {
    let mut v: Vec<Value> = d.iter().map(|d| serde_json::to_value(d).unwrap()).collect();
    v.sort_by_key(|d| d.to_string());
    v
}

#[tokio::test]
async fn edited_document_publishes_what_a_fresh_open_of_its_text_publishes() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().canonicalize().unwrap();
    let mut s = common::builder()
        .root(&ws)
        .init_options(json!({"tips": {"debounceMs": 0}}))
        .start()
        .await;
    let uri = s.open("app/store.py", "python", APP).await;
    let first = s.await_diagnostics(&uri, Some(1)).await;
    assert!(
        first.diagnostics.len() >= 4,
        "the bundled tips find the file's problems: {:?}",
        first.diagnostics
    );
    let mut text = APP.to_string();
    let mut last = first.clone();
    for (i, &e) in EDITS.iter().enumerate() {
        let version = 2 + i as i32;
        text = apply(&text, e);
        s.notify_raw(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri.as_str(), "version": version}, "contentChanges": [
                {"range": {"start": {"line": e.0, "character": e.1}, "end": {"line": e.2, "character": e.3}}, "text": e.4}
            ]}),
        )
        .await;
        let edited = s.await_diagnostics(&uri, Some(version)).await;
        // The same text opened fresh, next to it (same folder, so the same skills apply).
        let fresh_uri = s.open(&format!("app/fresh_{i}.py"), "python", &text).await;
        let fresh = s.await_diagnostics(&fresh_uri, Some(1)).await;
        assert_eq!(
            sorted(&edited.diagnostics),
            sorted(&fresh.diagnostics),
            "after edit {i} ({e:?}), text:\n{text}"
        );
        s.notify_raw(
            "textDocument/didClose",
            json!({"textDocument": {"uri": fresh_uri.as_str()}}),
        )
        .await;
        last = edited;
    }
    let codes = |d: &skill_lsp::lsp::proto::PublishDiagnosticsParams| -> Vec<String> {
        d.diagnostics
            .iter()
            .filter_map(|d| match &d.code {
                Some(skill_lsp::lsp::proto::NumberOrString::String(c)) => Some(c.clone()),
                _ => None,
            })
            .collect()
    };
    let before = codes(&first);
    let after = codes(&last);
    assert_ne!(before, after, "the edits changed what is published");
    assert!(
        after.iter().any(|c| c.contains("timeout")),
        "the new requests.get call is flagged: {after:?}"
    );
    s.shutdown().await;
}
