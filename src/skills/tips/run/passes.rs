//! The passes of a [`Run`]: the structural rules of a language group in one walk of the tree,
//! and the line, span and implicit tips of the group over the lines of interest.

use super::*;

impl<'a> Run<'a> {
    /// Structural tips of a group: every selected rule in one walk of the tree.
    pub(in crate::skills::tips) fn structural(&mut self, li: &'a LangIndex) {
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

    pub(in crate::skills::tips) fn lang(&mut self, li: &'a LangIndex) {
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
    pub(in crate::skills::tips) fn scan_line_tip(&mut self, ti: usize) {
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

    pub(in crate::skills::tips) fn line_tip(&mut self, ti: usize, l: usize) {
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
}
