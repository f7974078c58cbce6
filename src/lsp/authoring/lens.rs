//! Code lenses on a guidance file ("applies to N files" above its frontmatter, "N hits in the
//! workspace" above each tip), resolved only for the lenses the editor shows, with the walk
//! cancellable; and `skill-lsp.tipHits`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use super::{FILES_FOR_SKILL, TIP_HITS};
use crate::lsp::proto::{Client, CodeLens, Command, NumberOrString, Position, Range, jsonrpc};
use crate::lsp::session::{DocSnapshot, Snapshot};
use crate::skills::applies::Control;

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
    use crate::lsp::proto::{
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
pub(super) fn applies_to(
    snap: &Snapshot,
    id: crate::skills::model::SkillId,
    ctl: &Control,
) -> Option<Vec<crate::skills::applies::Applies>> {
    per_root(snap, |root, filter| {
        crate::skills::applies::files_for_skill_with(
            &snap.library,
            id,
            root,
            std::slice::from_ref(root),
            filter,
            ctl,
        )
    })
}

/// `walk` over each workspace folder with that root's skill filter, the answers in folder
/// order; `None` as soon as one walk is cancelled.
fn per_root<T>(
    snap: &Snapshot,
    mut walk: impl FnMut(&std::path::PathBuf, crate::skills::select::SkillFilter) -> Option<Vec<T>>,
) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for root in snap.workspaces.iter() {
        out.extend(walk(root, snap.roots.for_root(Some(root)).skills.filter())?);
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
    per_root(snap, |root, filter| {
        crate::skills::applies::tip_hits_with(&snap.library, ti, root, filter, ctl)
    })
}

/// `skill-lsp.tipHits` `{tip}`: every hit of a tip in the workspace, as locations.
pub fn tip_hits_command(snap: &Snapshot, args: &[Value]) -> jsonrpc::Result<Value> {
    let tip = super::string_arg(
        args,
        "tip",
        "skill-lsp.tipHits expects {\"tip\": <skill>/<id>}",
    )?;
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
