//! The per-version cache of a document's tip findings, which diagnostics, hovers and code
//! actions share: one search per document version (started from the previous version's
//! findings where only part of the text changed), and the findings near a range of lines read
//! from it by binary search, or searched for those lines alone when the cache is not fresh.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::state::{Analysis, Basis, DiagnosticsState, Found};
use crate::lsp::session::{DocSnapshot, Snapshot};
use crate::skills::policy::FileRules;
use crate::skills::select::{self, DocumentInfo, Match};
use crate::skills::tips::incremental::Prev;
use crate::skills::tips::{FindExtra, FindOptions, Finding, Limits, Report};

fn find(
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Option<Range<u32>>,
    cancel: Option<&AtomicBool>,
) -> (Vec<Finding>, Limits) {
    find_with(snap, doc, lines, cancel, true)
}

/// What one search of a document needs, set up the same way for every caller.
struct Search<'a> {
    text: &'a str,
    info: &'a DocumentInfo<'a>,
    matches: &'a [Match],
    rules: &'a FileRules,
    extra: &'a FindExtra<'a>,
}

/// Run `f` on `doc`'s search: its text and description, the skills selected for it, and
/// the project's policy (exclusions, other tools' suppressions) or, without `policy`, none.
/// `None` when tips are off or the policy leaves the document out; else `f`'s answer and the
/// policy it ran under.
fn with_search<R>(
    snap: &Snapshot,
    doc: &DocSnapshot,
    policy: bool,
    f: impl FnOnce(&Search) -> R,
) -> Option<(R, FileRules)> {
    if !snap.settings.tips.enabled {
        return None;
    }
    let text = doc.text();
    let info = doc.info(&text);
    let matches = snap
        .library
        .select_skills_with(&info, snap.settings.skills.filter());
    let rules = if policy {
        crate::skills::policy::for_document(&info, &snap.settings.tips)?
    } else {
        FileRules::default()
    };
    let extra = FindExtra {
        rules: Some(&rules),
        keep_suppressed: false,
        tests_too: snap.settings.tips.include_tests,
    };
    let r = f(&Search {
        text: &text,
        info: &info,
        matches: &matches,
        rules: &rules,
        extra: &extra,
    });
    Some((r, rules))
}

fn options(snap: &Snapshot, lines: Option<Range<u32>>) -> FindOptions<'_> {
    FindOptions {
        settings: Some(&snap.settings.tips),
        lines,
        implicit: true,
    }
}

/// [`find`], with the project's policy (exclusions, other tools' suppressions) or without it.
fn find_with(
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Option<Range<u32>>,
    cancel: Option<&AtomicBool>,
    policy: bool,
) -> (Vec<Finding>, Limits) {
    let opts = options(snap, lines);
    with_search(snap, doc, policy, |s| {
        let r = (snap.library).find_tips_report(s.matches, s.info, &opts, s.extra, cancel);
        (r.findings, r.limits)
    })
    .map(|(found, _)| found)
    .unwrap_or_default()
}

/// Every finding of `doc`, with the project's policy: recomputed from `prev` (an earlier
/// version's analysis under the same library and settings) where only part of the text
/// changed, else searched whole. Both give the same findings.
fn find_document(
    snap: &Snapshot,
    doc: &DocSnapshot,
    cancel: Option<&AtomicBool>,
    prev: Option<&Analysis>,
) -> Found {
    let opts = options(snap, None);
    match with_search(snap, doc, true, |s| {
        search_document(snap, s, &opts, cancel, prev)
    }) {
        Some(((r, selected), rules)) => Found {
            findings: r.findings,
            limits: r.limits,
            basis: Some(Basis {
                selected,
                rules,
                memo: r.memo,
            }),
        },
        None => Found {
            findings: Vec::new(),
            limits: Limits::default(),
            basis: None,
        },
    }
}

/// The search of [`find_document`]: incremental from `prev` where it can be, else whole; with
/// the skills it ran for (the cache key of the next version's incremental search).
fn search_document(
    snap: &Snapshot,
    s: &Search,
    opts: &FindOptions,
    cancel: Option<&AtomicBool>,
    prev: Option<&Analysis>,
) -> (Report, Vec<usize>) {
    let Search {
        text,
        info,
        matches,
        rules,
        extra,
    } = *s;
    let selected: Vec<usize> = matches.iter().map(|m| m.skill).collect();
    let lib = &snap.library;
    let rel = select::match_path(info);
    let engine_doc = crate::skills::tips::Document {
        text,
        language_id: info.language_id,
        rel_path: rel.as_deref(),
    };
    let since = prev.and_then(|p| {
        let b = p.basis.as_ref()?;
        if b.selected != selected || !b.rules.same_without_regions(rules) {
            return None;
        }
        let old = String::from(&p.rope);
        let prev = Prev {
            text: &old,
            findings: &p.findings,
            limits: &p.limits,
            memo: &b.memo,
        };
        (lib.tips).find_incremental(
            lib.skills.len(),
            &selected,
            &engine_doc,
            opts,
            extra,
            cancel,
            prev,
        )
    });
    let r = match since {
        Some(r) => r,
        None => (lib.tips).find_in_report_with(
            lib.skills.len(),
            &selected,
            &engine_doc,
            opts,
            extra,
            cancel,
        ),
    };
    (r, selected)
}

/// All findings of `doc` (cached per version, library and settings). `None` when `cancel` was
/// set before the search finished (nothing is cached then).
pub fn analysis(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    cancel: Option<&AtomicBool>,
) -> Option<Arc<Analysis>> {
    if let Some(a) = state.cached(&doc.uri, doc.version, &snap.library, &snap.settings.0) {
        return Some(a);
    }
    // The previous version's analysis under the same library and settings, to start from.
    let prev = state
        .cache
        .lock()
        .expect("lock")
        .get(&doc.uri)
        .filter(|a| {
            Arc::ptr_eq(&a.library, &snap.library) && Arc::ptr_eq(&a.resolved, &snap.settings.0)
        })
        .cloned();
    let found = find_document(snap, doc, cancel, prev.as_deref());
    drop(prev);
    if found.limits.cancelled {
        return None;
    }
    let a = Arc::new(Analysis::new(
        doc.version,
        snap.library.clone(),
        snap.settings.0.clone(),
        found,
        &doc.rope,
    ));
    let replaced = (state.cache.lock().expect("lock")).insert(doc.uri.clone(), a.clone());
    // The previous version's analysis (a big document's text, tree and findings) is freed here,
    // not under the lock every hover takes.
    drop(replaced);
    Some(a)
}

/// Findings that start on `lines` (0-based, end exclusive) or, for span tips, overlap them: from
/// the cache when it is fresh and complete, else computed for those lines only (hovers on a
/// version the diagnostics task has not seen yet stay cheap). Runs on the caller's thread: async
/// handlers use [`findings_near_async`].
pub fn findings_near(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Range<u32>,
) -> Vec<Finding> {
    match cached_near(state, snap, doc, &lines) {
        Some(v) => v,
        None => find(snap, doc, Some(lines), None).0,
    }
}

fn cached_near(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: &Range<u32>,
) -> Option<Vec<Finding>> {
    let a = state
        .cached(&doc.uri, doc.version, &snap.library, &snap.settings.0)
        .filter(|a| !a.limits.truncated)?;
    Some(a.near(lines))
}

/// [`findings_near`] for async handlers: a cache hit is answered at once, a search runs on the
/// blocking pool so it never holds up the runtime's workers.
pub async fn findings_near_async(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Range<u32>,
) -> Vec<Finding> {
    if let Some(v) = cached_near(state, snap, doc, &lines) {
        return v;
    }
    let (snap, doc) = (snap.clone(), doc.clone());
    tokio::task::spawn_blocking(move || find(&snap, &doc, Some(lines), None).0)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!("tip search failed: {e}");
            Vec::new()
        })
}

/// For a document tips leave alone (vendored, generated, minified, excluded): why, and the
/// findings that policy hides on `lines`, so a hover there can say what is not shown. `None` when
/// tips check the document. Runs the search on the blocking pool.
pub async fn skipped_near(
    state: &DiagnosticsState,
    snap: &Snapshot,
    doc: &DocSnapshot,
    lines: Range<u32>,
) -> Option<(crate::skills::policy::Skip, Vec<Finding>)> {
    if !snap.settings.tips.enabled {
        return None;
    }
    // This version's analysis ran under the policy (it has a basis only then): tips check the
    // document, and a hover off every tip answers at once instead of asking the blocking pool.
    if state
        .cached(&doc.uri, doc.version, &snap.library, &snap.settings.0)
        .is_some_and(|a| a.basis.is_some())
    {
        return None;
    }
    let (snap, doc) = (snap.clone(), doc.clone());
    tokio::task::spawn_blocking(move || {
        let text = doc.text();
        let why = crate::skills::policy::judge(&doc.info(&text), &snap.settings.tips).err()?;
        Some((why, find_with(&snap, &doc, Some(lines), None, false).0))
    })
    .await
    .ok()
    .flatten()
}
