//! `check --fix` / `--diff`: the fixes tips declare (see [`crate::skills::tips::fix`]) applied to
//! the files, or shown as a unified diff.
//!
//! Per file, in passes like ruff's: the fixes that go together are applied ([`plan`]: no
//! overlap, nothing stale, nothing that breaks parsing), the file is checked again and the
//! fixes of what is left are applied, until nothing changes (at most [`MAX_PASSES`]). So a fix
//! held back by an overlap is applied in a later pass if it still applies, and running `--fix`
//! again finds nothing to do. A refused fix is said on stderr with file and line.

use std::collections::BTreeMap;

use anyhow::Context as _;

use super::Row;
use crate::skills::tips::fix::{self as tipfix, Refused, plan};

/// Passes over one file before giving up on reaching a fixed point.
const MAX_PASSES: usize = 8;

/// A finding's fix and where it replaces (1-based line, column in characters, end exclusive).
#[derive(Debug, Clone)]
pub struct Fix {
    pub edit: tipfix::Fix,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// What `apply` did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files changed (written, or shown with `--diff`).
    pub files: usize,
    /// Fixes applied over all passes.
    pub fixes: usize,
}

fn say(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Apply (`write`) or only show the fixes of `rows`. `recheck(path, rel, text)` gives the rows of
/// a file's new text. Returns the rows left: with `write`, the findings of the fixed files as
/// they are now; without, the rows as given.
pub fn apply(
    rows: Vec<Row>,
    write: bool,
    recheck: impl Fn(&str, &str, &str) -> Vec<Row>,
) -> anyhow::Result<(Vec<Row>, Outcome)> {
    let mut by_file: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut rest = Vec::new();
    let fixable: std::collections::HashSet<String> = rows
        .iter()
        .filter(|r| r.fix.is_some())
        .map(|r| r.path.clone())
        .collect();
    for r in rows {
        if fixable.contains(&r.path) {
            by_file.entry(r.path.clone()).or_default().push(r);
        } else {
            rest.push(r);
        }
    }
    let mut outcome = Outcome::default();
    for (path, file_rows) in by_file {
        let rel = file_rows[0].rel.clone();
        let original =
            std::fs::read_to_string(&path).with_context(|| format!("--fix: cannot read {path}"))?;
        let lang = crate::skills::select::language_of(std::path::Path::new(&path), &original, None);
        let mut text = original.clone();
        let mut cur = file_rows.clone();
        // A fix refused in one pass is met again in the next: said once.
        let mut said = std::collections::HashSet::new();
        for _ in 0..MAX_PASSES {
            let with: Vec<&Row> = cur.iter().filter(|r| r.fix.is_some()).collect();
            if with.is_empty() {
                break;
            }
            let edits: Vec<&tipfix::Fix> = with
                .iter()
                .map(|r| &r.fix.as_ref().expect("filtered").edit)
                .collect();
            let p = plan(&text, &lang, &edits);
            for (i, why) in &p.refused {
                let r = with[*i];
                if *why != Refused::Overlaps && said.insert((r.tip.clone(), edits[*i].clone())) {
                    say(&format!(
                        "{}:{}:{}: skill-lsp: fix of {} not applied: {why}",
                        r.path, r.line, r.col, r.tip
                    ));
                }
            }
            if p.applied.is_empty() {
                break;
            }
            outcome.fixes += p.applied.len();
            text = p.text;
            cur = recheck(&path, &rel, &text);
        }
        if text == original {
            rest.extend(file_rows);
            continue;
        }
        outcome.files += 1;
        if write {
            std::fs::write(&path, &text).with_context(|| format!("--fix: cannot write {path}"))?;
            rest.extend(cur);
        } else {
            use std::io::Write;
            let d = crate::cli::ask::unified_diff(std::path::Path::new(&rel), &original, &text);
            let _ = std::io::stdout().lock().write_all(d.as_bytes());
            rest.extend(file_rows);
        }
    }
    if write && outcome.fixes > 0 {
        say(&format!(
            "skill-lsp: fixed {} findings in {} files",
            outcome.fixes, outcome.files
        ));
    }
    rest.sort_by(|a, b| (&a.path, a.line, a.col, &a.tip).cmp(&(&b.path, b.line, b.col, &b.tip)));
    Ok((rest, outcome))
}
