//! Editor help on guidance files (completion, key hovers, quick fixes, `skill-lsp.filesForSkill`):
//! the protocol side of [`crate::skills::authoring`] and [`crate::skills::applies`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use super::convert;
use super::proto::{
    Client, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeLens, Command,
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Documentation, Hover,
    MarkupContent, MarkupKind, NumberOrString, OptionalVersionedTextDocumentIdentifier, Position,
    Range, TextDocumentEdit, TextEdit, WorkspaceEdit, jsonrpc,
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

/// Lenses above a loaded guidance file's frontmatter ("applies to N files") and above each of
/// its tips ("N hits in the workspace"); left unresolved, so the workspace is walked only for
/// lenses the editor shows (see [`resolve_lens`]).
pub fn code_lenses(snap: &Snapshot, doc: &DocSnapshot) -> Vec<CodeLens> {
    let Some(id) = doc.path.as_ref().and_then(|p| snap.library.skill_at(p)) else {
        return Vec::new();
    };
    let at = |line: u32| Range::new(Position::new(line, 0), Position::new(line, 0));
    let skill = snap.library.skill(id);
    let mut out = vec![CodeLens {
        range: at(0),
        command: None,
        data: Some(json!({"kind": "applies", "name": skill.name})),
    }];
    for t in snap.library.tips.tips() {
        if t.skill == id && t.kind == crate::skills::tips::TipKind::Declared {
            out.push(CodeLens {
                range: at(t.line),
                command: None,
                data: Some(json!({"kind": "hits", "tip": t.id.as_ref()})),
            });
        }
    }
    out
}

/// Fill in a lens's title and command: walks the workspace (call on a blocking thread). `None`
/// when `ctl` was cancelled before the walk ended.
pub fn resolve_lens(snap: &Snapshot, mut lens: CodeLens, ctl: &Control) -> Option<CodeLens> {
    let data = lens.data.clone().unwrap_or(Value::Null);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    lens.command = Some(match data["kind"].as_str() {
        Some("applies") => {
            let name = data["name"].as_str().unwrap_or("");
            let n = match snap.library.find(name) {
                Some(id) => applies_to(snap, id, ctl)?.len(),
                None => 0,
            };
            Command {
                title: format!("applies to {}", plural(n, "file", "files")),
                command: FILES_FOR_SKILL.into(),
                arguments: Some(vec![json!({ "name": name })]),
            }
        }
        Some("hits") => {
            let tip = data["tip"].as_str().unwrap_or("");
            let hits = tip_hits(snap, tip, ctl)?.len();
            Command {
                title: format!("{} in the workspace", plural(hits, "hit", "hits")),
                command: TIP_HITS.into(),
                arguments: Some(vec![json!({ "tip": tip })]),
            }
        }
        _ => Command {
            title: "unknown lens".into(),
            command: String::new(),
            arguments: None,
        },
    });
    Some(lens)
}

/// Lens walks that run longer than this show `window/workDoneProgress` (quick ones would only
/// flash a notification).
const LENS_PROGRESS_AFTER: Duration = Duration::from_millis(400);

/// Cancel flags of the lens walks showing progress, by token: `window/workDoneProgress/cancel`
/// names the token only. Entries live as long as their walk.
static LENS_WALKS: std::sync::LazyLock<Mutex<HashMap<String, Arc<AtomicBool>>>> =
    std::sync::LazyLock::new(Default::default);
static LENS_TOKENS: AtomicUsize = AtomicUsize::new(0);

/// Sets the walk's cancel flag when the request is dropped ($/cancelRequest, shutdown), so the
/// blocking walk stops instead of finishing for nobody.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// `codeLens/resolve`: the walk runs on the blocking pool; past [`LENS_PROGRESS_AFTER`] a
/// cancellable progress counts the files looked at; a cancelled request or progress stops it.
/// The progress lives in a task of its own, so a dropped request still ends it.
/// `after`: `ServerDeps::lens_progress_after` (`None`: the default); `client` sends the progress.
pub async fn resolve_lens_request(
    snap: Snapshot,
    client: Client,
    after: Option<Duration>,
    lens: CodeLens,
) -> jsonrpc::Result<CodeLens> {
    let progress = snap.flags.work_done_progress;
    let ctl = Control::default();
    let _guard = CancelOnDrop(ctl.cancel.clone());
    let walk_ctl = ctl.clone();
    let walk = tokio::task::spawn_blocking(move || resolve_lens(&snap, lens, &walk_ctl));
    let after = after.unwrap_or(LENS_PROGRESS_AFTER);
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let _ = tx.send(watch_walk(&client, progress, &ctl, walk, after).await);
    });
    match rx.await {
        Ok(Ok(Some(lens))) => Ok(lens),
        Ok(Ok(None)) => Err(jsonrpc::Error::request_cancelled()),
        _ => Err(jsonrpc::Error::internal_error()),
    }
}

/// Wait for `walk`; once it has run for `after`, report its count as progress (clients that
/// support it) until it ends.
async fn watch_walk(
    client: &Client,
    progress: bool,
    ctl: &Control,
    mut walk: tokio::task::JoinHandle<Option<CodeLens>>,
    after: Duration,
) -> Result<Option<CodeLens>, tokio::task::JoinError> {
    use super::proto::{
        ProgressParams, ProgressParamsValue, WorkDoneProgress, WorkDoneProgressBegin,
        WorkDoneProgressCreateParams, WorkDoneProgressEnd, WorkDoneProgressReport, notification,
        request,
    };
    tokio::select! {
        r = &mut walk => return r,
        _ = tokio::time::sleep(after) => {}
    }
    if !progress {
        return walk.await;
    }
    let id = format!(
        "skill-lsp/lens/{}",
        LENS_TOKENS.fetch_add(1, Ordering::Relaxed)
    );
    let token = NumberOrString::String(id.clone());
    let create =
        client.send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
            token: token.clone(),
        });
    // A client slow to accept the progress must not hold back the answer.
    tokio::select! {
        r = &mut walk => return r,
        created = tokio::time::timeout(Duration::from_secs(5), create) => {
            if !matches!(created, Ok(Ok(()))) {
                return walk.await;
            }
        }
    }
    LENS_WALKS
        .lock()
        .expect("lens walks")
        .insert(id.clone(), ctl.cancel.clone());
    let send = |value| {
        client.send_notification::<notification::Progress>(ProgressParams {
            token: token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        })
    };
    let seen = || ctl.seen.load(Ordering::Relaxed);
    send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
        title: "Counting workspace files".into(),
        cancellable: Some(true),
        message: Some(format!("{} files looked at", seen())),
        percentage: None,
    }))
    .await;
    let result = loop {
        tokio::select! {
            r = &mut walk => break r,
            _ = tokio::time::sleep(Duration::from_millis(250)) => {
                send(WorkDoneProgress::Report(WorkDoneProgressReport {
                    cancellable: Some(true),
                    message: Some(format!("{} files looked at", seen())),
                    percentage: None,
                }))
                .await;
            }
        }
    };
    LENS_WALKS.lock().expect("lens walks").remove(&id);
    let message = match &result {
        Ok(Some(_)) => format!("{} files looked at", seen()),
        Ok(None) => "cancelled".to_string(),
        Err(_) => "failed".to_string(),
    };
    send(WorkDoneProgress::End(WorkDoneProgressEnd {
        message: Some(message),
    }))
    .await;
    result
}

/// `window/workDoneProgress/cancel` for a lens walk's token: stop the walk. `false` when the
/// token is not a lens walk's.
pub fn cancel_lens_walk(token: &NumberOrString) -> bool {
    let NumberOrString::String(id) = token else {
        return false;
    };
    match LENS_WALKS.lock().expect("lens walks").get(id) {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// Every file in the workspace folders the skill applies to; `None` when cancelled.
fn applies_to(
    snap: &Snapshot,
    id: crate::skills::model::SkillId,
    ctl: &Control,
) -> Option<Vec<crate::skills::applies::Applies>> {
    let mut out = Vec::new();
    for root in snap.workspaces.iter() {
        out.extend(crate::skills::applies::files_for_skill_with(
            &snap.library,
            id,
            root,
            std::slice::from_ref(root),
            snap.roots.for_root(Some(root)).skills.filter(),
            ctl,
        )?);
    }
    Some(out)
}

/// Every hit of the tip with this id in the workspace folders; `None` when cancelled.
fn tip_hits(snap: &Snapshot, tip: &str, ctl: &Control) -> Option<Vec<(std::path::PathBuf, u32)>> {
    let Some(ti) = snap
        .library
        .tips
        .tips()
        .iter()
        .position(|t| t.id.as_ref() == tip)
    else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    for root in snap.workspaces.iter() {
        out.extend(crate::skills::applies::tip_hits_with(
            &snap.library,
            ti,
            root,
            snap.roots.for_root(Some(root)).skills.filter(),
            ctl,
        )?);
    }
    Some(out)
}

/// `skill-lsp.tipHits` `{tip}`: every hit of a tip in the workspace, as locations.
pub fn tip_hits_command(snap: &Snapshot, args: &[Value]) -> jsonrpc::Result<Value> {
    let tip = args
        .first()
        .and_then(|a| a.get("tip").and_then(Value::as_str).or_else(|| a.as_str()))
        .ok_or_else(|| {
            jsonrpc::Error::invalid_params("skill-lsp.tipHits expects {\"tip\": <skill>/<id>}")
        })?;
    if !snap
        .library
        .tips
        .tips()
        .iter()
        .any(|t| t.id.as_ref() == tip)
    {
        return Err(jsonrpc::Error::invalid_params(format!(
            "no tip `{tip}` is loaded"
        )));
    }
    let hits: Vec<Value> = tip_hits(snap, tip, &Control::default())
        .unwrap_or_default()
        .into_iter()
        .map(|(p, line)| {
            json!({
                "uri": super::convert::path_to_uri(&p).map(|u| u.as_str().to_string()),
                "path": p.display().to_string(),
                "line": line,
            })
        })
        .collect();
    Ok(json!({ "tip": tip, "hits": hits }))
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

/// `skill-lsp.filesForSkill` `{name}`: the workspace files the skill applies to, with reasons.
pub fn files_for_skill(snap: &Snapshot, args: &[Value]) -> jsonrpc::Result<Value> {
    let name = args
        .first()
        .and_then(|a| a.get("name").and_then(Value::as_str).or_else(|| a.as_str()))
        .ok_or_else(|| {
            jsonrpc::Error::invalid_params("skill-lsp.filesForSkill expects {\"name\": <skill>}")
        })?;
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
