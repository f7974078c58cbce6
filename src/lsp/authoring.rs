//! Editor help on guidance files (completion, key hovers, quick fixes, `skill-lsp.filesForSkill`;
//! the lenses and `skill-lsp.tipHits` in `lens.rs`):
//! the protocol side of [`crate::skills::authoring`] and [`crate::skills::applies`].

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};

mod lens;

use lens::applies_to;
pub use lens::{cancel_lens_walk, code_lenses, resolve_lens_request, tip_hits_command};

use super::convert;
use super::proto::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionItemKind, CompletionParams, CompletionResponse, Documentation, Hover, MarkupContent,
    MarkupKind, NumberOrString, OptionalVersionedTextDocumentIdentifier, Position,
    TextDocumentEdit, TextEdit, WorkspaceEdit, jsonrpc,
};
use super::session::{DocSnapshot, Snapshot};
use crate::skills::applies::Control;
use crate::skills::authoring;
use crate::skills::library::workspace_format;
use crate::skills::model::SourceFormat;

/// `{name}`: every workspace file the skill applies to.
pub const FILES_FOR_SKILL: &str = "skill-lsp.filesForSkill";
/// `{tip}`: every hit of a tip (`<skill>/<id>`) in the workspace.
pub const TIP_HITS: &str = "skill-lsp.tipHits";

/// The guidance format of `doc`: the loaded skill's, else its conventional location's.
fn format_of(snap: &Snapshot, doc: &DocSnapshot) -> Option<SourceFormat> {
    let path = doc.path.as_ref()?;
    if let Some(id) = snap.library.skill_at(path) {
        return Some(snap.library.skill(id).format);
    }
    let root = doc.root.as_ref()?;
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    workspace_format(&rel)
}

/// Line and byte column of an LSP position.
fn line_col(doc: &DocSnapshot, pos: Position) -> (usize, usize) {
    let offset = doc.offset_at(pos);
    let line = doc.rope.byte_to_line(offset.min(doc.rope.len_bytes()));
    (line, offset - doc.rope.line_to_byte(line))
}

/// `textDocument/completion` on a guidance file.
pub fn completion(
    snap: &Snapshot,
    doc: &DocSnapshot,
    params: &CompletionParams,
) -> Option<CompletionResponse> {
    let tdp = &params.text_document_position;
    let format = format_of(snap, doc)?;
    let (line, col) = line_col(doc, tdp.position);
    let root = doc.root.clone();
    let globs = || root.as_deref().map(workspace_globs).unwrap_or_default();
    let items = authoring::complete_with(format, &doc.text(), line, col, &globs);
    if items.is_empty() {
        return None;
    }
    let markdown = snap.flags.markdown;
    Some(CompletionResponse::Array(
        items
            .into_iter()
            .map(|i| CompletionItem {
                label: i.label,
                kind: Some(if i.is_key {
                    CompletionItemKind::PROPERTY
                } else {
                    CompletionItemKind::VALUE
                }),
                detail: Some(i.detail),
                documentation: i.documentation.map(|d| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: if markdown {
                            MarkupKind::Markdown
                        } else {
                            MarkupKind::PlainText
                        },
                        value: d,
                    })
                }),
                insert_text: Some(i.insert),
                ..Default::default()
            })
            .collect(),
    ))
}

/// Hover on a frontmatter or tip key of a guidance file, or on a glob: what the key means, or
/// how many workspace files the glob matches and the first ten.
pub fn hover(snap: &Snapshot, doc: &DocSnapshot, pos: Position) -> Option<Hover> {
    let format = format_of(snap, doc)?;
    let (line, col) = line_col(doc, pos);
    let text = doc.text();
    let value = match authoring::hover(format, &text, line, col) {
        Some(v) => v,
        None => {
            let glob = authoring::glob_at(&text, line, col)?;
            let root = doc.root.as_ref()?;
            glob_hover(root, &glob)
        }
    };
    Some(convert::hover(snap.flags.markdown, value, None))
}

fn glob_hover(root: &std::path::Path, glob: &str) -> String {
    const SHOW: usize = 10;
    match crate::skills::applies::glob_matches(root, glob, SHOW) {
        Err(e) => format!("`{glob}` does not compile: {e}"),
        Ok((0, _)) => format!("`{glob}` matches no file in this workspace"),
        Ok((n, first)) => {
            let mut s = format!(
                "`{glob}` matches {n} file{} in this workspace",
                if n == 1 { "" } else { "s" }
            );
            s.push_str(if n > SHOW {
                ", the first ten:\n"
            } else {
                ":\n"
            });
            for f in first {
                s.push_str(&format!("\n- `{f}`"));
            }
            s
        }
    }
}

/// Quick fixes for the problems of a guidance file whose fix is certain.
pub fn code_actions(
    snap: &Snapshot,
    doc: &DocSnapshot,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let Some(format) = format_of(snap, doc) else {
        return Vec::new();
    };
    let text = doc.text();
    let folder = doc
        .path
        .as_ref()
        .and_then(|p| p.parent())
        .and_then(|p| p.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|_| format == SourceFormat::AgentSkill);
    let mut out = Vec::new();
    for d in &params.context.diagnostics {
        let Some(NumberOrString::String(code)) = &d.code else {
            continue;
        };
        let Some(code) = code.strip_prefix("skill-lsp/") else {
            continue;
        };
        if !authoring::fixable(code) {
            continue;
        }
        let line = d.range.start.line as usize;
        let Some(fix) = authoring::quick_fix(format, &text, code, line, folder.as_deref()) else {
            continue;
        };
        let line_start = doc.rope.line_to_byte(line.min(doc.rope.len_lines()));
        let range = super::documents::range_of(
            &doc.rope,
            line_start + fix.start..line_start + fix.end,
            doc.encoding,
        );
        let edit = TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: doc.uri.clone(),
                version: Some(doc.version),
            },
            edits: vec![super::proto::OneOf::Left(TextEdit {
                range,
                new_text: fix.new_text,
            })],
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            is_preferred: Some(true),
            edit: Some(WorkspaceEdit {
                document_changes: Some(super::proto::DocumentChanges::Edits(vec![edit])),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    out
}

/// A command's one string argument: `{key: "…"}` or the bare string; else `usage` as an
/// invalid-params error.
fn string_arg<'a>(args: &'a [Value], key: &str, usage: &str) -> jsonrpc::Result<&'a str> {
    args.first()
        .and_then(|a| a.get(key).and_then(Value::as_str).or_else(|| a.as_str()))
        .ok_or_else(|| jsonrpc::Error::invalid_params(usage.to_string()))
}

/// `skill-lsp.filesForSkill` `{name}`: the workspace files the skill applies to, with reasons.
pub fn files_for_skill(snap: &Snapshot, args: &[Value]) -> jsonrpc::Result<Value> {
    let name = string_arg(
        args,
        "name",
        "skill-lsp.filesForSkill expects {\"name\": <skill>}",
    )?;
    let id = snap.library.find(name).ok_or_else(|| {
        let hint = crate::skills::suggest::did_you_mean(
            name,
            snap.library.skills.iter().map(|s| s.name.as_str()),
        )
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
        jsonrpc::Error::invalid_params(format!("no skill named `{name}` is loaded{hint}"))
    })?;
    let files: Vec<Value> = applies_to(snap, id, &Control::default())
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let uri = super::convert::path_to_uri(&a.path);
            json!({
                "uri": uri.map(|u| u.as_str().to_string()),
                "path": a.path.display().to_string(),
                "rank": a.rank,
                "reasons": a.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({ "skill": snap.library.skill(id).name, "files": files }))
}

/// Files looked at for glob completion: enough to know a workspace's folders and extensions.
const GLOB_SUGGEST_CAP: usize = 5_000;

/// Glob suggestions per workspace folder, kept for [`GLOB_PROBE_TTL`]: the first completion in a
/// glob walks the folder, the next ones while typing are free.
type Suggested = HashMap<std::path::PathBuf, (std::time::Instant, Vec<String>)>;
static SUGGESTED: std::sync::LazyLock<Mutex<Suggested>> =
    std::sync::LazyLock::new(Default::default);

fn workspace_globs(root: &std::path::Path) -> Vec<String> {
    let now = std::time::Instant::now();
    if let Some((at, globs)) = SUGGESTED.lock().expect("glob suggestions").get(root)
        && now.duration_since(*at) < GLOB_PROBE_TTL
    {
        return globs.clone();
    }
    let globs = crate::skills::applies::glob_suggestions(root, GLOB_SUGGEST_CAP);
    SUGGESTED
        .lock()
        .expect("glob suggestions")
        .insert(root.to_path_buf(), (now, globs.clone()));
    globs
}

/// How long a "this glob matches nothing" answer is reused: typing in a guidance file reruns
/// diagnostics on every pause, and a glob that matches nothing is a full walk of the workspace.
const GLOB_PROBE_TTL: std::time::Duration = std::time::Duration::from_secs(10);
/// Past this many files the walk gives up and says nothing (a huge tree, or `$HOME`).
const GLOB_PROBE_CAP: usize = 50_000;

type GlobMemo = std::collections::HashMap<(std::path::PathBuf, String), std::time::Instant>;

/// Globs known to match something, per root, and since when: a memo of a filesystem fact, not
/// session state (a stale "matches" only delays a warning by [`GLOB_PROBE_TTL`]).
static MATCHED: std::sync::LazyLock<std::sync::Mutex<GlobMemo>> =
    std::sync::LazyLock::new(Default::default);

/// Warnings on a workspace guidance file for each of its globs (as typed) that matches no file
/// in its workspace folder. Walks the folder (call on a blocking thread); `cancel` stops it.
pub fn unmatched_glob_diagnostics(
    snap: &Snapshot,
    doc: &DocSnapshot,
    text: &str,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> Vec<super::proto::Diagnostic> {
    use crate::skills::model::Origin;
    let (Some(path), Some(root)) = (doc.path.as_ref(), doc.root.as_ref()) else {
        return Vec::new();
    };
    let Some(id) = snap.library.skill_at(path) else {
        return Vec::new();
    };
    if snap.library.skill(id).origin != Origin::Workspace {
        return Vec::new();
    }
    let Some(skill) = snap.library.live_skill(path, text) else {
        return Vec::new();
    };
    let now = std::time::Instant::now();
    let fresh = |g: &String| {
        let memo = MATCHED.lock().expect("glob memo");
        memo.get(&(root.clone(), g.clone()))
            .is_some_and(|at| now.duration_since(*at) < GLOB_PROBE_TTL)
    };
    let unknown: Vec<String> = skill.globs.iter().filter(|g| !fresh(g)).cloned().collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let stop = || cancel.is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
    let Some(unmatched) =
        crate::skills::applies::unmatched_globs(root, &unknown, GLOB_PROBE_CAP, &stop)
    else {
        return Vec::new();
    };
    {
        let mut memo = MATCHED.lock().expect("glob memo");
        memo.retain(|_, at| now.duration_since(*at) < GLOB_PROBE_TTL);
        for g in unknown.iter().filter(|g| !unmatched.contains(g)) {
            memo.insert((root.clone(), g.clone()), now);
        }
    }
    crate::skills::applies::unmatched_glob_problems(&skill, &unmatched)
        .iter()
        .map(super::convert::problem_diagnostic)
        .collect()
}
