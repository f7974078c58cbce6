//! The quick fix of a tip that declares a fix (a regex tip's `fix:`, a structural tip's ast-grep
//! `fix:`): one preferred code action per finding, an edit of the document at the version it was
//! found in. The fix goes through the same plan as `check --fix` (see
//! [`crate::skills::tips::fix`]), so one that would stop the file parsing is not offered. Also
//! the did-you-mean of an unknown id in a `skill-lsp: ignore` comment.

use super::convert::workspace_edit;
use super::proto::{CodeAction, CodeActionKind, Diagnostic, NumberOrString, TextEdit};
use super::session::{DocSnapshot, Snapshot};
use crate::skills::tips::Finding;
use crate::skills::tips::fix::{for_finding, plan};

/// Longest replacement quoted in a title.
const TITLE_TEXT: usize = 40;

/// `Replace with `…` (tip)`, or the fix's own title.
fn title(fix: &crate::skills::tips::fix::Fix, id: &str) -> String {
    if let Some(t) = &fix.title {
        return format!("{t} ({id})");
    }
    let one = fix.new.lines().next().unwrap_or("").trim();
    let mut shown: String = one.chars().take(TITLE_TEXT).collect();
    if shown.len() < one.len() || fix.new.trim().lines().count() > 1 {
        shown.push('…');
    }
    if fix.new.trim().is_empty() {
        format!("Fix: remove `{}` ({id})", fix.old.trim())
    } else {
        format!("Fix: replace with `{shown}` ({id})")
    }
}

/// The fix of `f` in `doc` as a preferred quick fix, when its tip declares one that applies.
pub fn fix_action(
    snap: &Snapshot,
    doc: &DocSnapshot,
    text: &str,
    f: &Finding,
    diagnostics: Option<Vec<Diagnostic>>,
) -> Option<CodeAction> {
    let tip = snap.library.tips.tip(f.tip);
    let fix = for_finding(tip, text, f)?;
    // Alone, through the plan: refused when stale or when the file would stop parsing.
    if plan(text, &doc.language_id, &[&fix]).applied.is_empty() {
        return None;
    }
    let edit = TextEdit {
        range: doc.range_of(fix.range.clone()),
        new_text: fix.new.clone(),
    };
    Some(CodeAction {
        title: title(&fix, &f.id),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics,
        is_preferred: Some(true),
        edit: Some(workspace_edit(
            snap.flags.document_changes,
            &doc.uri,
            Some(doc.version),
            vec![edit],
        )),
        ..Default::default()
    })
}

/// "Replace with `<guess>`" on an unknown id of a `skill-lsp: ignore` comment (the diagnostic's
/// range is the id, its `data.replace` the did-you-mean).
pub fn ignore_id_actions(
    snap: &Snapshot,
    doc: &DocSnapshot,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let code = NumberOrString::String(super::diagnostics::UNKNOWN_IGNORE.into());
    diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("skill-lsp") && d.code.as_ref() == Some(&code))
        .filter_map(|d| {
            let guess = d.data.as_ref()?.get("replace")?.as_str()?;
            Some(CodeAction {
                title: format!("Replace with `{guess}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                is_preferred: Some(true),
                edit: Some(workspace_edit(
                    snap.flags.document_changes,
                    &doc.uri,
                    Some(doc.version),
                    vec![TextEdit {
                        range: d.range,
                        new_text: guess.to_string(),
                    }],
                )),
                ..Default::default()
            })
        })
        .collect()
}
