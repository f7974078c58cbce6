//! Tips through the real protocol: hovers, diagnostics (version, code, href, data), suppression,
//! the three tip code actions and their edits, `skill-lsp.showSkill`, and ranges on lines with
//! CJK and emoji in UTF-16 and UTF-8.

mod common;

use std::path::Path;

use serde_json::{Value, json};

const SKILL: &str = r#"---
name: py-errors
description: Catch what you expect, never swallow errors.
languages: [python]
---

# Python errors

## Never swallow exceptions

<!-- skill-lsp tip
id: blind-except
pattern: '^\s*except\s*(?:Exception)?\s*:'
message: Blanket except hides real failures; catch what you expect.
severity: warning
-->

A blanket `except` catches typos, `KeyboardInterrupt` and bugs alike, so failures vanish.

```python
# GOOD
try:
    load()
except FileNotFoundError:
    return None
```

## No eval

<!-- skill-lsp tip
id: eval-call
pattern: '\beval\((?P<hit>[^)]*)\)'
message: eval runs arbitrary code.
-->

Parse the data instead of evaluating it.
"#;

const APP: &str = "import json\n\ndef load():\n    try:\n        return json.load(open('x'))\n    except Exception:\n        return None\n";

async fn start(tmp: &Path, caps: Option<Value>) -> common::TestServer {
    let skills = tmp.join("skills");
    std::fs::create_dir_all(&skills).unwrap();
    std::fs::write(skills.join("py-errors.md"), SKILL).unwrap();
    let ws = tmp.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let mut b = common::builder()
        .root(&ws)
        .init_options(json!({"tips": {"debounceMs": 10}}))
        .deps(|d| {
            d.extra_skills = vec![skills.clone()];
            d.no_builtin = true;
        });
    if let Some(c) = caps {
        b = b.capabilities(c);
    }
    b.start().await
}

fn tmpdir() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().canonicalize().unwrap();
    (t, p)
}

async fn hover(s: &mut common::TestServer, uri: &str, line: u32, character: u32) -> Value {
    s.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn hover_shows_the_tip_section_and_null_elsewhere() {
    let (_t, tmp) = tmpdir();
    let mut s = start(&tmp, None).await;
    let uri = s.open("app.py", "python", APP).await;
    // Before diagnostics ran (no cache) and after (cached): the same answer.
    let before = hover(&mut s, uri.as_str(), 5, 6).await;
    s.await_diagnostics(&uri, Some(1)).await;
    let after = hover(&mut s, uri.as_str(), 5, 6).await;
    assert_eq!(before, after);
    let md = after["contents"]["value"].as_str().unwrap();
    assert_eq!(after["contents"]["kind"], "markdown");
    assert!(
        md.contains("**py-errors**") && md.contains("Never swallow exceptions"),
        "{md}"
    );
    assert!(md.contains("Blanket except hides real failures"), "{md}");
    assert!(md.contains("so failures vanish"), "the why: {md}");
    assert!(
        md.contains("except FileNotFoundError") && !md.contains("# GOOD"),
        "the good example: {md}"
    );
    assert!(
        md.contains("py-errors.md#L9"),
        "link to the section line: {md}"
    );
    assert!(
        !md.contains("skill-lsp tip"),
        "trigger comments are not shown: {md}"
    );
    assert_eq!(
        after["range"],
        json!({"start": {"line": 5, "character": 4}, "end": {"line": 5, "character": 21}})
    );
    // Not on a tip: null, also on the same line outside the span and on the import.
    assert_eq!(hover(&mut s, uri.as_str(), 0, 3).await, Value::Null);
    assert_eq!(hover(&mut s, uri.as_str(), 5, 1).await, Value::Null);
    assert_eq!(hover(&mut s, uri.as_str(), 99, 0).await, Value::Null);
    s.shutdown().await;
}

#[tokio::test]
async fn diagnostics_carry_version_code_href_data_and_honour_suppression() {
    let (_t, tmp) = tmpdir();
    let mut s = start(&tmp, None).await;
    let uri = s.open("app.py", "python", APP).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    assert_eq!(d.version, Some(1));
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    let diag = serde_json::to_value(&d.diagnostics[0]).unwrap();
    assert_eq!(diag["source"], "skill-lsp");
    assert_eq!(diag["code"], "py-errors/blind-except");
    assert_eq!(diag["severity"], 2, "warning from the trigger");
    assert!(
        diag["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/skills/py-errors.md"),
        "{diag}"
    );
    assert_eq!(diag["data"]["tip"], "py-errors/blind-except");
    assert_eq!(diag["data"]["skill"], "py-errors");
    assert_eq!(diag["data"]["sectionLine"], 8);
    assert_eq!(diag["range"]["start"], json!({"line": 5, "character": 4}));
    // Suppressed on the line above: the next version has no tip diagnostics.
    let suppressed = APP.replace(
        "    except Exception:",
        "    # skill-lsp: ignore blind-except\n    except Exception:",
    );
    s.change_full(&uri, 2, &suppressed).await;
    let d = s.await_diagnostics(&uri, Some(2)).await;
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    // Closing clears.
    s.notify_raw(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri.as_str()}}),
    )
    .await;
    let d = s.await_diagnostics(&uri, None).await;
    assert!(d.diagnostics.is_empty());
    s.shutdown().await;
}

#[tokio::test]
async fn code_actions_show_ignore_and_turn_off() {
    let (_t, tmp) = tmpdir();
    let mut s = start(&tmp, None).await;
    let uri = s.open("app.py", "python", APP).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let diag = serde_json::to_value(&d.diagnostics[0]).unwrap();
    let actions = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
        )
        .await
        .unwrap();
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Show skill: Never swallow exceptions"),
        "{titles:?}"
    );
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ignore this tip here")
        })
        .unwrap();
    assert_eq!(ignore["diagnostics"][0]["code"], "py-errors/blind-except");
    let edit = &ignore["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["version"], 1);
    assert_eq!(
        edit["edits"][0],
        json!({"range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}}, "newText": "    # skill-lsp: ignore py-errors/blind-except\n"})
    );
    // Applying it silences the tip.
    let mut lines: Vec<&str> = APP.lines().collect();
    lines.insert(5, "    # skill-lsp: ignore py-errors/blind-except");
    s.change_full(&uri, 2, &(lines.join("\n") + "\n")).await;
    assert!(
        s.await_diagnostics(&uri, Some(2))
            .await
            .diagnostics
            .is_empty()
    );
    // Turn off: no settings file yet, so a create operation then the insert.
    let off = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Turn off this tip")
        })
        .unwrap();
    let ops = off["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert!(
        ops[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/ws/.skill-lsp.yaml")
    );
    assert_eq!(
        ops[1]["edits"][0]["newText"],
        "tips:\n  overrides:\n    py-errors/blind-except: off\n"
    );
    // With an existing file: a textual insert that keeps its content.
    std::fs::write(
        tmp.join("ws/.skill-lsp.yaml"),
        "# team\ntips:\n  debounceMs: 10\n",
    )
    .unwrap();
    s.change_full(&uri, 3, APP).await;
    let actions = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": {"start": {"line": 5, "character": 6}, "end": {"line": 5, "character": 6}}, "context": {"diagnostics": []}}),
        )
        .await
        .unwrap();
    let off = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Turn off this tip")
        })
        .unwrap();
    let e = &off["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(
        e["range"]["start"],
        json!({"line": 2, "character": 0}),
        "right under `tips:`"
    );
    assert_eq!(
        e["newText"],
        "  overrides:\n    py-errors/blind-except: off\n"
    );
    // Show skill: window/showDocument with the section selected.
    let show = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Show skill"))
        .unwrap();
    let cmd = &show["command"];
    let r = s
        .request_raw(
            "workspace/executeCommand",
            json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
        )
        .await
        .unwrap();
    assert_eq!(r["line"], 8);
    let shown = s.recorded("window/showDocument");
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0]["params"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("py-errors.md")
    );
    assert_eq!(shown[0]["params"]["selection"]["start"]["line"], 8);
    // Nowhere near a tip: no tip actions.
    let none = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}}, "context": {"diagnostics": []}}),
        )
        .await
        .unwrap();
    assert!(
        none.as_array().is_none_or(|a| a
            .iter()
            .all(|x| !x["title"].as_str().unwrap().contains("tip"))),
        "{none}"
    );
    s.shutdown().await;
}

const WIDE: &str = "名前 = '🎉'\nx = eval(名前🎉)  # 注意\n";

#[tokio::test]
async fn ranges_with_cjk_and_emoji_in_utf16() {
    let (_t, tmp) = tmpdir();
    let mut s = start(&tmp, None).await;
    let uri = s.open("wide.py", "python", WIDE).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let diag = serde_json::to_value(&d.diagnostics[0]).unwrap();
    assert_eq!(diag["code"], "py-errors/eval-call");
    // `x = eval(` is 9 UTF-16 units; 名前 is 2, 🎉 is 2 (a surrogate pair).
    assert_eq!(
        diag["range"],
        json!({"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 13}})
    );
    // Hover on the emoji's second half still finds it; on the comment it does not.
    assert_ne!(hover(&mut s, uri.as_str(), 1, 12).await, Value::Null);
    assert_eq!(hover(&mut s, uri.as_str(), 1, 18).await, Value::Null);
    s.shutdown().await;
}

#[tokio::test]
async fn ranges_with_cjk_and_emoji_in_utf8() {
    let (_t, tmp) = tmpdir();
    let mut caps = common::default_capabilities();
    caps["general"]["positionEncodings"] = json!(["utf-8"]);
    let mut s = start(&tmp, Some(caps)).await;
    let uri = s.open("wide.py", "python", WIDE).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let diag = serde_json::to_value(&d.diagnostics[0]).unwrap();
    // Bytes: 名前 is 6, 🎉 is 4.
    assert_eq!(
        diag["range"],
        json!({"start": {"line": 1, "character": 9}, "end": {"line": 1, "character": 19}})
    );
    let h = hover(&mut s, uri.as_str(), 1, 15).await;
    assert_eq!(h["range"], diag["range"]);
    s.shutdown().await;
}

#[tokio::test]
async fn a_broken_trigger_is_a_diagnostic_on_the_skill_file() {
    let (_t, tmp) = tmpdir();
    let skills = tmp.join("skills");
    std::fs::create_dir_all(&skills).unwrap();
    let broken = SKILL.replace(
        r"pattern: '\beval\((?P<hit>[^)]*)\)'",
        "pattern: '\\beval\\((unclosed'",
    );
    std::fs::write(skills.join("py-errors.md"), &broken).unwrap();
    let mut s = common::builder()
        .root(&tmp)
        .init_options(json!({"tips": {"debounceMs": 10}}))
        .deps(|d| {
            d.extra_skills = vec![skills.clone()];
            d.no_builtin = true;
        })
        .start()
        .await;
    let uri = s.open("skills/py-errors.md", "markdown", &broken).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
    let bad: Vec<_> = d
        .diagnostics
        .iter()
        .filter(|x| serde_json::to_value(&x.code).unwrap() == "skill-lsp/tip-bad-regex")
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", d.diagnostics);
    let line = broken
        .lines()
        .position(|l| l.contains("(unclosed"))
        .unwrap() as u32;
    assert_eq!(bad[0].range.start.line, line);
    // The valid trigger of the same skill still works.
    let app = s.open("app.py", "python", APP).await;
    let d = s.await_diagnostics(&app, Some(1)).await;
    assert_eq!(d.diagnostics.len(), 1);
    s.shutdown().await;
}

#[tokio::test]
async fn turn_off_falls_back_to_a_command_without_file_creation_support() {
    let (_t, tmp) = tmpdir();
    let mut caps = common::default_capabilities();
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": false});
    caps["window"]["showDocument"] = json!({"support": false});
    let mut s = start(&tmp, Some(caps)).await;
    let uri = s.open("app.py", "python", APP).await;
    s.await_diagnostics(&uri, Some(1)).await;
    let actions = s
        .request_raw(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri.as_str()}, "range": {"start": {"line": 5, "character": 6}, "end": {"line": 5, "character": 6}}, "context": {"diagnostics": []}}),
        )
        .await
        .unwrap();
    let list = actions.as_array().unwrap();
    // Without documentChanges the ignore edit uses `changes`.
    let ignore = list
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ignore this tip here")
        })
        .unwrap();
    assert_eq!(
        ignore["edit"]["changes"][uri.as_str()][0]["range"]["start"],
        json!({"line": 5, "character": 0})
    );
    let off = list
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Turn off this tip")
        })
        .unwrap();
    assert!(off.get("edit").is_none_or(Value::is_null), "{off}");
    let cmd = &off["command"];
    assert_eq!(cmd["command"], "skill-lsp.turnOffTip");
    s.request_raw(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    )
    .await
    .unwrap();
    let written = std::fs::read_to_string(tmp.join("ws/.skill-lsp.yaml")).unwrap();
    assert_eq!(
        written,
        "tips:\n  overrides:\n    py-errors/blind-except: off\n"
    );
    // Show skill without showDocument: a message with the location instead.
    let show = list
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Show skill"))
        .unwrap();
    let r = s
        .request_raw("workspace/executeCommand", json!({"command": show["command"]["command"], "arguments": show["command"]["arguments"]}))
        .await
        .unwrap();
    assert_eq!(r["line"], 8);
    assert!(s.recorded("window/showDocument").is_empty());
    let msg = s
        .await_message("window/showMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("py-errors.md:9"))
        })
        .await;
    assert_eq!(msg["params"]["type"], 3);
    s.shutdown().await;
}

/// A file with hundreds of hits publishes at most `tips.maxPerTip` of one tip and
/// `tips.maxDiagnostics` in all (louder severities first, document order kept), says so in one
/// note at the top, and still hovers every hit.
#[tokio::test]
async fn diagnostics_are_capped_with_a_note_and_hovers_still_see_every_hit() {
    let (_t, tmp) = tmpdir();
    let skills = tmp.join("skills");
    std::fs::create_dir_all(&skills).unwrap();
    std::fs::write(skills.join("py-errors.md"), SKILL).unwrap();
    let ws = tmp.join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let mut s = common::builder()
        .root(&ws)
        .init_options(json!({"tips": {"debounceMs": 10, "maxDiagnostics": 5, "maxPerTip": 10}}))
        .deps(|d| {
            d.extra_skills = vec![skills.clone()];
            d.no_builtin = true;
        })
        .start()
        .await;
    let mut text = String::from("x = eval(a)\ny = eval(b)\nz = eval(c)\n");
    for i in 0..120 {
        text.push_str(&format!("try:\n    f{i}()\nexcept Exception:\n    pass\n"));
    }
    let uri = s.open("many.py", "python", &text).await;
    let d = s.await_diagnostics(&uri, Some(1)).await;
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
    assert_eq!(d.diagnostics.len(), 6, "{codes:?}");
    let lines: Vec<u32> = d.diagnostics[..5]
        .iter()
        .map(|d| d.range.start.line)
        .collect();
    assert_eq!(
        lines,
        [5, 9, 13, 17, 21],
        "the first five warnings, in order"
    );
    assert!(codes[..5].iter().all(|c| c == "py-errors/blind-except"));
    let note = &d.diagnostics[5];
    assert_eq!(codes[5], "skill-lsp/diagnostics-capped");
    assert_eq!(note.range.start.line, 0);
    assert!(
        note.message.contains("showing 5 of 123"),
        "{}",
        note.message
    );
    // Line 3 + 4 * 100 + 2: the hundred-and-first blind except, far past the cap.
    let h = hover(&mut s, uri.as_str(), 405, 4).await;
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Blanket except hides real failures"), "{h}");
    s.shutdown().await;
}

/// Two workspace folders whose `.skill-lsp.yaml` differ: each document gets the settings of the
/// root that contains it, so root A turning a tip off (and raising another to error) never
/// changes what root B shows, and a file outside both roots gets the user/editor settings only.
#[tokio::test]
async fn settings_are_resolved_per_workspace_root() {
    let (_t, tmp) = tmpdir();
    let skills = tmp.join("skills");
    std::fs::create_dir_all(&skills).unwrap();
    std::fs::write(skills.join("py-errors.md"), SKILL).unwrap();
    let (a, b, outside) = (tmp.join("a"), tmp.join("b"), tmp.join("outside"));
    for d in [&a, &b, &outside] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(
        a.join(".skill-lsp.yaml"),
        "tips:\n  overrides:\n    py-errors/blind-except: off\n",
    )
    .unwrap();
    std::fs::write(
        b.join(".skill-lsp.yaml"),
        "tips:\n  overrides:\n    py-errors/blind-except: error\n",
    )
    .unwrap();
    let mut s = common::builder()
        .root(&tmp)
        .folders(vec![a.clone(), b.clone()])
        .init_options(json!({"tips": {"debounceMs": 10}}))
        .deps(|d| {
            d.extra_skills = vec![skills.clone()];
            d.no_builtin = true;
        })
        .start()
        .await;
    let mut codes = Vec::new();
    for rel in ["a/app.py", "b/app.py", "outside/app.py"] {
        let uri = s.open(rel, "python", APP).await;
        let d = s.await_diagnostics(&uri, None).await;
        let got: Vec<(String, Option<skill_lsp::lsp::proto::DiagnosticSeverity>)> = d
            .diagnostics
            .iter()
            .map(|d| {
                let code = match &d.code {
                    Some(skill_lsp::lsp::proto::NumberOrString::String(c)) => c.clone(),
                    _ => String::new(),
                };
                (code, d.severity)
            })
            .collect();
        codes.push(got);
    }
    use skill_lsp::lsp::proto::DiagnosticSeverity as S;
    let blind = "py-errors/blind-except".to_string();
    // Root A turns the tip off.
    assert_eq!(codes[0], vec![], "root a");
    // Root B raises it to error; A's file does not turn it off there.
    assert_eq!(codes[1], vec![(blind.clone(), Some(S::ERROR))], "root b");
    // Outside both roots neither file applies: the skill's own severity.
    assert_eq!(codes[2], vec![(blind, Some(S::WARNING))], "outside");
    s.shutdown().await;
}
