//! Running compiled structural rules over one parsed tree: every rule in a single walk of the
//! nodes that overlap a window (or all of them), each match turned into a [`Hit`] with its
//! message (`$VAR`s substituted) and its local fix.

use std::ops::Range;

use ast_grep_core::matcher::MatcherExt;
use ast_grep_core::tree_sitter::StrDoc;
use ast_grep_core::{Doc, NodeMatch};

use super::{Compiled, Grammar, Parsed, ancestors_allow, context, file_rule};

/// One match of a structural rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The caller's rule number (from [`scan`]'s input).
    pub rule: usize,
    /// The highlighted span: the `$HIT` metavariable when the rule binds one, else the matched
    /// node's first line (a whole multi-line node would underline a block of code).
    pub range: Range<usize>,
    /// The whole matched node.
    pub node: Range<usize>,
    /// The message with `$VAR`s of the rule replaced; `None` when it names none.
    pub message: Option<String>,
    /// Inside a test function, test class or test module (by the tree).
    pub in_test: bool,
    /// Inside an async function body (by the tree).
    pub in_async: bool,
    /// The rule's `fix:` for this match: bytes to replace, the replacement and its title.
    pub fix: Option<(Range<usize>, String, Option<String>)>,
}

/// Run `rules` (caller's number, compiled rule, message) over the nodes of `parsed` that overlap
/// `window` (all of them when `None`), in one walk of the tree.
pub fn scan(
    parsed: &Parsed,
    rules: &[(usize, &Compiled, &str)],
    window: Option<Range<usize>>,
) -> Vec<Hit> {
    scan_with(parsed, rules, window, &[])
}

/// [`scan`], where the rules marked in `whole_rules` (by position; unmarked when missing) run on the
/// whole tree whatever the window (an edit elsewhere changed what their matches depend on).
pub fn scan_with(
    parsed: &Parsed,
    rules: &[(usize, &Compiled, &str)],
    window: Option<Range<usize>>,
    whole_rules: &[bool],
) -> Vec<Hit> {
    if window.is_none()
        && !rules.is_empty()
        && parsed.root.get_text().len() >= PARALLEL_BYTES
        && two_cores()
    {
        // A whole big tree (a document opened, a reload): two threads, each walking the nodes
        // on its side of the middle byte with every rule. A node belongs to the side it starts
        // on; the few that span the middle (the root, the statement around it) are walked by
        // both and kept by the first. Halving the rules instead made each thread repeat the
        // whole walk (on a 10,000-line Python file each rule alone costs 9-11 ms, most of it
        // the walk; all 14 took 16 ms on two threads that way, 13.3 ms this way), and is why
        // this path once wanted four rules or more; halving the nodes pays with one rule too.
        // Edits scan a window, on this thread.
        let cut = parsed.root.get_text().len() / 2;
        let memo = std::sync::Mutex::default();
        let half = |w: Range<usize>, first: bool| {
            let mut hits = walk(parsed, rules, Some(w), &[], &memo);
            hits.retain(|h| (h.node.start < cut) == first);
            hits
        };
        let (mut out, theirs) = both(|| half(0..cut, true), || half(cut..usize::MAX, false));
        out.extend(theirs);
        // The order one walk gives: document order (outer node first), then rule order.
        out.sort_by_key(|h| (h.node.start, std::cmp::Reverse(h.node.end), h.rule));
        return out;
    }
    walk(parsed, rules, window, whole_rules, &Default::default())
}

/// `a` here and `b` on a second thread (here after `a` when no thread can be had).
fn both<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    let b = std::sync::Mutex::new(Some(b));
    let run_b = || {
        b.lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|f| f())
    };
    std::thread::scope(|s| {
        let other = std::thread::Builder::new()
            .name("skill-lsp-rules".into())
            .spawn_scoped(s, run_b);
        let mine = a();
        let theirs = match other {
            Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(_) => None,
        };
        let theirs = theirs
            .or_else(run_b)
            .expect("`b` ran on the thread or runs here");
        (mine, theirs)
    })
}

/// Trees smaller than this are walked once, on the caller's thread (a thread costs ~50 us).
const PARALLEL_BYTES: usize = 64 * 1024;

pub(crate) fn two_cores() -> bool {
    static TWO: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TWO.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2))
}

/// One walk of the tree with every rule; `file_memo` holds file rules' answers by rule and bound
/// text, each worked out once per scan.
fn walk<'t>(
    parsed: &'t Parsed,
    rules: &[(usize, &Compiled, &str)],
    window: Option<Range<usize>>,
    whole_rules: &[bool],
    file_memo: &std::sync::Mutex<file_rule::Memo<'t>>,
) -> Vec<Hit> {
    // Rules by node kind id: a vector lookup per node, not a hash.
    let mut by_kind: Vec<Vec<usize>> = Vec::new();
    for (i, (_, c, _)) in rules.iter().enumerate() {
        for &k in &c.kinds {
            let k = usize::from(k);
            if by_kind.len() <= k {
                by_kind.resize_with(k + 1, Vec::new);
            }
            by_kind[k].push(i);
        }
    }
    let mut out = Vec::new();
    if by_kind.is_empty() {
        return out;
    }
    let whole = |i: usize| window.is_none() || whole_rules.get(i).copied().unwrap_or(false);
    let any_whole = (0..rules.len()).any(whole);
    // One tree cursor, depth first in document order: no allocation per node (collecting each
    // node's children was most of the scan's time), and a deeply nested document cannot
    // overflow the thread's stack.
    let mut cursor = parsed.root.root().get_inner_node().walk();
    // Kind ids of the current node's ancestors, outermost first.
    let mut stack: Vec<u16> = Vec::new();
    loop {
        let inner = cursor.node();
        let outside = window
            .as_ref()
            .is_some_and(|w| inner.end_byte() < w.start || inner.start_byte() > w.end);
        if !outside || any_whole {
            if let Some(rs) = by_kind.get(usize::from(inner.kind_id()))
                && !rs.is_empty()
            {
                let node = parsed.root.adopt(inner);
                for &i in rs {
                    let (n, c, msg) = rules[i];
                    if (outside && !whole(i)) || !ancestors_allow(c, &stack) {
                        continue;
                    }
                    if let Some(m) = c.config.matcher.match_node(node.clone())
                        && c.file
                            .as_ref()
                            .is_none_or(|f| file_rule::allows(parsed, i, f, &m, file_memo))
                        && let Some(h) = hit(parsed, n, c, msg, &m)
                    {
                        out.push(h);
                    }
                }
            }
            if cursor.goto_first_child() {
                stack.push(inner.kind_id());
                continue;
            }
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return out;
            }
            stack.pop();
        }
    }
}

fn hit(
    parsed: &Parsed,
    rule: usize,
    c: &Compiled,
    msg: &str,
    m: &NodeMatch<StrDoc<Grammar>>,
) -> Option<Hit> {
    let node = m.get_node();
    let whole = node.range();
    // A finding inside a parse error is a guess about broken code: leave it to the regex tips.
    if parsed.has_error && node.ancestors().any(|a| a.is_error()) {
        return None;
    }
    // Never judge what a template wrote: a match over `{{ … }}` text is unknown territory.
    if parsed.overlaps_template(&whole) {
        return None;
    }
    let src = parsed.root.get_text();
    let range = match m.get_env().get_match("HIT") {
        Some(h) => h.range(),
        None => {
            let text = &src[whole.clone()];
            let first = text.find('\n').map_or(text.len(), |i| i);
            let first = text[..first].trim_end_matches('\r').trim_end().len();
            whole.start..whole.start + first.max(1).min(text.len())
        }
    };
    Some(Hit {
        rule,
        range,
        message: substitute(msg, c, m),
        in_test: context::in_test(node, c.grammar),
        in_async: context::in_async(node, c.grammar),
        fix: fix(parsed, c, m),
        node: whole,
    })
}

/// The edit the rule's first `fix:` makes on this match. Local only: kept to the lines of the
/// matched node (an `expandStart`/`expandEnd` may take a separator on them, not more) and off
/// template text.
fn fix(
    parsed: &Parsed,
    c: &Compiled,
    m: &NodeMatch<StrDoc<Grammar>>,
) -> Option<(Range<usize>, String, Option<String>)> {
    let fixer = c.config.fixer.first()?;
    let edit = m.make_edit(&c.config.matcher, fixer);
    let range = edit.position..edit.position + edit.deleted_length;
    let src = parsed.root.get_text();
    let whole = m.get_node().range();
    let first = src[..whole.start].rfind('\n').map_or(0, |i| i + 1);
    let last = src[whole.end..]
        .find('\n')
        .map_or(src.len(), |i| whole.end + i);
    if range.start < first || range.end > last || parsed.overlaps_template(&range) {
        return None;
    }
    let new = String::from_utf8(edit.inserted_text).ok()?;
    Some((range, new, fixer.title().map(str::to_string)))
}

/// `$VAR` / `$$$VAR` of the rule replaced by what they matched; `None` when nothing changes.
///
/// One pass over the message, each `$NAME` read whole (`[A-Z0-9_]+`, ast-grep's metavariable
/// names): `$FOO` is never the rule's `$F` plus `OO`, `$HITS` never `$HIT`, a name the rule does
/// not define or did not capture in this match stays as written, and code a variable matched
/// (`$x` in a shell snippet) is not substituted again.
fn substitute(msg: &str, c: &Compiled, m: &NodeMatch<StrDoc<Grammar>>) -> Option<String> {
    if !msg.contains('$') || c.vars.is_empty() {
        return None;
    }
    let env = m.get_env();
    let src = m.get_node().get_doc().get_source();
    let mut out = String::with_capacity(msg.len());
    let mut changed = false;
    let mut rest = msg;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        let multi = at.starts_with("$$$");
        let sigil = if multi { 3 } else { 1 };
        let name_len = at[sigil..]
            .find(|ch: char| !(ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_'))
            .unwrap_or(at.len() - sigil);
        let name = &at[sigil..sigil + name_len];
        let known = !name.is_empty() && c.vars.iter().any(|v| v == name);
        let text = match (known, multi) {
            (false, _) => None,
            (true, true) => {
                let nodes = env.get_multiple_matches(name);
                Some(match (nodes.first(), nodes.last()) {
                    (Some(a), Some(b)) => clip(&src[a.range().start..b.range().end]),
                    _ => String::new(),
                })
            }
            (true, false) => env.get_match(name).map(|n| clip(&n.text())),
        };
        match text {
            Some(t) => {
                out.push_str(&t);
                changed = true;
                rest = &at[sigil + name_len..];
            }
            None => {
                // Not a variable of this match: keep the `$` and go on after it.
                out.push('$');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// One line, at most 80 characters: a message quotes code, it does not paste it.
fn clip(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(80).collect();
    if out.len() < line.len() || s.trim().lines().count() > 1 {
        out.push('…');
    }
    out
}
