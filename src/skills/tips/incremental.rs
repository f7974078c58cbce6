//! Recomputing the tips of an edited document from the previous version's findings: only what
//! the edit can change is searched again, and the result is the one a whole search gives (a
//! property test, `tests/incremental_props.rs`, checks it after every random edit).
//!
//! What a finding depends on, and so what is searched again:
//! - a line or implicit tip: its line's text, the line before (ignore and other tools' comments)
//!   and its context (comment, string, async, test), read off the tree by the node at its start
//!   and that node's ancestors: all inside its top-level statement;
//! - a structural rule's match: its node, its descendants and ancestors (`has`, `inside`): inside
//!   its top-level statement too, unless the rule reaches further (siblings, a search from an
//!   ancestor that may be the root, a `file-rule`: `structural::reach`) and the edited
//!   statements hold what it looks for there: then that rule runs on the whole tree again and
//!   its findings are all replaced;
//! - a span tip: anything (a regex over the whole text), so span tips always run everywhere;
//! - the file as a whole (selection, other tools' directives, `unless`/`requires`): the caller
//!   and [`search`] compare those and fall back to a whole search when one differs.
//!
//! The dirty region is the edited lines and the line after them, grown to whole lines and whole
//! top-level statements covering them and every range whose syntax tree-sitter reports changed
//! (an opened string or bracket re-parses what follows), until stable. Findings outside it are
//! kept, shifted. Only languages whose tree judges context ([`structural::context::judges`]) and
//! trees without syntax errors qualify; anything else is a whole search.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Weak};

use super::structural::{self, Grammar};
use super::{
    DOC_CAP, Document, FindExtra, FindOptions, Finding, Limits, MAX_FINDINGS, Matcher, Report, Run,
    SkillId, TipIndex, sort_findings,
};
use crate::skills::tip_policy::TipPolicy;

/// What a search remembers for the next version's [`TipIndex::find_incremental`].
#[derive(Clone, Default)]
pub struct Memo {
    /// The tree the search read (`None`: it parsed none), held weakly: [`structural::trees`]
    /// keeps the trees of the documents used last, and a memo holding its own would keep one
    /// per open document (~0.6 MB per 1,000 lines). When it is gone, the old text is parsed again.
    tree: Option<Weak<structural::Parsed>>,
    /// Structural findings: (tip, highlighted range, matched node).
    nodes: Vec<(usize, Range<usize>, Range<usize>)>,
    /// `unless`/`requires` of the tips the search judged them for.
    file_ok: Vec<(usize, bool)>,
    /// A search of the whole document (not a few lines for a hover).
    whole: bool,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("tree", &self.tree.is_some())
            .field("nodes", &self.nodes.len())
            .field("whole", &self.whole)
            .finish()
    }
}

impl Memo {
    pub(super) fn of(run: &Run, whole: bool) -> Memo {
        let index = run.index;
        let mut file_ok: Vec<(usize, bool)> = run
            .file_ok
            .iter()
            .filter(|(ti, _)| {
                let t = &index.tips[**ti];
                t.unless.is_some() || t.requires.is_some()
            })
            .map(|(&ti, &ok)| (ti, ok))
            .collect();
        file_ok.sort_unstable();
        Memo {
            tree: run.tree.get().and_then(|t| t.as_ref().map(Arc::downgrade)),
            nodes: run.nodes.clone(),
            file_ok,
            whole,
        }
    }
}

/// How a finding of tip `ti` came about in a document of grammar `g` with a clean tree.
#[derive(PartialEq)]
enum Class {
    Line,
    Span,
    Node,
}

fn class(index: &TipIndex, ti: usize, g: Grammar) -> Class {
    let t = &index.tips[ti];
    if t.structural
        .as_ref()
        .is_some_and(|r| r.for_grammar(g).is_some())
    {
        return Class::Node;
    }
    match t.matcher {
        Matcher::Span { .. } => Class::Span,
        _ => Class::Line,
    }
}

/// The previous version's whole search: its text, findings, limits and memo.
#[derive(Debug, Clone, Copy)]
pub struct Prev<'a> {
    pub text: &'a str,
    pub findings: &'a [Finding],
    pub limits: &'a Limits,
    pub memo: &'a Memo,
}

impl TipIndex {
    /// The search of [`TipIndex::find_in_report_with`] for `doc`, given the report of a whole
    /// search of the previous version `old` (same selection, settings and file-wide
    /// suppressions: the caller checks those). `None` when it cannot be done incrementally (no
    /// tree, a syntax error, a file-wide condition changed, the findings cap): search it whole.
    #[allow(clippy::too_many_arguments)]
    pub fn find_incremental(
        &self,
        skill_count: usize,
        selected: &[SkillId],
        doc: &Document,
        opts: &FindOptions,
        extra: &FindExtra,
        cancel: Option<&AtomicBool>,
        prev: Prev,
    ) -> Option<Report> {
        let defaults;
        let settings = match opts.settings {
            Some(s) => s,
            None => {
                defaults = TipPolicy::default();
                &defaults
            }
        };
        if !settings.enabled || selected.is_empty() || self.tips.is_empty() {
            return Some(Report::default());
        }
        search(
            self,
            skill_count,
            selected,
            doc,
            opts,
            settings,
            extra,
            cancel,
            prev,
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn search(
    index: &TipIndex,
    skill_count: usize,
    selected: &[SkillId],
    doc: &Document,
    opts: &FindOptions,
    settings: &TipPolicy,
    extra: &FindExtra,
    cancel: Option<&AtomicBool>,
    prev: Prev,
) -> Option<Report> {
    let old = prev.text;
    let new = doc.text;
    if opts.lines.is_some()
        || !prev.memo.whole
        || !prev.limits.is_complete()
        || new.len() > DOC_CAP
        || new.len() > structural::trees::MAX_BYTES
    {
        return None;
    }
    let g = Grammar::for_document(doc.language_id)?;
    if !structural::context::judges(g) {
        return None;
    }
    let old_tree = match prev.memo.tree.as_ref()?.upgrade() {
        Some(t) => t,
        // Parsed again under the document's key, so the new version's tree below is an
        // incremental re-parse of it rather than a second whole parse.
        None => structural::trees::parsed(doc.rel_path, g, old)?,
    };
    let old_tree = &old_tree;
    if old_tree.has_error || old_tree.grammar != g || old_tree.root.get_text() != old {
        return None;
    }
    if old == new {
        return Some(Report {
            findings: prev.findings.to_vec(),
            limits: prev.limits.clone(),
            memo: prev.memo.clone(),
        });
    }
    let mut sel = vec![false; skill_count.max(selected.iter().copied().max().map_or(0, |m| m + 1))];
    for &s in selected {
        sel[s] = true;
    }
    let mut run = Run::new(index, doc, opts, settings, sel);
    run.cancel = cancel;
    run.extra = extra;
    let new_tree = run.tree()?.clone();
    if new_tree.has_error {
        return None;
    }
    // A file-wide condition of a tip that had candidates changed: its findings anywhere may.
    for &(ti, ok) in &prev.memo.file_ok {
        if run.file_ok(ti) != ok {
            return None;
        }
    }
    let changed = structural::changed_ranges(old_tree, &new_tree)?;
    let (p, s) = structural::common_ends(old, new);
    let delta = new.len() as isize - old.len() as isize;
    let lines = run.line_count();
    let line_end = |l: usize| run.line_starts.get(l + 1).copied().unwrap_or(new.len());
    // The edited lines and the one after (its ignore comment is the line above).
    let e0 = run.line_of(p);
    let e1 = (run.line_of(new.len() - s) + 1).min(lines - 1);
    let mut lo = run.line_starts[e0];
    let mut hi = line_end(e1);
    for r in &changed {
        lo = lo.min(r.start);
        hi = hi.max(r.end.min(new.len()));
    }
    // The old tree's statements too (below): a previous finding is dropped when its old node
    // meets the region, so the region must hold all of that node's statement. The two trees can
    // disagree on where a statement ends (a YAML document takes in the blank lines after it:
    // deleting the last one left the job that reached it outside the new tree's statement).
    // Each round reads the statements near the region as it stands; it stops when a round
    // grows it no more, so statements a round did not read cannot have grown it.
    let to_new = |x: usize| ((x as isize + delta).max(0) as usize).min(new.len());
    loop {
        let before = (lo, hi);
        lo = run.line_starts[run.line_of(lo)];
        if hi > lo {
            hi = line_end(run.line_of(hi - 1));
        }
        let tops = structural::top_level_near(&new_tree, lo, hi);
        for (i, (r, leads)) in tops.iter().enumerate() {
            if r.start < hi && lo < r.end {
                lo = lo.min(r.start);
                hi = hi.max(r.end);
                if *leads && let Some((next, _)) = tops.get(i + 1) {
                    hi = hi.max(next.end);
                }
            }
        }
        // In the old text the region is `lo..hi - delta`: before `lo` nothing moved, and from
        // its end on everything moved by `delta`.
        let hi_old = (hi as isize - delta) as usize;
        let old_tops = structural::top_level_near(old_tree, lo, hi_old);
        for (i, (r, leads)) in old_tops.iter().enumerate() {
            if r.start < hi_old && lo < r.end {
                lo = lo.min(r.start);
                let mut end = r.end;
                if *leads && let Some((next, _)) = old_tops.get(i + 1) {
                    end = end.max(next.end);
                }
                if end > hi_old {
                    hi = hi.max(to_new(end));
                }
            }
        }
        if (lo, hi) == before {
            break;
        }
    }
    let hi_old = (hi as isize - delta) as usize;
    let dl = lines as isize - (old.matches('\n').count() + 1) as isize;
    run.dirty = Some(run.line_of(lo)..run.line_of(hi.saturating_sub(1).max(lo)) + 1);
    run.swindow = Some(lo..hi);
    // Rules whose matches depend on other statements: run whole when the edited statements,
    // before or after, hold what they look for.
    let (old_kinds, new_kinds) = (
        structural::reach::kinds_in(old_tree, lo..hi_old),
        structural::reach::kinds_in(&new_tree, lo..hi),
    );
    let edited: Vec<bool> = (0..old_kinds.len().max(new_kinds.len()))
        .map(|k| old_kinds.get(k) == Some(&true) || new_kinds.get(k) == Some(&true))
        .collect();
    run.whole_tips = (0..index.tips.len())
        .filter(|&ti| {
            index.tips[ti]
                .structural
                .as_ref()
                .and_then(|r| r.for_grammar(g))
                .is_some_and(|c| c.reach.rescan(&edited))
        })
        .collect();
    index.run_groups(&mut run, doc.language_id);
    if run.limits.cancelled {
        return Some(Report {
            limits: std::mem::take(&mut run.limits),
            ..Default::default()
        });
    }
    if run.limits.truncated {
        return None;
    }
    // The nodes of the previous structural findings, by tip and range.
    let mut node_of: HashMap<(usize, usize, usize), Range<usize>> = HashMap::new();
    for (ti, r, n) in &prev.memo.nodes {
        node_of
            .entry((*ti, r.start, r.end))
            .and_modify(|h| *h = h.start.min(n.start)..h.end.max(n.end))
            .or_insert_with(|| n.clone());
    }
    let shift = |x: usize| {
        if x >= hi_old {
            (x as isize + delta) as usize
        } else {
            x
        }
    };
    let outside = |r: &Range<usize>| r.end <= lo || r.start >= hi_old;
    let mut out = std::mem::take(&mut run.out);
    let mut nodes = std::mem::take(&mut run.nodes);
    for f in prev.findings {
        let keep = match class(index, f.tip, g) {
            Class::Span => false,
            Class::Line => f.range.start < lo || f.range.start >= hi_old,
            Class::Node => {
                let n = node_of.get(&(f.tip, f.range.start, f.range.end))?;
                if !run.whole_tips.contains(&f.tip) && outside(n) {
                    nodes.push((
                        f.tip,
                        shift(f.range.start)..shift(f.range.end),
                        shift(n.start)..shift(n.end),
                    ));
                    true
                } else {
                    false
                }
            }
        };
        if !keep {
            continue;
        }
        let mut f = f.clone();
        if f.range.start >= hi_old {
            f.range = shift(f.range.start)..shift(f.range.end);
            f.line = (f.line as isize + dl) as u32;
            if let Some(fx) = &mut f.fix {
                fx.range = shift(fx.range.start)..shift(fx.range.end);
            }
        }
        out.push(f);
    }
    if out.len() >= MAX_FINDINGS {
        return None;
    }
    sort_findings(&mut out);
    let mut memo = Memo::of(&run, true);
    memo.nodes = nodes;
    for e in &prev.memo.file_ok {
        if !memo.file_ok.iter().any(|(ti, _)| *ti == e.0) {
            memo.file_ok.push(*e);
        }
    }
    Some(Report {
        findings: out,
        limits: std::mem::take(&mut run.limits),
        memo,
    })
}
