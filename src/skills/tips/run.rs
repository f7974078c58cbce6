//! One search over one document: the [`Run`] that the index's `find` and the incremental search
//! drive, its per-document state (lines, caps, the lazily built lexer regions and tree) and the
//! order findings are returned in. Its passes are in `passes.rs`, what it checks before raising
//! a hit in `checks.rs`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::*;

mod checks;
mod passes;

/// A search gives up its CPU this often (checked where it checks for cancellation). On two
/// cores a woken thread (a hover's, the client's) can queue behind a long search until the
/// scheduler's next tick, up to 4 ms here, while the other core idles (`perf sched`); a yield
/// lets it run. Measured (`cargo bench --bench longline`, seven alternating runs): the slowest
/// small-file hover while a 1 MB line is analysed 3.4 ms -> 1.5 ms (medians of the runs'
/// maxima), medians and the line's own timings unchanged.
const YIELD_EVERY: std::time::Duration = std::time::Duration::from_micros(500);

/// One search over one document.
pub(super) struct Run<'a> {
    pub(super) index: &'a TipIndex,
    pub(super) text: &'a str,
    pub(super) lang: &'a str,
    pub(super) rel_path: Option<&'a str>,
    pub(super) opts: &'a FindOptions<'a>,
    pub(super) settings: &'a TipPolicy,
    pub(super) selected: Vec<bool>,
    pub(super) line_starts: Vec<usize>,
    /// Bytes of the text the lexer needs to see (the end of the last line of interest).
    pub(super) limit: usize,
    pub(super) regions: OnceLock<lexer::Regions>,
    pub(super) scopes: OnceLock<lexer::Scopes>,
    /// The document's tree, parsed (or read from the cache) the first time a structural tip
    /// needs it; `None` inside: no grammar, too large, or no tree.
    pub(super) tree: OnceLock<Option<Arc<structural::Parsed>>>,
    pub(super) test_file: bool,
    pub(super) file_ok: HashMap<usize, bool>,
    pub(super) seen: HashSet<usize>,
    pub(super) out: Vec<Finding>,
    /// `not` of a tip on a line, judged once however many hits the line has (a hit-dense long
    /// line made this quadratic).
    pub(super) not_on_line: HashMap<(usize, usize), bool>,
    /// Lines holding an ignore comment (one pass over the text), and per tip and line whether
    /// it silences the tip.
    pub(super) ignore_lines: HashSet<usize>,
    pub(super) ignored: HashMap<(usize, usize), bool>,
    /// Per tip and line, whether another tool's comment or configuration silences it: judged
    /// once per line, not once per hit (each judgement lowercases and searches the line).
    pub(super) other_on_line: HashMap<(usize, usize), Option<Suppressed>>,
    pub(super) limits: Limits,
    pub(super) cancel: Option<&'a AtomicBool>,
    pub(super) next_yield: std::time::Instant,
    pub(super) extra: &'a FindExtra<'a>,
    /// An incremental search: only these lines (0-based, end exclusive) for line and implicit
    /// tips; structural rules only on nodes overlapping `swindow` (all when `None`) except
    /// `whole_tips`, whose far part the edit touched (`structural::Reach`): those run on the
    /// whole tree; span tips everywhere.
    pub(super) dirty: Option<Range<usize>>,
    pub(super) swindow: Option<Range<usize>>,
    pub(super) whole_tips: Vec<usize>,
    /// Structural findings raised: (tip, highlighted range, matched node).
    pub(super) nodes: Vec<(usize, Range<usize>, Range<usize>)>,
}

impl<'a> Run<'a> {
    pub(super) fn new(
        index: &'a TipIndex,
        doc: &Document<'a>,
        opts: &'a FindOptions<'a>,
        settings: &'a TipPolicy,
        selected: Vec<bool>,
    ) -> Self {
        let text = doc.text;
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let limit = match &opts.lines {
            Some(r) => {
                let end = line_starts
                    .get(r.end as usize)
                    .copied()
                    .unwrap_or(text.len());
                // The lexer need not see past what tips check of the last line.
                let last = line_starts[(r.end as usize).clamp(1, line_starts.len()) - 1];
                let mut cap = end.min(last.saturating_add(LINE_CAP + 1)).min(text.len());
                while !text.is_char_boundary(cap) {
                    cap -= 1;
                }
                cap.max(last.min(end))
            }
            None => text.len(),
        };
        let first = match &opts.lines {
            Some(r) => (r.start as usize).min(line_starts.len()),
            None => 0,
        };
        let mut limits = Limits::default();
        for (l, &s) in line_starts.iter().enumerate().skip(first) {
            if s > limit || (s == limit && l > first) {
                break;
            }
            let e = line_starts.get(l + 1).map_or(text.len(), |&e| e - 1);
            let len = e.saturating_sub(s);
            if len > LINE_CAP {
                limits.long_line_count += 1;
                if limits.long_lines.len() < LONG_LINES_LISTED {
                    limits.long_lines.push((l as u32, len));
                }
            }
        }
        let ignore_lines = memchr::memmem::find_iter(&text.as_bytes()[..limit], IGNORE_MARK)
            .map(|i| line_starts.partition_point(|&s| s <= i).saturating_sub(1))
            .collect();
        Run {
            index,
            text,
            lang: doc.language_id,
            rel_path: doc.rel_path,
            opts,
            settings,
            selected,
            line_starts,
            limit,
            regions: OnceLock::new(),
            scopes: OnceLock::new(),
            tree: OnceLock::new(),
            test_file: doc.rel_path.is_some_and(lexer::is_test_path),
            file_ok: HashMap::new(),
            seen: HashSet::new(),
            out: Vec::new(),
            not_on_line: HashMap::new(),
            ignore_lines,
            ignored: HashMap::new(),
            other_on_line: HashMap::new(),
            limits,
            cancel: None,
            next_yield: std::time::Instant::now() + YIELD_EVERY,
            extra: &NO_EXTRA,
            dirty: None,
            swindow: None,
            whole_tips: Vec::new(),
            nodes: Vec::new(),
        }
    }

    /// Stop searching: cancelled by the caller, or [`MAX_FINDINGS`] reached.
    pub(super) fn halted(&mut self) -> bool {
        let now = std::time::Instant::now();
        if now >= self.next_yield {
            std::thread::yield_now();
            self.next_yield = now + YIELD_EVERY;
        }
        if !self.limits.cancelled && self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            self.limits.cancelled = true;
        }
        self.limits.cancelled || self.limits.truncated
    }

    pub(super) fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub(super) fn line_of(&self, off: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= off)
            .saturating_sub(1)
    }

    /// Line `l` without its line break, cut at [`LINE_CAP`] bytes (see [`Limits::long_lines`]).
    pub(super) fn line(&self, l: usize) -> (usize, &'a str) {
        let s = self.line_starts[l];
        let mut e = self
            .line_starts
            .get(l + 1)
            .map_or(self.text.len(), |&e| e - 1)
            .max(s);
        if e - s > LINE_CAP {
            e = s + LINE_CAP;
            while !self.text.is_char_boundary(e) {
                e -= 1;
            }
            return (s, &self.text[s..e]);
        }
        let t = &self.text[s..e];
        (s, t.strip_suffix('\r').unwrap_or(t))
    }

    /// Is byte `off` of line `l` past what tips check of it ([`LINE_CAP`])?
    pub(super) fn past_cap(&self, l: usize, off: usize) -> bool {
        off - self.line_starts[l] > LINE_CAP
    }

    pub(super) fn regions(&self) -> &lexer::Regions {
        self.regions
            .get_or_init(|| match lexer::syntax_for(self.lang) {
                Some(syn) => lexer::lex(&self.text[..self.limit], syn),
                None => lexer::Regions::default(),
            })
    }

    pub(super) fn scopes(&self) -> &lexer::Scopes {
        self.scopes
            .get_or_init(|| lexer::scopes(&self.text[..self.limit], self.lang, self.regions()))
    }

    pub(super) fn tree(&self) -> Option<&Arc<structural::Parsed>> {
        self.tree
            .get_or_init(|| {
                let g = structural::Grammar::for_document(self.lang)?;
                // A line past the cap is minified or generated text: tips check only its start,
                // and parsing it (tree-sitter takes ~0.3 s for a 1 MB line, edited or not) would
                // cost more than every tip together. Regex tips and the lexer judge it instead.
                if self.has_long_line() {
                    return None;
                }
                // The path is only the cache's guess of which tree to start from: the cached
                // tree is reused or edited only after comparing its text with this one.
                structural::trees::parsed(self.rel_path, g, self.text)
            })
            .as_ref()
    }

    /// Some line of the document is longer than [`LINE_CAP`].
    fn has_long_line(&self) -> bool {
        let last = *self.line_starts.last().expect("the first line starts at 0");
        self.line_starts
            .windows(2)
            .any(|w| w[1] - w[0] > LINE_CAP + 1)
            || self.text.len() - last > LINE_CAP
    }

    /// Does structural tip `ti` run on this document's tree (else its fallback regex runs)?
    /// Not where there is no grammar or tree, nor when the tree has a syntax error.
    pub(super) fn tree_rules(&self, ti: usize) -> bool {
        let Some(rule) = &self.index.tips[ti].structural else {
            return false;
        };
        self.tree()
            .is_some_and(|t| !t.has_error && rule.for_grammar(t.grammar).is_some())
    }

    /// The tree that judges comment/string/async/test context for regex tips (every grammar
    /// but JSON, see `structural::context::judges`); `None`: the lexer does.
    pub(super) fn context_tree(&self) -> Option<&Arc<structural::Parsed>> {
        let g = structural::Grammar::for_document(self.lang)?;
        if !structural::context::judges(g) {
            return None;
        }
        self.tree()
    }

    pub(super) fn class_at(&self, pos: usize) -> lexer::Class {
        match self.context_tree() {
            Some(t) => structural::context::class_at(t, pos),
            None => self.regions().class_at(pos),
        }
    }

    pub(super) fn is_async(&self, pos: usize) -> bool {
        match self.context_tree() {
            Some(t) => {
                structural::context::in_async(&structural::context::node_at(t, pos), t.grammar)
            }
            None => self.scopes().flags_at(pos) & lexer::ASYNC != 0,
        }
    }

    /// In a test scope: a test file, or a test function/module marked as one.
    pub(super) fn in_test(&self, pos: usize) -> bool {
        self.test_file
            || match self.context_tree() {
                Some(t) => {
                    structural::context::in_test(&structural::context::node_at(t, pos), t.grammar)
                }
                None => self.scopes().flags_at(pos) & lexer::TEST != 0,
            }
    }
}

/// Document order, declared before implicit, then the shorter span, the louder severity; one
/// finding per tip and range.
pub(super) fn sort_findings(out: &mut Vec<Finding>) {
    out.sort_by(|a, b| {
        (
            a.line,
            a.range.start,
            a.kind != TipKind::Declared,
            a.range.len(),
            std::cmp::Reverse(a.severity),
            &a.id,
        )
            .cmp(&(
                b.line,
                b.range.start,
                b.kind != TipKind::Declared,
                b.range.len(),
                std::cmp::Reverse(b.severity),
                &b.id,
            ))
    });
    out.dedup_by(|a, b| a.tip == b.tip && a.range == b.range);
}

static NO_EXTRA: FindExtra<'static> = FindExtra {
    rules: None,
    keep_suppressed: false,
    tests_too: false,
};
