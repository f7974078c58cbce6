//! What a [`Run`] checks before it raises a hit: the tip's paths and file conditions, `not`,
//! ignore comments, context (comment, string, async, test), the settings, and other tools'
//! suppressions.

use super::*;

impl<'a> Run<'a> {
    pub(in crate::skills::tips) fn file_ok(&mut self, ti: usize) -> bool {
        if let Some(&ok) = self.file_ok.get(&ti) {
            return ok;
        }
        let t = &self.index.tips[ti];
        let path_ok = |g: &Option<Box<trigger::LazyGlobs>>, want: bool| match g {
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
    pub(in crate::skills::tips) fn not_matches(&mut self, ti: usize, l: usize) -> bool {
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
    pub(in crate::skills::tips) fn ignored(&mut self, ti: usize, l: usize) -> bool {
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

    pub(in crate::skills::tips) fn accept(&mut self, ti: usize, range: Range<usize>, l: usize) {
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
    pub(in crate::skills::tips) fn emit(
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
        } else if let Some(s) = self.other_on_line.get(&(ti, l)) {
            s.clone()
        } else {
            let s = self.other_tools(ti, l);
            self.other_on_line.insert((ti, l), s.clone());
            s
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
    pub(in crate::skills::tips) fn other_tools(&self, ti: usize, l: usize) -> Option<Suppressed> {
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
