//! Code actions and commands that need no agent, on a tip (its diagnostic or its hover range):
//! `"Show skill: <section>"`, "Ignore this tip here" (a suppression comment on the line above),
//! "Turn off this tip in this workspace" (an override in `<workspace>/.skill-lsp.yaml`).

use std::ops::Range;
use std::path::Path;

use serde_json::{Value, json};

use super::convert;
use super::diagnostics::{self, DiagnosticsState};
use super::documents::{self, PositionEncoding};
use super::proto::{
    Client, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, CreateFile,
    CreateFileOptions, DocumentChangeOperation, DocumentChanges, ExecuteCommandParams, MessageType,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range as LspRange,
    ResourceOp, ShowDocumentParams, TextDocumentEdit, TextEdit, WorkspaceEdit, jsonrpc,
};
use super::session::{DocSnapshot, Snapshot};
use crate::skills::tips::{Finding, lexer};

/// Opens a skill file at a line: `{"skill": name, "line": n}`.
pub const SHOW_SKILL: &str = "skill-lsp.showSkill";
/// Writes a tip override into a workspace settings file: `{"tip": id, "file": path}` (fallback for
/// clients that cannot create files through a workspace edit).
pub const TURN_OFF_TIP: &str = "skill-lsp.turnOffTip";

/// Commands this module answers.
pub const COMMANDS: &[&str] = &[SHOW_SKILL, TURN_OFF_TIP];

/// Name of the workspace settings file.
pub const WORKSPACE_FILE: &str = ".skill-lsp.yaml";

/// Tips whose span touches `range` (or contains the cursor when the range is empty), one per id.
fn tips_in(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    range: &Range<usize>,
) -> Vec<Finding> {
    let l0 = doc.rope.byte_to_line(range.start.min(doc.rope.len_bytes())) as u32;
    let l1 = doc.rope.byte_to_line(range.end.min(doc.rope.len_bytes())) as u32;
    let mut out: Vec<Finding> = Vec::new();
    for f in diagnostics::findings_near(diags, snap, doc, l0..l1 + 1) {
        let touches = if range.is_empty() {
            f.range.start <= range.start && range.start <= f.range.end
        } else {
            f.range.start < range.end && range.start < f.range.end
        };
        if touches && !out.iter().any(|o| o.id == f.id) {
            out.push(f);
        }
    }
    out.sort_by_key(|f| {
        (
            f.kind != crate::skills::tips::TipKind::Declared,
            f.range.len(),
        )
    });
    out.truncate(3);
    out
}

/// The suppression comment for `tip_id` above `line` of `doc`, indented like that line.
pub fn ignore_edit(doc: &DocSnapshot, line: u32, tip_id: &str) -> Option<TextEdit> {
    let (open, close) = lexer::comment_syntax(&doc.language_id)?;
    let text = doc.rope.get_line(line as usize)?.to_string();
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let close = if close.is_empty() {
        String::new()
    } else {
        format!(" {close}")
    };
    Some(TextEdit {
        range: LspRange::new(Position::new(line, 0), Position::new(line, 0)),
        new_text: format!("{indent}{open} skill-lsp: ignore {tip_id}{close}\n"),
    })
}

/// Where to put `<id>: off` in an existing settings file: a byte range to replace and the text.
/// Textual, so comments and formatting survive; falls back to a YAML rewrite for flow styles.
pub fn add_override(text: &str, tip_id: &str) -> (Range<usize>, String) {
    let entry = |indent: &str| format!("{indent}{tip_id}: off\n");
    let lines: Vec<(usize, &str)> = {
        let mut off = 0;
        text.split_inclusive('\n')
            .map(|l| {
                let s = off;
                off += l.len();
                (s, l)
            })
            .collect()
    };
    let indent_of = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let key_of = |l: &str| -> Option<(String, String)> {
        let t = l.trim();
        if t.starts_with('#') || t.is_empty() {
            return None;
        }
        let (k, v) = t.split_once(':')?;
        Some((
            k.trim().trim_matches(['"', '\'']).to_string(),
            v.trim().to_string(),
        ))
    };
    let rewrite = || {
        // YAML too deep to parse in reasonable time is left alone (callers check first).
        if crate::skills::guard::check_yaml(text, crate::skills::guard::YamlLimits::SETTINGS)
            .is_err()
        {
            return (text.len()..text.len(), String::new());
        }
        let mut v: serde_json::Value = yaml_serde::from_str(text).unwrap_or(json!({}));
        if !v.is_object() {
            v = json!({});
        }
        let tips = v
            .as_object_mut()
            .expect("object")
            .entry("tips")
            .or_insert(json!({}));
        if !tips.is_object() {
            *tips = json!({});
        }
        let ov = tips
            .as_object_mut()
            .expect("object")
            .entry("overrides")
            .or_insert(json!({}));
        if !ov.is_object() {
            *ov = json!({});
        }
        ov.as_object_mut()
            .expect("object")
            .insert(tip_id.to_string(), json!("off"));
        (0..text.len(), yaml_serde::to_string(&v).unwrap_or_default())
    };
    let tips_at = lines
        .iter()
        .position(|(_, l)| indent_of(l) == 0 && key_of(l).is_some_and(|(k, _)| k == "tips"));
    let Some(ti) = tips_at else {
        let mut add = String::new();
        if !text.is_empty() && !text.ends_with('\n') {
            add.push('\n');
        }
        add.push_str(&format!("tips:\n  overrides:\n{}", entry("    ")));
        return (text.len()..text.len(), add);
    };
    let (_, tv) = key_of(lines[ti].1).expect("key");
    if !tv.is_empty() && !tv.starts_with('#') {
        return rewrite();
    }
    // The `tips:` block: following lines that are blank, comments or indented.
    let mut end = ti + 1;
    while end < lines.len() {
        let l = lines[end].1;
        if !l.trim().is_empty() && indent_of(l) == 0 && !l.trim_start().starts_with('#') {
            break;
        }
        end += 1;
    }
    let block = &lines[ti + 1..end];
    let child_indent = block
        .iter()
        .find(|(_, l)| key_of(l).is_some())
        .map(|(_, l)| l[..indent_of(l)].to_string())
        .unwrap_or_else(|| "  ".to_string());
    let ov = block.iter().position(|(_, l)| {
        l[..indent_of(l)] == child_indent && key_of(l).is_some_and(|(k, _)| k == "overrides")
    });
    let after = |i: usize| lines.get(i).map_or(text.len(), |(s, _)| *s);
    let newline_before = |at: usize| {
        if at > 0 && !text[..at].ends_with('\n') {
            "\n"
        } else {
            ""
        }
    };
    let Some(oi) = ov else {
        let at = after(ti + 1);
        let add = format!(
            "{}{child_indent}overrides:\n{}",
            newline_before(at),
            entry(&format!("{child_indent}{child_indent}"))
        );
        return (at..at, add);
    };
    let oi = ti + 1 + oi;
    let (_, ovv) = key_of(lines[oi].1).expect("key");
    if !ovv.is_empty() && !ovv.starts_with('#') {
        return rewrite();
    }
    // Entries under `overrides:`: replace the tip's own line, else add one after the header.
    let base = indent_of(lines[oi].1);
    let mut entry_indent = None;
    let mut i = oi + 1;
    while i < end {
        let l = lines[i].1;
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            i += 1;
            continue;
        }
        if indent_of(l) <= base {
            break;
        }
        entry_indent.get_or_insert_with(|| l[..indent_of(l)].to_string());
        if key_of(l).is_some_and(|(k, _)| k == tip_id) {
            let (s, l) = lines[i];
            return (s..s + l.len(), entry(&l[..indent_of(l)]));
        }
        i += 1;
    }
    let ind = entry_indent.unwrap_or_else(|| format!("{}  ", &lines[oi].1[..base]));
    let at = after(oi + 1);
    (at..at, format!("{}{}", newline_before(at), entry(&ind)))
}

fn byte_position(text: &str, byte: usize, enc: PositionEncoding) -> Position {
    documents::position_at(&ropey::Rope::from_str(text), byte, enc)
}

/// "Turn off this tip in this workspace": an edit of (or a command writing) the settings file.
fn turn_off_action(snap: &Snapshot, doc: &DocSnapshot, f: &Finding) -> Option<CodeAction> {
    let root = doc
        .root
        .clone()
        .or_else(|| snap.workspaces.first().cloned())?;
    let file = root.join(WORKSPACE_FILE);
    let uri = convert::path_to_uri(&file)?;
    let title = format!("Turn off this tip in this workspace ({})", f.id);
    let mut action = CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        ..Default::default()
    };
    // Through the guard: a settings file that is a symlink to a device or out of the workspace
    // is neither read nor edited (no action is offered; the settings warning says why).
    let read = crate::skills::guard::read_text(&file, Some(&root));
    if matches!(&read, Err(e) if !matches!(e, crate::skills::guard::Refused::Missing))
        || read.as_ref().is_ok_and(|t| {
            crate::skills::guard::check_yaml(t, crate::skills::guard::YamlLimits::SETTINGS).is_err()
        })
    {
        return None;
    }
    match read {
        Ok(text) => {
            let (range, new_text) = add_override(&text, &f.id);
            let edit = TextEdit {
                range: LspRange::new(
                    byte_position(&text, range.start, doc.encoding),
                    byte_position(&text, range.end, doc.encoding),
                ),
                new_text,
            };
            action.edit = Some(convert::workspace_edit(
                snap.flags.document_changes,
                &uri,
                None,
                vec![edit],
            ));
        }
        Err(_) if snap.flags.document_changes && snap.flags.create_files => {
            let (_, new_text) = add_override("", &f.id);
            action.edit = Some(WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(vec![
                    DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                        uri: uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(true),
                        }),
                        annotation_id: None,
                    })),
                    DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri,
                            version: None,
                        },
                        edits: vec![OneOf::Left(TextEdit {
                            range: LspRange::new(Position::new(0, 0), Position::new(0, 0)),
                            new_text,
                        })],
                    }),
                ])),
                ..Default::default()
            });
        }
        Err(_) => {
            action.command = Some(Command {
                title: action.title.clone(),
                command: TURN_OFF_TIP.into(),
                arguments: Some(vec![json!({"tip": &*f.id, "file": file.to_string_lossy()})]),
            });
        }
    }
    Some(action)
}

/// Tip actions for the range of `params` in `doc` (`snap` taken for it): per tip (at most
/// three), show / ignore / turn off.
pub fn code_actions(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    if let Some(only) = &params.context.only
        && !only
            .iter()
            .any(|k| CodeActionKind::QUICKFIX.as_str().starts_with(k.as_str()))
    {
        return Vec::new();
    }
    if !snap.settings.tips.enabled {
        return Vec::new();
    }
    let range = doc.byte_range(params.range);
    let mut out = Vec::new();
    if snap.flags.code_action_literals {
        out.extend(
            super::tip_fixes::ignore_id_actions(snap, doc, &params.context.diagnostics)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction),
        );
    }
    let found = tips_in(diags, snap, doc, &range);
    let text = &if found.is_empty() {
        String::new()
    } else {
        doc.text()
    };
    for f in found {
        let skill = snap.library.skill(f.skill);
        let Some(section) = skill.sections.get(f.section) else {
            continue;
        };
        let diags: Vec<_> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| {
                d.source.as_deref() == Some("skill-lsp")
                    && d.code == Some(NumberOrString::String(f.id.to_string()))
            })
            .cloned()
            .collect();
        let diagnostics = (!diags.is_empty()).then_some(diags);
        let show = Command {
            title: format!("Show skill: {}", section.title()),
            command: SHOW_SKILL.into(),
            arguments: Some(vec![
                json!({"skill": skill.name, "line": section.line_start}),
            ]),
        };
        if !snap.flags.code_action_literals {
            out.push(CodeActionOrCommand::Command(show));
            continue;
        }
        if let Some(a) = super::tip_fixes::fix_action(snap, doc, text, &f, diagnostics.clone()) {
            out.push(CodeActionOrCommand::CodeAction(a));
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: show.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostics.clone(),
            command: Some(show),
            ..Default::default()
        }));
        let line = doc
            .rope
            .byte_to_line(f.range.start.min(doc.rope.len_bytes())) as u32;
        if let Some(edit) = ignore_edit(doc, line, &f.id) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ignore this tip here ({})", f.id),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(convert::workspace_edit(
                    snap.flags.document_changes,
                    &doc.uri,
                    Some(doc.version),
                    vec![edit],
                )),
                ..Default::default()
            }));
        }
        if let Some(mut a) = turn_off_action(snap, doc, &f) {
            a.diagnostics = diagnostics;
            out.push(CodeActionOrCommand::CodeAction(a));
        }
    }
    out
}

/// The first argument of a command (`null` when there is none).
pub fn arg(params: &ExecuteCommandParams) -> Value {
    params.arguments.first().cloned().unwrap_or(Value::Null)
}

/// `skill-lsp.showSkill` `{skill, line}`: ask the client to show the skill file at the line
/// (`window/showDocument`), else say where it is in a message.
pub async fn show_skill(snap: &Snapshot, client: &Client, a: &Value) -> jsonrpc::Result<Value> {
    let name = a.get("skill").and_then(Value::as_str).unwrap_or_default();
    let line = a.get("line").and_then(Value::as_u64).unwrap_or(0) as u32;
    let Some(id) = snap.library.find(name) else {
        return Err(jsonrpc::Error::invalid_params(format!(
            "unknown skill `{name}`"
        )));
    };
    let skill = snap.library.skill(id);
    let Some(loc) = convert::skill_location(skill, line, &snap.cache) else {
        return Err(jsonrpc::Error::internal_error());
    };
    let result = json!({"uri": loc.uri.as_str(), "line": line});
    if snap.flags.show_document {
        let shown = client
            .show_document(ShowDocumentParams {
                uri: loc.uri.clone(),
                external: Some(false),
                take_focus: Some(true),
                selection: Some(loc.range),
            })
            .await
            .unwrap_or(false);
        if shown {
            return Ok(result);
        }
    }
    let path = convert::uri_to_path(&loc.uri)
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    client
        .show_message(
            MessageType::INFO,
            format!("Skill {}: {}:{}", skill.name, path, line + 1),
        )
        .await;
    Ok(result)
}

/// `skill-lsp.turnOffTip` `{tip, file}`: write the override into the workspace settings file.
/// The caller applies the changed settings (clients without file watching never report it).
pub fn turn_off_tip(snap: &Snapshot, a: &Value) -> jsonrpc::Result<Value> {
    let tip = a
        .get("tip")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let file = a
        .get("file")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if tip.is_empty() || !file.ends_with(WORKSPACE_FILE) {
        return Err(jsonrpc::Error::invalid_params(
            "expected {tip, file} with a .skill-lsp.yaml file",
        ));
    }
    let path = Path::new(&file);
    // Only the settings file at the root of a workspace folder, never a path of the
    // caller's choosing.
    let in_workspace = (snap.workspaces.iter()).any(|w| w.join(WORKSPACE_FILE) == path);
    if !in_workspace {
        return Err(jsonrpc::Error::invalid_params(format!(
            "{file} is not the settings file of a workspace folder"
        )));
    }
    let root = path.parent().unwrap_or(path);
    let text = match crate::skills::guard::read_text(path, Some(root)) {
        Ok(text) => text,
        Err(crate::skills::guard::Refused::Missing) => String::new(),
        Err(e) => {
            return Err(jsonrpc::Error::invalid_params(format!(
                "{file} is not edited: it {e}"
            )));
        }
    };
    if let Err(e) =
        crate::skills::guard::check_yaml(&text, crate::skills::guard::YamlLimits::SETTINGS)
    {
        return Err(jsonrpc::Error::invalid_params(format!(
            "{file} is not edited: {}",
            e.message
        )));
    }
    let (range, add) = add_override(&text, &tip);
    let mut new = text.clone();
    new.replace_range(range, &add);
    std::fs::write(path, new)
        .map_err(|e| jsonrpc::Error::invalid_params(format!("cannot write {file}: {e}")))?;
    Ok(json!({"file": file, "tip": tip}))
}

#[cfg(test)]
mod tests {
    use super::add_override;

    fn apply(text: &str, id: &str) -> String {
        let (r, add) = add_override(text, id);
        let mut t = text.to_string();
        t.replace_range(r, &add);
        t
    }

    fn overrides(text: &str) -> serde_json::Value {
        let v: serde_json::Value = yaml_serde::from_str(text).unwrap();
        v["tips"]["overrides"].clone()
    }

    #[test]
    fn add_override_keeps_existing_content() {
        assert_eq!(apply("", "a/b"), "tips:\n  overrides:\n    a/b: off\n");
        let t = "# team settings\nskills:\n  paths: [x]\n";
        let out = apply(t, "a/b");
        assert!(out.starts_with(t));
        assert_eq!(overrides(&out)["a/b"], "off");
        let t = "tips:\n    debounceMs: 100   # fast\nagent:\n  provider: none\n";
        let out = apply(t, "a/b");
        assert_eq!(overrides(&out)["a/b"], "off");
        assert!(out.contains("debounceMs: 100   # fast") && out.contains("provider: none"));
        let t = "tips:\n  overrides:\n    # noisy\n    docker: off\n  severity: hint\n";
        let out = apply(t, "a/b");
        let o = overrides(&out);
        assert_eq!(
            (o["a/b"].as_str(), o["docker"].as_str()),
            (Some("off"), Some("off"))
        );
        assert!(out.contains("# noisy"));
        let t = "tips:\n  overrides:\n    a/b: warning\n";
        assert_eq!(apply(t, "a/b"), "tips:\n  overrides:\n    a/b: off\n");
        let t = "tips: {overrides: {x: hint}}\n";
        let o = overrides(&apply(t, "a/b"));
        assert_eq!(
            (o["a/b"].as_str(), o["x"].as_str()),
            (Some("off"), Some("hint"))
        );
        let t = "tips:\n  enabled: true";
        assert_eq!(overrides(&apply(t, "a/b"))["a/b"], "off");
    }
}
