//! Fixes tips declare, for `check --fix` / `--diff` and the editor's quick fix alike: what one
//! finding's fix is ([`for_finding`]) and which fixes of one file can be applied together
//! ([`plan`]).
//!
//! Only safe, local fixes: a regex tip's `fix:` replaces the highlighted span of a one-line
//! pattern; a structural tip's ast-grep `fix:` replaces what ast-grep replaces, kept to the lines
//! of the matched node. A plan never applies two fixes that touch the same bytes (the earlier
//! start wins, then the shorter span, then the tip id: the same choice on every run), never a fix
//! whose text changed since it was found, and never one that turns a file that parses into one
//! that does not (the tree-sitter check the agent's rewrites go through).

use std::ops::Range;

use super::structural::trees::syntax_error;
use super::{Finding, Tip};

/// One replacement: bytes `range`, which held `old`, become `new`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub range: Range<usize>,
    pub old: String,
    pub new: String,
    /// The fix's own title (an ast-grep fix list item's `title`).
    pub title: Option<String>,
}

/// The fix of finding `f` of `tip` in `text`, when the tip declares one. A structural tip's fix
/// was computed with the match; a regex tip's pattern is run again on the line to expand `$1` /
/// `${name}` from the match that produced this finding. A fix that changes nothing is none.
pub fn for_finding(tip: &Tip, text: &str, f: &Finding) -> Option<Fix> {
    if let Some(fx) = &f.fix {
        return (fx.old != fx.new).then(|| fx.clone());
    }
    let template = tip.fix.as_ref()?;
    let re = regex::Regex::new(tip.pattern.as_ref()?).ok()?;
    let start = text[..f.range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[f.range.start..]
        .find('\n')
        .map_or(text.len(), |i| f.range.start + i);
    let line = &text[start..end];
    for caps in re.captures_iter(line) {
        let m = caps.name("hit").or_else(|| caps.get(0))?;
        if start + m.end() != f.range.end || start + m.start() > f.range.start {
            continue;
        }
        let mut new = String::new();
        caps.expand(template, &mut new);
        let old = text[f.range.clone()].to_string();
        return (old != new).then(|| Fix {
            range: f.range.clone(),
            old,
            new,
            title: None,
        });
    }
    None
}

/// Why a fix of a plan was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Another fix of the plan took some of its bytes.
    Overlaps,
    /// The text at its range is no longer what it replaces.
    Stale,
    /// The file would no longer parse: the 1-based line of the first syntax error.
    BreaksParsing(usize),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Overlaps => write!(f, "it overlaps another fix"),
            Refused::Stale => write!(f, "the text changed since it was found"),
            Refused::BreaksParsing(l) => {
                write!(f, "the file would no longer parse (line {l})")
            }
        }
    }
}

/// The outcome of [`plan`]: the new text, the fixes applied and those left out (by their index
/// in the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub text: String,
    pub applied: Vec<usize>,
    pub refused: Vec<(usize, Refused)>,
}

fn splice(text: &str, fixes: &[&Fix]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in fixes {
        out.push_str(&text[at..f.range.start]);
        out.push_str(&f.new);
        at = f.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Which of `fixes` (for a document of `language`, an LSP language id) apply to `text` together,
/// and the result. Deterministic: the same input gives the same plan whatever its order.
pub fn plan(text: &str, language: &str, fixes: &[&Fix]) -> Planned {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (fixes[a], fixes[b]);
        (x.range.start, x.range.end, &x.new, a).cmp(&(y.range.start, y.range.end, &y.new, b))
    });
    let mut kept: Vec<usize> = Vec::new();
    let mut refused = Vec::new();
    let mut at = 0;
    let mut last_start = None;
    for i in order {
        let f = fixes[i];
        if text.get(f.range.clone()) != Some(f.old.as_str()) {
            refused.push((i, Refused::Stale));
            continue;
        }
        // Two insertions at one place would depend on their order: keep the first.
        if f.range.start < at || last_start == Some(f.range.start) {
            refused.push((i, Refused::Overlaps));
            continue;
        }
        at = f.range.end;
        last_start = Some(f.range.start);
        kept.push(i);
    }
    let refs = |v: &[usize]| v.iter().map(|&i| fixes[i]).collect::<Vec<_>>();
    let mut out = splice(text, &refs(&kept));
    // A fix that breaks parsing is refused; a file that did not parse is not judged.
    if !kept.is_empty()
        && syntax_error(language, &out).is_some()
        && syntax_error(language, text).is_none()
    {
        let mut ok: Vec<usize> = Vec::new();
        for &i in &kept {
            let mut with = ok.clone();
            with.push(i);
            let candidate = splice(text, &refs(&with));
            match syntax_error(language, &candidate) {
                None => ok = with,
                Some(e) => refused.push((i, Refused::BreaksParsing(line_of(&candidate, e)))),
            }
        }
        kept = ok;
        out = splice(text, &refs(&kept));
    }
    refused.sort_by_key(|(i, _)| *i);
    kept.sort_unstable();
    Planned {
        text: out,
        applied: kept,
        refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fx(range: Range<usize>, text: &str, new: &str) -> Fix {
        Fix {
            old: text[range.clone()].to_string(),
            range,
            new: new.into(),
            title: None,
        }
    }

    #[test]
    fn overlapping_fixes_keep_the_earlier_whatever_the_input_order() {
        let text = "x = yaml.load(f)\n";
        let a = fx(4..13, text, "yaml.safe_load");
        let b = fx(9..13, text, "LOAD");
        let one = plan(text, "python", &[&a, &b]);
        let two = plan(text, "python", &[&b, &a]);
        assert_eq!(one.text, "x = yaml.safe_load(f)\n");
        assert_eq!(two.text, one.text);
        assert_eq!(one.refused, vec![(1, Refused::Overlaps)]);
        assert_eq!(two.refused, vec![(0, Refused::Overlaps)]);
    }

    #[test]
    fn a_fix_that_breaks_parsing_is_refused_and_the_others_kept() {
        let text = "a = yaml.load(f)\nb = yaml.load(g)\n";
        let good = fx(4..13, text, "yaml.safe_load");
        let bad = fx(21..30, text, "yaml.safe_load((");
        let p = plan(text, "python", &[&good, &bad]);
        assert_eq!(p.applied, vec![0]);
        assert_eq!(p.refused, vec![(1, Refused::BreaksParsing(2))]);
        assert_eq!(p.text, "a = yaml.safe_load(f)\nb = yaml.load(g)\n");
        // Without a grammar nothing can be judged: applied as asked.
        let p = plan(text, "plaintext", &[&bad]);
        assert_eq!(p.applied, vec![0]);
    }

    #[test]
    fn a_stale_fix_is_refused() {
        let text = "a = yaml.load(f)\n";
        let mut f = fx(4..13, text, "yaml.safe_load");
        f.old = "json.load".into();
        let p = plan(text, "python", &[&f]);
        assert_eq!(p.text, text);
        assert_eq!(p.refused, vec![(0, Refused::Stale)]);
    }
}
