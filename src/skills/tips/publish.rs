//! After a search: which findings are published (the caps), which are at an offset, and the
//! per-tip settings and `skill-lsp: ignore` comments that silence or change them.

use super::*;

/// The findings to publish as diagnostics, in document order, and how many were eligible.
///
/// At most `per_tip` of one tip (the first ones in the document), then at most `max` in all,
/// the louder severities kept first; 0 means no limit. Hover-only findings never count.
pub fn publishable(findings: &[Finding], max: usize, per_tip: usize) -> (Vec<&Finding>, usize) {
    let mut per: HashMap<&str, usize> = HashMap::new();
    let eligible: Vec<&Finding> = findings.iter().filter(|f| f.diagnostic).collect();
    let total = eligible.len();
    let mut shown: Vec<&Finding> = eligible
        .into_iter()
        .filter(|f| {
            let n = per.entry(&f.id).or_default();
            *n += 1;
            per_tip == 0 || *n <= per_tip
        })
        .collect();
    if max != 0 && shown.len() > max {
        // Stable: equal severities keep document order, so the first hits win.
        shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
        shown.truncate(max);
        shown.sort_by_key(|f| (f.range.start, f.range.end));
    }
    (shown, total)
}

/// The tips covering byte `offset`, most specific first: declared before implicit, then the
/// shorter span, then the louder severity.
pub fn tips_at(findings: &[Finding], offset: usize) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.range.start <= offset
                && (offset < f.range.end || (offset == f.range.end && f.range.is_empty()))
        })
        .collect();
    v.sort_by_key(|f| {
        (
            f.kind != TipKind::Declared,
            f.range.len(),
            std::cmp::Reverse(f.severity),
        )
    });
    v
}

/// The ids of each `skill-lsp: ignore` comment on `line` (empty: a bare ignore, which silences
/// every tip), with the byte offset of the comment in the line.
pub fn ignore_comments(line: &str) -> Vec<(usize, Vec<&str>)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut base = 0;
    while let Some(i) = rest.find("skill-lsp: ignore") {
        let after = &rest[i + "skill-lsp: ignore".len()..];
        let at = base + i;
        base += i + "skill-lsp: ignore".len();
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            rest = after;
            continue;
        }
        let ids: Vec<&str> = after
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(str::trim)
            .take_while(|w| !w.starts_with("-->") && !w.starts_with("*/"))
            .filter(|w| !w.is_empty())
            .take_while(|w| {
                w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            })
            .collect();
        out.push((at, ids));
        rest = after;
    }
    out
}

/// Does a `skill-lsp: ignore [ids]` comment on `line` silence `tip`?
pub(super) fn suppresses(line: &str, full_id: &str, short_id: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find("skill-lsp: ignore") {
        let after = &rest[i + "skill-lsp: ignore".len()..];
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            rest = after;
            continue;
        }
        let ids: Vec<&str> = after
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(str::trim)
            .take_while(|w| !w.starts_with("-->") && !w.starts_with("*/"))
            .filter(|w| !w.is_empty())
            .take_while(|w| {
                w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            })
            .collect();
        if ids.is_empty() || ids.iter().any(|w| *w == full_id || *w == short_id) {
            return true;
        }
        rest = after;
    }
    false
}

/// Severity after settings, and whether the finding is a diagnostic; `None` when turned off.
pub(super) fn effective(tip: &Tip, s: &TipPolicy) -> Option<(Severity, bool)> {
    let sev = match s
        .overrides
        .get(&*tip.id)
        .or_else(|| s.overrides.get(&*tip.skill_name))
    {
        Some(None) => return None,
        Some(Some(sev)) => *sev,
        None => s.severity.unwrap_or(tip.severity),
    };
    // A severity for the tip itself (not its skill) opts a demoted tip back into diagnostics.
    let opted_in = tip.demoted && matches!(s.overrides.get(&*tip.id), Some(Some(_)));
    let diag = (tip.diagnostic || opted_in)
        && (tip.kind == TipKind::Declared
            || s.implicit_diagnostics
                .iter()
                .any(|n| n == &*tip.skill_name || n == &*tip.id));
    Some((sev, diag))
}
