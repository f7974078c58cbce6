//! Tip diagnostics and problem diagnostics for open documents; the per-version cache of tip
//! findings that hovers and code actions share is in [`analysis`].
//!
//! Each document is computed on its own: a task per change waits out an adaptive delay (none on
//! open or for an isolated edit; `tips.debounceMs` caps the pause inside a burst of edits), then
//! runs the search on the blocking pool, off the async request path, so a slow document never
//! delays another document's hover or diagnostics. A newer version cancels the computation in
//! flight (the tips engine polls the flag) and only the latest task of a URI publishes, with the
//! version it computed for. Big documents have a lane of their own, so a megabyte bundle never
//! holds up the small files. Guidance files also get the problems of their skill (bad YAML, bad
//! triggers).

mod analysis;
pub(super) mod state;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::convert;
use super::proto::{Client, CodeDescription, Diagnostic, NumberOrString, Uri};
use super::session::{DocSnapshot, Session, Snapshot};
use crate::skills::select;
use crate::skills::tips::Finding;
pub use analysis::{analysis, findings_near, findings_near_async, skipped_near};
pub use state::{Analysis, DiagnosticsState, Why};

/// What the diagnostics tasks need from the server: the client (to publish) and the session
/// (the documents, the snapshots, the per-version cache in [`DiagnosticsState`]). Like an agent
/// run's `RunCtx`, they never route, reload or change settings, so they do not get the `Backend`.
#[derive(Clone)]
pub struct Ctx {
    pub client: Client,
    pub session: Arc<Session>,
}

impl Ctx {
    fn state(&self) -> &DiagnosticsState {
        &self.session.diagnostics
    }

    fn document(&self, uri: &Uri) -> Option<DocSnapshot> {
        self.session.document(uri)
    }

    fn snapshot(&self) -> Snapshot {
        self.session.snapshot()
    }
}

/// Documents at least this big are computed in their own lane.
const BIG_DOC: usize = 256 * 1024;
/// Closing a document at least this big hands its freed pages back to the system.
const TRIM_ON_CLOSE: usize = 64 * 1024;
/// Inside a burst (edits closer together than `tips.debounceMs`), the pause after the last edit
/// before recomputing (or `tips.debounceMs` if smaller).
const BURST_PAUSE: Duration = Duration::from_millis(40);

/// The delay before computing, from why and the gap since the previous edit of the document.
fn delay(why: Why, gap: Option<Duration>, debounce: Duration) -> Duration {
    match (why, gap) {
        (Why::Change, Some(gap)) if gap < debounce => BURST_PAUSE.min(debounce),
        _ => Duration::ZERO,
    }
}

/// `data` of a tip diagnostic: what code actions (ours and the agent's) need.
pub fn diagnostic_data(snap: &Snapshot, f: &Finding) -> serde_json::Value {
    let skill = snap.library.skill(f.skill);
    let section = skill.sections.get(f.section);
    json!({
        "owner": "tips",
        "tip": &*f.id,
        "skill": &*f.skill_name,
        "section": section.map(|s| s.title()).unwrap_or(""),
        "sectionLine": section.map_or(0, |s| s.line_start),
        "kind": match f.kind { crate::skills::tips::TipKind::Declared => "declared", crate::skills::tips::TipKind::Implicit => "implicit" },
    })
}

/// Code of the diagnostic on an unknown id in a `skill-lsp: ignore` comment (as `check` names it).
pub const UNKNOWN_IGNORE: &str = "skill-lsp/unknown-ignore";

/// Unknown ids in `doc`'s `skill-lsp: ignore` comments, as `check` reports them (not in a file
/// tips leave alone); `data.replace` carries the did-you-mean for the quick fix.
fn ignore_diagnostics(snap: &Snapshot, doc: &DocSnapshot) -> Vec<Diagnostic> {
    let text = doc.text();
    if !text.contains("skill-lsp: ignore") {
        return Vec::new();
    }
    let info = doc.info(&text);
    if crate::skills::policy::for_document(&info, &snap.settings.tips).is_none() {
        return Vec::new();
    }
    let ids = snap.library.tips.ids();
    crate::skills::policy::ignores::unknown(&text, &ids)
        .into_iter()
        .map(|u| Diagnostic {
            range: doc.range_of(u.range.clone()),
            severity: Some(super::proto::DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String(UNKNOWN_IGNORE.into())),
            source: Some("skill-lsp".into()),
            message: u.message(),
            data: Some(json!({"owner": "tips", "replace": u.guess})),
            ..Default::default()
        })
        .collect()
}

/// The diagnostics for `doc`: its tips (when enabled) and, for a guidance file, its problems.
/// `None` when cancelled by a newer version.
pub fn diagnostics_for(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    cancel: Option<&AtomicBool>,
) -> Option<Vec<Diagnostic>> {
    let mut out = Vec::new();
    if snap.settings.tips.enabled && snap.settings.tips.diagnostics {
        let a = analysis(state, snap, doc, cancel)?;
        if let Some(note) = a.limits.note() {
            // Where the unchecked part starts: the first long line, else the top.
            let at = a
                .limits
                .long_lines
                .first()
                .map_or(0, |&(l, _)| doc.rope.line_to_byte(l as usize));
            out.push(Diagnostic {
                range: doc.range_of(at..at),
                severity: Some(super::proto::DiagnosticSeverity::INFORMATION),
                code: Some(NumberOrString::String("skill-lsp/tips-limited".into())),
                source: Some("skill-lsp".into()),
                message: note,
                ..Default::default()
            });
        }
        out.extend(ignore_diagnostics(snap, doc));
        let tips = &snap.settings.tips;
        let (shown, total) =
            crate::skills::tips::publishable(&a.findings, tips.max_diagnostics, tips.max_per_tip);
        let mut hrefs: HashMap<usize, Option<Uri>> = HashMap::new();
        for f in &shown {
            let href = hrefs
                .entry(f.skill)
                .or_insert_with(|| convert::skill_uri(snap.library.skill(f.skill), &snap.cache))
                .clone();
            out.push(Diagnostic {
                range: doc.range_of(f.range.clone()),
                severity: Some(convert::severity(f.severity)),
                code: Some(NumberOrString::String(f.id.to_string())),
                code_description: href.map(|href| CodeDescription { href }),
                source: Some("skill-lsp".into()),
                message: f.message.to_string(),
                data: Some(diagnostic_data(snap, f)),
                ..Default::default()
            });
        }
        if shown.len() < total {
            // Say so where the reader starts: silence past the cap must not read as "clean".
            out.push(Diagnostic {
                range: doc.range_of(0..0),
                severity: Some(super::proto::DiagnosticSeverity::INFORMATION),
                code: Some(NumberOrString::String(
                    "skill-lsp/diagnostics-capped".into(),
                )),
                source: Some("skill-lsp".into()),
                message: format!(
                    "skill-lsp: showing {} of {total} tip diagnostics in this file \
                     (tips.maxDiagnostics {}, tips.maxPerTip {}); hovers still show every tip",
                    shown.len(),
                    tips.max_diagnostics,
                    tips.max_per_tip
                ),
                ..Default::default()
            });
        }
    }
    if let Some(path) = &doc.path {
        // A loaded guidance file is checked as it stands in the editor, before it is saved.
        let text = snap.library.skill_at(path).map(|_| doc.text());
        out.extend(convert::problem_diagnostics(
            &snap.library,
            path,
            text.as_deref(),
            doc.rope.len_lines(),
        ));
        if let Some(text) = &text {
            out.extend(super::authoring::unmatched_glob_diagnostics(
                snap, doc, text, cancel,
            ));
        }
    }
    Some(out)
}

/// Recompute and publish diagnostics for `uri` (the delay depends on `why`, see [`Why`]).
pub fn schedule(b: &Ctx, uri: Uri, why: Why) {
    let (g, cancel, gap) = b.state().next(&uri, why);
    let debounce = Duration::from_millis(match b.document(&uri) {
        Some(doc) => b.snapshot().for_doc(&doc).settings.tips.debounce_ms,
        None => b.snapshot().settings.tips.debounce_ms,
    });
    let wait = delay(why, gap, debounce);
    let b = b.clone();
    let asked = Instant::now();
    tokio::spawn(async move {
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        // The library may still be loading (initialize answers before it is): wait for it
        // rather than publish an empty answer.
        b.session.library_ready().await;
        if !b.state().is_latest(&uri, g) {
            return;
        }
        let Some(doc) = b.document(&uri) else { return };
        let big = doc.rope.len_bytes() >= BIG_DOC;
        let Ok(_permit) = b.state().lane(big).acquire().await else {
            return;
        };
        if !b.state().is_latest(&uri, g) {
            return;
        }
        let Some(doc) = b.document(&uri) else { return };
        let snap = b.snapshot().for_doc(&doc);
        let version = doc.version;
        let b2 = b.clone();
        let big = doc.rope.len_bytes() >= BIG_DOC;
        let job = move || {
            let started = Instant::now();
            let d = diagnostics_for(b2.state(), &snap, &doc, Some(&cancel));
            // Where the time goes when diagnostics feel slow: waiting (delay, library, lane)
            // against computing.
            tracing::debug!(
                uri = doc.uri.as_str(),
                version = doc.version,
                waited_ms = (started - asked).as_secs_f64() * 1e3,
                ms = started.elapsed().as_secs_f64() * 1e3,
                diagnostics = d.as_ref().map_or(0, Vec::len),
                "diagnostics computed"
            );
            if big {
                // The text copy, line table and lexer regions of a large document are freed
                // here; give the pages back rather than let each worker's arena keep them.
                crate::lsp::memory::release_freed_memory();
            }
            d
        };
        // A big document's analysis yields the CPU to hovers and small documents.
        let computed = if big {
            super::background::run_low_priority(job).await
        } else {
            super::analysis_pool::run(job).await
        };
        let diags = match computed {
            Ok(Some(d)) => d,
            Ok(None) => return, // cancelled: the newer task publishes
            Err(e) => {
                tracing::warn!("tip diagnostics failed: {e}");
                return;
            }
        };
        // A newer change (or a close) superseded this computation: let the newer task publish.
        if !b.state().is_latest(&uri, g) || b.document(&uri).map(|d| d.version) != Some(version) {
            return;
        }
        let many = diags.len() > 1000;
        b.client
            .publish_diagnostics(uri, diags, Some(version))
            .await;
        if many {
            // Thousands of diagnostics went through a JSON tree of ~2 KB each on the way out;
            // hand those pages back instead of keeping them for the life of the process.
            crate::lsp::memory::release_freed_memory();
        }
    });
}

/// Recompute every open document (after a reload or a settings change).
pub fn schedule_all(b: &Ctx) {
    for uri in b.session.open_uris() {
        schedule(b, uri, Why::Refresh);
    }
}

/// The document closed: forget it (its findings, its parsed tree) and clear its diagnostics.
pub async fn clear(b: &Ctx, uri: Uri, closed: Option<DocSnapshot>) {
    let big = if let Some(doc) = closed {
        let key = select::match_path(&doc.info(""));
        let big = doc.rope.len_bytes() >= TRIM_ON_CLOSE;
        drop(doc);
        if let Some(key) = key {
            crate::skills::tips::structural::trees::forget(&key);
        }
        big
    } else {
        false
    };
    if let Some(p) = b.state().pending.lock().expect("lock").remove(&uri) {
        p.cancel.store(true, Ordering::Relaxed);
    }
    let analysis = b.state().cache.lock().expect("lock").remove(&uri);
    drop(analysis);
    if big {
        // The tree, the text copies and the findings of a large document: give the pages back.
        crate::lsp::memory::release_freed_memory();
    }
    b.client.publish_diagnostics(uri, Vec::new(), None).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_delay_on_open_or_for_an_isolated_edit_and_a_short_one_in_a_burst() {
        let d = Duration::from_millis(300);
        assert_eq!(delay(Why::Open, None, d), Duration::ZERO);
        assert_eq!(delay(Why::Refresh, Some(Duration::ZERO), d), Duration::ZERO);
        assert_eq!(delay(Why::Change, None, d), Duration::ZERO, "first edit");
        assert_eq!(
            delay(Why::Change, Some(Duration::from_secs(2)), d),
            Duration::ZERO,
            "isolated edit"
        );
        assert_eq!(
            delay(Why::Change, Some(Duration::from_millis(20)), d),
            BURST_PAUSE
        );
        let tiny = Duration::from_millis(10);
        assert_eq!(
            delay(Why::Change, Some(Duration::from_millis(5)), tiny),
            tiny
        );
        assert_eq!(
            delay(Why::Change, Some(Duration::from_millis(5)), Duration::ZERO),
            Duration::ZERO,
            "debounceMs 0: never wait"
        );
    }
}
