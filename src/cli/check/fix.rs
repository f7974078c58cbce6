//! `check --fix` / `--diff`: the replacements tips declare (`fix:`, one-line patterns only), applied
//! to the highlighted span. A file that changed since it was read is left alone; overlapping fixes
//! in one file keep the first.

use std::collections::BTreeMap;

use anyhow::Context as _;

use super::Row;
use crate::skills::tips::{Finding, Tip};

/// One replacement in one file: bytes `start..end`, which held `old`, become `new`.
#[derive(Debug, Clone)]
pub struct Fix {
    pub start: usize,
    pub end: usize,
    pub old: String,
    pub new: String,
}

/// The fix of a finding, when its tip declares one: the tip's pattern run again on the line to
/// expand `$1` / `${name}` from the match that produced this finding.
pub fn compute(tip: &Tip, text: &str, f: &Finding) -> Option<Fix> {
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
        return Some(Fix {
            start: f.range.start,
            end: f.range.end,
            old: text[f.range.clone()].to_string(),
            new,
        });
    }
    None
}

/// Apply (or only show, `write == false`) the fixes of `rows`; returns the rows left (those without
/// a fix, or whose fix could not be applied) and how many files change.
pub fn apply(rows: Vec<Row>, write: bool) -> anyhow::Result<(Vec<Row>, usize)> {
    let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.fix.is_some() {
            by_file.entry(r.path.clone()).or_default().push(i);
        }
    }
    let mut fixed = vec![false; rows.len()];
    let mut files = 0;
    for (path, mut idx) in by_file {
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("--fix: cannot read {path}"))?;
        idx.sort_by_key(|&i| rows[i].fix.as_ref().map(|f| f.start));
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut any = false;
        for i in idx {
            let f = rows[i].fix.as_ref().expect("only rows with fixes");
            // Overlapping (an earlier fix took these bytes) or changed since read: skip.
            if f.start < at || text.get(f.start..f.end) != Some(f.old.as_str()) {
                continue;
            }
            out.push_str(&text[at..f.start]);
            out.push_str(&f.new);
            at = f.end;
            fixed[i] = true;
            any = true;
        }
        if !any {
            continue;
        }
        out.push_str(&text[at..]);
        files += 1;
        let rel = rows
            .iter()
            .find(|r| r.path == path)
            .map_or(path.as_str(), |r| r.rel.as_str());
        if write {
            std::fs::write(&path, &out).with_context(|| format!("--fix: cannot write {path}"))?;
        } else {
            use std::io::Write;
            let d = crate::cli::ask::unified_diff(std::path::Path::new(rel), &text, &out);
            let _ = std::io::stdout().lock().write_all(d.as_bytes());
        }
    }
    if write {
        let n = fixed.iter().filter(|&&x| x).count();
        if n > 0 {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "skill-lsp: fixed {n} findings in {files} files"
            );
        }
    }
    let rest = rows
        .into_iter()
        .zip(fixed)
        .filter(|(_, f)| !(write && *f))
        .map(|(r, _)| r)
        .collect();
    Ok((rest, files))
}
