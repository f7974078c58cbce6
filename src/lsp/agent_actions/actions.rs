//! `textDocument/codeAction` for the agent: instant, no network; it only lists `skill-lsp.ask`
//! commands (fix a tip, apply a skill to the selection, explain, review).

use serde_json::Value;

use super::{ASK, AskArgs};
use crate::lsp::diagnostics::DiagnosticsState;
use crate::lsp::proto::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, NumberOrString,
    Range,
};
use crate::lsp::session::{DocSnapshot, Snapshot};

/// Skills offered as "apply" actions.
pub(super) const TOP_SKILLS: usize = 3;

pub(super) fn ask_command(title: &str, args: &AskArgs) -> Command {
    Command {
        title: title.to_string(),
        command: ASK.to_string(),
        arguments: Some(vec![serde_json::to_value(args).unwrap_or(Value::Null)]),
    }
}

/// What "fix <tip>" rewrites when nothing is selected: whole lines, not the matched span (an agent
/// cannot fix `except Exception:` without the `pass` under it), and the whole block when the
/// finding's line opens one.
pub(super) fn fix_range(doc: &DocSnapshot, text: &str, diag: Range) -> Range {
    let bytes = doc.byte_range(diag);
    let rope = &doc.rope;
    let first = rope.byte_to_line(bytes.start.min(rope.len_bytes()));
    let last = rope.byte_to_line(bytes.end.min(rope.len_bytes()));
    let line_start = rope.line_to_byte(first);
    let block = crate::agent::prompt::enclosing_block(text, line_start);
    let end = if block.start == line_start && block.end > line_start {
        block.end
    } else {
        let next = (last + 1).min(rope.len_lines());
        rope.line_to_byte(next)
    };
    // Keep the final line break out of the range so the edit does not swallow it.
    let mut end = end.max(line_start);
    if end > line_start && text.as_bytes().get(end - 1) == Some(&b'\n') {
        end -= 1;
        if end > line_start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
    }
    doc.range_of(line_start..end)
}

/// The tip id and skill of one of our tip diagnostics.
pub(super) fn tip_of(d: &crate::lsp::proto::Diagnostic) -> Option<(String, String)> {
    let id = match d.code.as_ref()? {
        NumberOrString::String(s) if s.contains('/') && !s.starts_with("skill-lsp/") => s.clone(),
        _ => return None,
    };
    let skill = d
        .data
        .as_ref()
        .and_then(|v| v.get("skill"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| id.split('/').next().unwrap_or("").to_string());
    Some((id, skill))
}

/// `textDocument/codeAction`: instant, no network. Lists "Ask agent: ..." commands.
/// `snap` is taken for `doc`; `diags` holds the findings already computed for it.
pub fn code_actions(
    diags: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let wanted = |kind: &CodeActionKind| match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            o.as_str().is_empty()
                || kind.as_str() == o.as_str()
                || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let range = params.range;
    let selection = range.start != range.end;
    let mut out: Vec<(CodeActionKind, CodeAction)> = Vec::new();
    let text = doc.text();

    for d in &params.context.diagnostics {
        let Some((id, skill)) = tip_of(d) else {
            continue;
        };
        let args = AskArgs {
            uri: uri.clone(),
            range: Some(if selection {
                range
            } else {
                fix_range(doc, &text, d.range)
            }),
            skills: vec![skill],
            instruction: Some(format!("Fix the tip `{id}`: {}", d.message)),
            mode: Some("rewrite".into()),
        };
        let title = format!("Ask agent: fix {id}");
        out.push((
            CodeActionKind::QUICKFIX,
            CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                command: Some(ask_command(&title, &args)),
                ..Default::default()
            },
        ));
    }

    let matches = snap
        .library
        .select_skills_with(&doc.info(&text), snap.settings.skills.filter());
    if selection {
        // Skills whose tips fire in the selection first (cached findings: no heavy work here),
        // then the best applicable ones.
        let bytes = doc.byte_range(range);
        let first = doc.rope.byte_to_line(bytes.start.min(doc.rope.len_bytes())) as u32;
        let last = doc.rope.byte_to_line(bytes.end.min(doc.rope.len_bytes())) as u32;
        let mut ranked: Vec<crate::skills::model::SkillId> = Vec::new();
        for f in crate::lsp::diagnostics::findings_near(diags, snap, doc, first..last + 1) {
            if f.range.start < bytes.end && f.range.end > bytes.start && !ranked.contains(&f.skill)
            {
                ranked.push(f.skill);
            }
        }
        for m in &matches {
            if !ranked.contains(&m.skill) {
                ranked.push(m.skill);
            }
        }
        for id in ranked.into_iter().take(TOP_SKILLS) {
            let name = snap.library.skill(id).name.clone();
            let title = format!("Ask agent: apply {name}");
            let args = AskArgs {
                uri: uri.clone(),
                range: Some(range),
                skills: vec![name],
                instruction: None,
                mode: Some("rewrite".into()),
            };
            out.push((
                CodeActionKind::REFACTOR_REWRITE,
                CodeAction {
                    title: title.clone(),
                    kind: Some(CodeActionKind::REFACTOR_REWRITE),
                    command: Some(ask_command(&title, &args)),
                    ..Default::default()
                },
            ));
        }
    }
    if !matches.is_empty() || selection {
        let explain = AskArgs {
            uri: uri.clone(),
            range: Some(range),
            skills: vec![],
            instruction: None,
            mode: Some("explain".into()),
        };
        let review = AskArgs {
            uri: uri.clone(),
            range: None,
            skills: vec![],
            instruction: None,
            mode: Some("review".into()),
        };
        for (title, args) in [
            ("Ask agent: explain with skills", explain),
            ("Ask agent: review this file with skills", review),
        ] {
            out.push((
                CodeActionKind::EMPTY,
                CodeAction {
                    title: title.into(),
                    kind: Some(CodeActionKind::EMPTY),
                    command: Some(ask_command(title, &args)),
                    ..Default::default()
                },
            ));
        }
    }
    let literals = snap.flags.code_action_literals;
    out.into_iter()
        .filter(|(k, _)| wanted(k))
        .map(|(_, a)| {
            if literals {
                CodeActionOrCommand::CodeAction(a)
            } else {
                CodeActionOrCommand::Command(a.command.expect("every agent action has a command"))
            }
        })
        .collect()
}
