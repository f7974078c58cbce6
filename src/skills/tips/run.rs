//! One search over one document: the [`Run`] that the index's `find` and the incremental search
//! drive, with its line, span, implicit and structural passes, the context checks (comments,
//! strings, tests, `not`/`unless`/`requires`, paths) and the suppressions, and the order
//! findings are returned in.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::*;

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
    pub(super) limits: Limits,
    pub(super) cancel: Option<&'a AtomicBool>,
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
            limits,
            cancel: None,
            extra: &NO_EXTRA,
            dirty: None,
            swindow: None,
            whole_tips: Vec::new(),
            nodes: Vec::new(),
        }
    }

    /// Stop searching: cancelled by the caller, or [`MAX_FINDINGS`] reached.
    pub(super) fn halted(&mut self) -> bool {
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
                // The path is only the cache's guess of which tree to start from: the cached
                // tree is reused or edited only after comparing its text with this one.
                structural::trees::parsed(self.rel_path, g, self.text)
            })
            .as_ref()
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

    /// Structural tips of a group: every selected rule in one walk of the tree.
    pub(super) fn structural(&mut self, li: &'a LangIndex) {
        let index = self.index;
        let mut want = Vec::new();
        for &ti in &li.structural {
            // One group per tip, each group visited once: no `seen` check (a fallback regex of
            // the same tip may have marked it already).
            if self.selected[index.tips[ti].skill] && self.file_ok(ti) {
                want.push(ti);
            }
        }
        if want.is_empty() {
            return;
        }
        let Some(tree) = self.tree().cloned() else {
            return;
        };
        let rules: Vec<(usize, &structural::Compiled, &str)> = want
            .iter()
            .filter_map(|&ti| {
                let t = &index.tips[ti];
                let c = t.structural.as_ref()?.for_grammar(tree.grammar)?;
                Some((ti, c, &*t.message))
            })
            .collect();
        let window = match &self.opts.lines {
            Some(r) => {
                let a = self.line_starts[(r.start as usize).min(self.line_count() - 1)];
                let b = self
                    .line_starts
                    .get(r.end as usize)
                    .copied()
                    .unwrap_or(self.text.len());
                Some(a..b)
            }
            None => self.swindow.clone(),
        };
        // An edit's window: the rules whose far part the edit touched run everywhere.
        let whole: Vec<bool> = rules
            .iter()
            .map(|(ti, _, _)| self.opts.lines.is_none() && self.whole_tips.contains(ti))
            .collect();
        for h in structural::scan_with(&tree, &rules, window.clone(), &whole) {
            let t = &index.tips[h.rule];
            // With a syntax error somewhere, a tip with a fallback regex uses the regex.
            if tree.has_error && !matches!(t.matcher, Matcher::Structural) {
                continue;
            }
            if let Some(w) = &window
                && !(self.opts.lines.is_none() && self.whole_tips.contains(&h.rule))
                && (h.node.end <= w.start || h.node.start >= w.end)
            {
                continue;
            }
            let l = self.line_of(h.range.start);
            if self.not_matches(h.rule, l) {
                continue;
            }
            let ok = t.context.iter().all(|c| match c {
                Context::Async => h.in_async,
                Context::NotAsync => !h.in_async,
                Context::NotTest => self.extra.tests_too || (!self.test_file && !h.in_test),
                // Where a match may sit is the rule's to say (`kind: comment`, `inside: …`).
                Context::Code | Context::Any | Context::Comment | Context::String => true,
            });
            if ok {
                let message = h.message.map(Arc::from);
                let at = self.out.len();
                self.emit(h.rule, h.range.clone(), l, message);
                if self.out.len() > at {
                    self.nodes.push((h.rule, h.range, h.node.clone()));
                }
                if let (Some((range, new, title)), Some(f)) = (h.fix, self.out.get_mut(at))
                    && let Some(old) = self.text.get(range.clone())
                {
                    f.fix = Some(fix::Fix {
                        old: old.to_string(),
                        range,
                        new,
                        title,
                    });
                }
            }
        }
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

    pub(super) fn lang(&mut self, li: &'a LangIndex) {
        let index = self.index;
        // Line triggers.
        let only = match (&self.opts.lines, &self.dirty) {
            (Some(r), _) => Some(r.start as usize..r.end as usize),
            (None, d) => d.clone(),
        };
        if let Some(r) = only {
            let end = r.end.min(self.line_count());
            for l in r.start.min(end)..end {
                let (_, line) = self.line(l);
                for (set, map) in li.sets() {
                    for pi in set.matches(line).iter() {
                        let ti = map[pi];
                        if self.selected[index.tips[ti].owner] && !self.halted() {
                            self.line_tip(ti, l);
                        }
                    }
                }
            }
        } else {
            for (set, map) in li.sets() {
                for pi in set.matches(self.text).iter() {
                    let ti = map[pi];
                    if self.selected[index.tips[ti].owner] && !self.halted() && self.seen.insert(ti)
                    {
                        self.scan_line_tip(ti);
                    }
                }
            }
        }
        // Span triggers.
        for &ti in &li.span {
            if !self.selected[index.tips[ti].owner] || self.halted() || !self.seen.insert(ti) {
                continue;
            }
            let Matcher::Span { re, pre } = &index.tips[ti].matcher else {
                continue;
            };
            let Some(re) = re.get() else { continue };
            // For a few lines (hover), search a window around them unless the pattern needs the
            // whole text (`\A`, `\z`, or `^`/`$` without `(?m)`); windows start at a line start,
            // so `^` and `\b` behave as in the whole text.
            let (base, hay) = match &self.opts.lines {
                Some(r) if index.tips[ti].windowable => {
                    let a = self.line_starts[(r.start as usize)
                        .saturating_sub(SPAN_WINDOW)
                        .min(self.line_count() - 1)];
                    let b = self
                        .line_starts
                        .get(r.end as usize + SPAN_WINDOW)
                        .copied()
                        .unwrap_or(self.text.len());
                    (a, &self.text[a..b.max(a)])
                }
                _ => (0, self.text),
            };
            if !hay.is_ascii() && pre.get().is_some_and(|p| !p.is_match(hay)) {
                continue;
            }
            for caps in re.captures_iter(hay) {
                if self.halted() {
                    break;
                }
                let m = caps.name("hit").or_else(|| caps.get(0)).expect("group 0");
                if m.is_empty() {
                    continue;
                }
                let range = base + m.start()..base + m.end();
                let first = self.line_of(range.start);
                if self.past_cap(first, range.start) {
                    continue;
                }
                let last = self.line_of(range.end.saturating_sub(1).max(range.start));
                if let Some(r) = &self.opts.lines
                    && ((last as u32) < r.start || first as u32 >= r.end)
                {
                    continue;
                }
                self.accept(ti, range, first);
            }
        }
        if !li.structural.is_empty() {
            self.structural(li);
        }
        // Implicit tips.
        if self.opts.implicit && !li.implicit.is_empty() {
            let (from, to) = match (&self.opts.lines, &self.dirty) {
                (Some(r), _) => (
                    (r.start as usize).min(self.line_count()),
                    (r.end as usize).min(self.line_count()),
                ),
                (None, Some(d)) => (d.start.min(self.line_count()), d.end.min(self.line_count())),
                (None, None) => (0, self.line_count()),
            };
            let mut buf = String::new();
            for l in from..to {
                if self.halted() {
                    break;
                }
                let (start, line) = self.line(l);
                if implicit::normalize_into(line, &mut buf) < implicit::MIN_TOKENS {
                    continue;
                }
                let Some(tis) = li.implicit.get(&buf) else {
                    continue;
                };
                let a = line.len() - line.trim_start().len();
                let b = line.trim_end().len();
                for &ti in tis {
                    if self.selected[index.tips[ti].owner] {
                        self.accept(ti, start + a..start + b, l);
                    }
                }
            }
        }
    }

    /// Whole text: find the lines where a line tip matches, then run it on each such line.
    pub(super) fn scan_line_tip(&mut self, ti: usize) {
        let Matcher::Line { ml, .. } = &self.index.tips[ti].matcher else {
            return;
        };
        let Some(ml) = ml.get() else { return };
        let mut pos = 0;
        while pos <= self.text.len() && !self.halted() {
            let Some(m) = ml.find_at(self.text, pos) else {
                break;
            };
            let l = self.line_of(m.start());
            self.line_tip(ti, l);
            match self.line_starts.get(l + 1) {
                Some(&next) => pos = next,
                None => break,
            }
        }
    }

    pub(super) fn line_tip(&mut self, ti: usize, l: usize) {
        let Matcher::Line { re, .. } = &self.index.tips[ti].matcher else {
            return;
        };
        let Some(re) = re.get() else { return };
        let (start, line) = self.line(l);
        for caps in re.captures_iter(line) {
            if self.halted() {
                break;
            }
            let m = caps.name("hit").or_else(|| caps.get(0)).expect("group 0");
            // Highlight from the first non-blank character (`^\s*except` should not underline indentation).
            let lead = m.as_str().len() - m.as_str().trim_start().len();
            if m.as_str().trim().is_empty() {
                continue;
            }
            self.accept(ti, start + m.start() + lead..start + m.end(), l);
        }
    }

    pub(super) fn file_ok(&mut self, ti: usize) -> bool {
        if let Some(&ok) = self.file_ok.get(&ti) {
            return ok;
        }
        let t = &self.index.tips[ti];
        let path_ok = |g: &Option<GlobSet>, want: bool| match g {
            None => true,
            Some(g) => self.rel_path.is_some_and(|p| g.is_match(p)) == want,
        };
        let ok = path_ok(&t.paths, true)
            && (t.exclude.is_none() || path_ok(&t.exclude, false))
            && t.unless.as_ref().is_none_or(|re| !re.is_match(self.text))
            && t.requires.as_ref().is_none_or(|re| re.is_match(self.text));
        self.file_ok.insert(ti, ok);
        ok
    }

    /// Does the tip's `not` match line `l`? Once per tip and line.
    pub(super) fn not_matches(&mut self, ti: usize, l: usize) -> bool {
        let Some(not) = &self.index.tips[ti].not else {
            return false;
        };
        if let Some(&hit) = self.not_on_line.get(&(ti, l)) {
            return hit;
        }
        let hit = not.is_match(self.line(l).1);
        self.not_on_line.insert((ti, l), hit);
        hit
    }

    /// Does an ignore comment on line `l` or the one before silence the tip? Once per tip and line.
    pub(super) fn ignored(&mut self, ti: usize, l: usize) -> bool {
        let here = self.ignore_lines.contains(&l);
        let above = l > 0 && self.ignore_lines.contains(&(l - 1));
        if !here && !above {
            return false;
        }
        if let Some(&hit) = self.ignored.get(&(ti, l)) {
            return hit;
        }
        let t = &self.index.tips[ti];
        let short = t.short_id();
        let hit = (here && suppresses(self.line(l).1, &t.id, short))
            || (above && suppresses(self.line(l - 1).1, &t.id, short));
        self.ignored.insert((ti, l), hit);
        hit
    }

    pub(super) fn accept(&mut self, ti: usize, range: Range<usize>, l: usize) {
        // Callers only pass lines of interest (span tips: overlapping the requested lines).
        if !self.file_ok(ti) || self.not_matches(ti, l) {
            return;
        }
        if self.out.len() >= MAX_FINDINGS {
            self.limits.truncated = true;
            return;
        }
        // A structural tip's regex is its fallback: not where its rule runs on the tree.
        if self.index.tips[ti].structural.is_some() && self.tree_rules(ti) {
            return;
        }
        let t = &self.index.tips[ti];
        // Context is judged at the first non-blank byte of the span.
        let pos = self.text[range.clone()]
            .find(|c: char| !c.is_whitespace())
            .map_or(range.start, |p| range.start + p);
        if pos >= self.limit && self.opts.lines.is_some() {
            // A span reaching past the lexed prefix: judge it at its start, which is inside.
            return;
        }
        for c in &t.context {
            let ok = match c {
                Context::Any => true,
                Context::Code => self.class_at(pos) == lexer::Class::Code,
                Context::Comment => self.class_at(pos) == lexer::Class::Comment,
                Context::String => self.class_at(pos) == lexer::Class::String,
                Context::Async => self.is_async(pos),
                Context::NotAsync => !self.is_async(pos),
                Context::NotTest => self.extra.tests_too || !self.in_test(pos),
            };
            if !ok {
                return;
            }
        }
        self.emit(ti, range, l, None);
    }

    /// Raise tip `ti` at `range` (on line `l`) unless a comment suppresses it or settings turn
    /// it off; `message` replaces the tip's (a structural rule's `$VAR`s filled in).
    pub(super) fn emit(
        &mut self,
        ti: usize,
        range: Range<usize>,
        l: usize,
        message: Option<Arc<str>>,
    ) {
        if self.out.len() >= MAX_FINDINGS {
            self.limits.truncated = true;
            return;
        }
        let suppressed = if self.ignored(ti, l) {
            let t = &self.index.tips[ti];
            let here =
                self.ignore_lines.contains(&l) && suppresses(self.line(l).1, &t.id, t.short_id());
            Some(Suppressed::Ignore {
                line: (if here { l } else { l - 1 }) as u32,
            })
        } else {
            self.other_tools(ti, l)
        };
        if suppressed.is_some() && !self.extra.keep_suppressed {
            return;
        }
        let t = &self.index.tips[ti];
        let Some((severity, diagnostic)) = effective(t, self.settings) else {
            return;
        };
        self.out.push(Finding {
            tip: ti,
            skill: t.skill,
            skill_name: t.skill_name.clone(),
            id: t.id.clone(),
            line: self.line_of(range.start) as u32,
            range,
            message: message.unwrap_or_else(|| t.message.clone()),
            severity,
            kind: t.kind,
            section: t.section,
            diagnostic,
            suppressed,
            fix: None,
        });
    }

    /// Silenced by another tool's comment or configuration, for a tip with `equivalents`.
    pub(super) fn other_tools(&self, ti: usize, l: usize) -> Option<Suppressed> {
        let t = &self.index.tips[ti];
        if t.equivalents.is_empty() {
            return None;
        }
        let line = self.line(l).1;
        let prev = (l > 0).then(|| self.line(l - 1).1);
        for e in &t.equivalents {
            if crate::skills::policy::comments::line_silences(e, line, prev)
                || self.extra.rules.is_some_and(|r| r.region_off(e, l as u32))
            {
                return Some(Suppressed::Tool { rule: e.clone() });
            }
            if let Some(source) = self.extra.rules.and_then(|r| r.config_off(e)) {
                return Some(Suppressed::Config {
                    rule: e.clone(),
                    source: source.to_string(),
                });
            }
        }
        None
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
