//! Tip diagnostics and problem diagnostics for open documents, and the per-version cache of tip
//! findings that hovers and code actions share.
//!
//! Publishing is debounced per URI: every change schedules a task that sleeps for
//! `tips.debounceMs`; only the latest task of a URI computes and publishes, with the version it
//! computed for. Guidance files also get the problems of their skill (bad YAML, bad triggers).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use super::convert;
use super::proto::{CodeDescription, Diagnostic, NumberOrString, Uri};
use super::server::{Backend, DocSnapshot, Snapshot};
use crate::settings::Resolved;
use crate::skills::library::Library;
use crate::skills::select;
use crate::skills::tips::{FindOptions, Finding};

/// The findings of one document version under one library and one settings resolution.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    library: Arc<Library>,
    resolved: Arc<Resolved>,
    /// Every tip found (declared and implicit, hover-only too), sorted by position.
    pub findings: Vec<Finding>,
}

impl Analysis {
    fn fresh(&self, snap: &Snapshot, doc: &DocSnapshot) -> bool {
        self.version == doc.version
            && Arc::ptr_eq(&self.library, &snap.library)
            && Arc::ptr_eq(&self.resolved, &snap.resolved)
    }
}

/// Per-server state for debounced publishing and the findings cache.
#[derive(Debug, Default)]
pub struct DiagnosticsState {
    generation: AtomicU64,
    /// Latest scheduled generation per URI: older tasks give up.
    pending: Mutex<HashMap<Uri, u64>>,
    cache: Mutex<HashMap<Uri, Arc<Analysis>>>,
    /// One computation at a time: each concurrent regex search needs its own lazy-DFA caches
    /// (megabytes per set), and on two cores parallel documents gain nothing anyway.
    gate: std::sync::OnceLock<tokio::sync::Semaphore>,
}

impl DiagnosticsState {
    fn next(&self, uri: &Uri) -> u64 {
        let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.pending.lock().expect("lock").insert(uri.clone(), g);
        g
    }

    fn is_latest(&self, uri: &Uri, g: u64) -> bool {
        self.pending.lock().expect("lock").get(uri) == Some(&g)
    }

    fn cached(&self, snap: &Snapshot, doc: &DocSnapshot) -> Option<Arc<Analysis>> {
        self.cache
            .lock()
            .expect("lock")
            .get(&doc.uri)
            .filter(|a| a.fresh(snap, doc))
            .cloned()
    }
}

fn find(snap: &Snapshot, doc: &DocSnapshot, lines: Option<Range<u32>>) -> Vec<Finding> {
    if !snap.settings.tips.enabled {
        return Vec::new();
    }
    let text = doc.text();
    let info = doc.info(&text);
    let matches = select::select_with_settings(&snap.library, &info, &snap.settings);
    let opts = FindOptions {
        settings: Some(&snap.settings.tips),
        lines,
        implicit: true,
    };
    snap.library
        .tips
        .find(&snap.library, &matches, &info, &opts)
}

/// All findings of `doc` (cached per version, library and settings).
pub fn analysis(b: &Backend, snap: &Snapshot, doc: &DocSnapshot) -> Arc<Analysis> {
    if let Some(a) = b.state.diagnostics.cached(snap, doc) {
        return a;
    }
    let a = Arc::new(Analysis {
        version: doc.version,
        library: snap.library.clone(),
        resolved: snap.resolved.clone(),
        findings: find(snap, doc, None),
    });
    b.state
        .diagnostics
        .cache
        .lock()
        .expect("lock")
        .insert(doc.uri.clone(), a.clone());
    a
}

/// Findings that start on `lines` (0-based, end exclusive) or, for span tips, overlap them: from
/// the cache when it is fresh, else computed for those lines only (hovers on a version the
/// diagnostics task has not seen yet stay cheap).
pub fn findings_near(
    b: &Backend,
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Range<u32>,
) -> Vec<Finding> {
    match b.state.diagnostics.cached(snap, doc) {
        Some(a) => a
            .findings
            .iter()
            .filter(|f| {
                let last = doc.rope.byte_to_line(f.range.end.min(doc.rope.len_bytes())) as u32;
                f.line < lines.end && last >= lines.start
            })
            .cloned()
            .collect(),
        None => find(snap, doc, Some(lines)),
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

/// The diagnostics for `doc`: its tips (when enabled) and, for a guidance file, its problems.
pub fn diagnostics_for(b: &Backend, snap: &Snapshot, doc: &DocSnapshot) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if snap.settings.tips.enabled && snap.settings.tips.diagnostics {
        let a = analysis(b, snap, doc);
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
        out.extend(convert::problem_diagnostics(
            &snap.library,
            path,
            doc.rope.len_lines(),
        ));
    }
    out
}

/// Recompute and publish diagnostics for `uri` after the configured delay.
pub fn schedule(b: &Backend, uri: Uri) {
    let g = b.state.diagnostics.next(&uri);
    let delay = b
        .state
        .resolved
        .read()
        .expect("lock")
        .settings
        .tips
        .debounce_ms;
    let b = b.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(delay)).await;
        if !b.state.diagnostics.is_latest(&uri, g) {
            return;
        }
        let Ok(_permit) = b
            .state
            .diagnostics
            .gate
            .get_or_init(|| tokio::sync::Semaphore::new(1))
            .acquire()
            .await
        else {
            return;
        };
        if !b.state.diagnostics.is_latest(&uri, g) {
            return;
        }
        let Some(doc) = b.document(&uri) else { return };
        let snap = b.snapshot();
        let version = doc.version;
        let b2 = b.clone();
        let big = doc.rope.len_bytes() > 256 * 1024;
        let diags = match tokio::task::spawn_blocking(move || {
            let d = diagnostics_for(&b2, &snap, &doc);
            if big {
                // The text copy, line table and lexer regions of a large document are freed
                // here; give the pages back rather than let each worker's arena keep them.
                crate::lsp::server::release_freed_memory();
            }
            d
        })
        .await
        {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!("tip diagnostics failed: {e}");
                return;
            }
        };
        // A newer change (or a close) superseded this computation: let the newer task publish.
        if !b.state.diagnostics.is_latest(&uri, g)
            || b.document(&uri).map(|d| d.version) != Some(version)
        {
            return;
        }
        let many = diags.len() > 1000;
        b.client
            .publish_diagnostics(uri, diags, Some(version))
            .await;
        if many {
            // Thousands of diagnostics went through a JSON tree of ~2 KB each on the way out;
            // hand those pages back instead of keeping them for the life of the process.
            crate::lsp::server::release_freed_memory();
        }
    });
}

/// Recompute every open document (after a reload or a settings change).
pub fn schedule_all(b: &Backend) {
    for uri in b.open_uris() {
        schedule(b, uri);
    }
}

/// The document closed: forget it and clear its diagnostics.
pub async fn clear(b: &Backend, uri: Uri) {
    b.state
        .diagnostics
        .pending
        .lock()
        .expect("lock")
        .remove(&uri);
    b.state.diagnostics.cache.lock().expect("lock").remove(&uri);
    b.client.publish_diagnostics(uri, Vec::new(), None).await;
}
