//! What the diagnostics keep between requests, owned by the session: the computation scheduled
//! for each URI (to cancel it and to publish only the latest), the lanes that bound how many
//! run at once, and each document's last analysis (its findings, and what the next version's
//! search starts from). Plain data: it reads no snapshot.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::lsp::proto::Uri;
use crate::settings::Resolved;
use crate::skills::library::Library;
use crate::skills::policy::FileRules;
use crate::skills::tips::incremental::Memo;
use crate::skills::tips::{Finding, Limits};

/// Why a document is recomputed: sets the delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Opened: publish as soon as computed.
    Open,
    /// Edited: no delay for an isolated edit, a short pause inside a burst.
    Change,
    /// Saved, reloaded, settings changed: no delay.
    Refresh,
}

/// The latest scheduled computation of one URI.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) generation: u64,
    /// Set when a newer computation (or a close) supersedes this one.
    pub(super) cancel: Arc<AtomicBool>,
    pub(super) last_change: Option<Instant>,
}

/// Per-server state for scheduling, cancelling and the findings cache.
#[derive(Debug, Default)]
pub struct DiagnosticsState {
    pub(super) generation: AtomicU64,
    pub(super) pending: Mutex<HashMap<Uri, Pending>>,
    pub(super) cache: Mutex<HashMap<Uri, Arc<Analysis>>>,
    /// Computations at a time, per lane (small and big documents): each concurrent regex search
    /// keeps its own lazy-DFA caches (megabytes per set), so the pool is bounded by the cores.
    pub(super) small: OnceLock<Semaphore>,
    pub(super) big: OnceLock<Semaphore>,
}

fn lane_width() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8))
}

impl DiagnosticsState {
    /// Register a new computation of `uri`: cancels the one in flight. Returns its generation,
    /// its cancel flag and the time since the previous edit (for `Why::Change`).
    pub(super) fn next(&self, uri: &Uri, why: Why) -> (u64, Arc<AtomicBool>, Option<Duration>) {
        let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        let now = Instant::now();
        let mut pending = self.pending.lock().expect("lock");
        let prev = pending.get(uri);
        let last = prev.and_then(|p| p.last_change);
        if let Some(p) = prev {
            p.cancel.store(true, Ordering::Relaxed);
        }
        let gap = last.map(|t| now.duration_since(t));
        pending.insert(
            uri.clone(),
            Pending {
                generation: g,
                cancel: cancel.clone(),
                last_change: if why == Why::Change { Some(now) } else { last },
            },
        );
        (g, cancel, gap)
    }

    pub(super) fn is_latest(&self, uri: &Uri, g: u64) -> bool {
        self.pending
            .lock()
            .expect("lock")
            .get(uri)
            .is_some_and(|p| p.generation == g)
    }

    /// The analysis of `uri` if it is of `version` under `library` and `resolved`.
    pub(super) fn cached(
        &self,
        uri: &Uri,
        version: i32,
        library: &Arc<Library>,
        resolved: &Arc<Resolved>,
    ) -> Option<Arc<Analysis>> {
        self.cache
            .lock()
            .expect("lock")
            .get(uri)
            .filter(|a| a.fresh(version, library, resolved))
            .cloned()
    }

    pub(super) fn lane(&self, big: bool) -> &Semaphore {
        let cell = if big { &self.big } else { &self.small };
        cell.get_or_init(|| Semaphore::new(lane_width()))
    }
}

/// The findings of one document version under one library and one settings resolution.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub(super) library: Arc<Library>,
    pub(super) resolved: Arc<Resolved>,
    /// Every tip found (declared and implicit, hover-only too), sorted by position.
    pub findings: Vec<Finding>,
    /// What the search left out (long lines, the findings cap).
    pub limits: Limits,
    /// The line each finding ends on (same order as `findings`), and the most lines any finding
    /// spans: a hover finds the findings of its line by binary search instead of a scan of the
    /// whole file.
    pub(super) end_lines: Vec<u32>,
    pub(super) max_span: u32,
    /// What the next version's search starts from: this version's text, the skills selected,
    /// the project's suppressions and the engine's memo (see [`crate::skills::tips::incremental`]).
    pub(super) rope: ropey::Rope,
    pub(super) basis: Option<Basis>,
}

/// What a whole-document search of one version was made under.
#[derive(Debug)]
pub(super) struct Basis {
    pub(super) selected: Vec<usize>,
    pub(super) rules: FileRules,
    pub(super) memo: Memo,
}

impl Analysis {
    pub(super) fn new(
        version: i32,
        library: Arc<Library>,
        resolved: Arc<Resolved>,
        found: Found,
        rope: &ropey::Rope,
    ) -> Analysis {
        let Found {
            findings,
            limits,
            basis,
        } = found;
        let end_lines: Vec<u32> = findings
            .iter()
            .map(|f| rope.byte_to_line(f.range.end.min(rope.len_bytes())) as u32)
            .collect();
        let max_span = findings
            .iter()
            .zip(&end_lines)
            .map(|(f, &e)| e.saturating_sub(f.line))
            .max()
            .unwrap_or(0);
        Analysis {
            version,
            library,
            resolved,
            findings,
            limits,
            end_lines,
            max_span,
            rope: rope.clone(),
            basis,
        }
    }

    pub(super) fn near(&self, lines: &Range<u32>) -> Vec<Finding> {
        near(&self.findings, &self.end_lines, self.max_span, lines)
    }

    pub(super) fn fresh(
        &self,
        version: i32,
        library: &Arc<Library>,
        resolved: &Arc<Resolved>,
    ) -> bool {
        self.version == version
            && Arc::ptr_eq(&self.library, library)
            && Arc::ptr_eq(&self.resolved, resolved)
    }
}

/// Findings that start on `lines` or, for span tips, overlap them: `findings` sorted by start
/// line, `end_lines` their last lines, `max_span` the most lines one spans.
pub(super) fn near(
    findings: &[Finding],
    end_lines: &[u32],
    max_span: u32,
    lines: &Range<u32>,
) -> Vec<Finding> {
    let from = lines.start.saturating_sub(max_span);
    let lo = findings.partition_point(|f| f.line < from);
    let hi = findings.partition_point(|f| f.line < lines.end).max(lo);
    (lo..hi)
        .filter(|&i| end_lines[i] >= lines.start)
        .map(|i| findings[i].clone())
        .collect()
}

/// The result of one search for diagnostics.
pub(super) struct Found {
    pub(super) findings: Vec<Finding>,
    pub(super) limits: Limits,
    pub(super) basis: Option<Basis>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_near_lines_match_a_scan_of_every_finding() {
        use crate::skills::model::Severity;
        use crate::skills::tips::TipKind;
        // Starts and ends: one-line hits and spans of up to 7 lines, sorted by start line.
        let spans: Vec<(u32, u32)> = (0..300u32)
            .map(|i| {
                let start = i / 2;
                (start, start + (i * 7 % 11).saturating_sub(4))
            })
            .collect();
        let findings: Vec<Finding> = spans
            .iter()
            .enumerate()
            .map(|(i, &(line, _))| Finding {
                tip: i,
                skill: 0,
                skill_name: "s".into(),
                id: format!("s/t{i}").into(),
                range: 0..0,
                line,
                message: "m".into(),
                severity: Severity::Warning,
                kind: TipKind::Declared,
                section: 0,
                diagnostic: true,
                suppressed: None,
                fix: None,
            })
            .collect();
        let ends: Vec<u32> = spans.iter().map(|&(_, e)| e).collect();
        let max_span = spans.iter().map(|&(s, e)| e - s).max().unwrap();
        assert!(max_span > 0, "the fixture has spans");
        for a in 0..160 {
            for len in [1, 3] {
                let lines = a..a + len;
                let want: Vec<usize> = (0..findings.len())
                    .filter(|&i| spans[i].0 < lines.end && spans[i].1 >= lines.start)
                    .collect();
                let got: Vec<usize> = near(&findings, &ends, max_span, &lines)
                    .iter()
                    .map(|f| f.tip)
                    .collect();
                assert_eq!(got, want, "lines {lines:?}");
            }
        }
    }
}
