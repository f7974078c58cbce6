//! Narrowing the findings of `check`: `--select` / `--extend-select` / `--ignore` (tip ids, skill
//! names or prefixes, the most specific selector wins as in ruff), `--changed-since` (git diff
//! line ranges) and baselines (`--baseline` / `--write-baseline`, matched by tip, path and line
//! content so unrelated edits do not bring old findings back).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use serde_json::json;

use super::Row;
use crate::settings::TipSettings;

/// Does `sel` name this tip: its full id, its skill, or a prefix of the id?
fn names(sel: &str, tip: &str, skill: &str) -> bool {
    sel == tip || sel == skill || tip.starts_with(sel)
}

/// Longest selector of `list` naming the tip (its specificity), if any.
fn best(list: &[String], tip: &str, skill: &str) -> Option<usize> {
    list.iter()
        .filter(|s| names(s, tip, skill))
        .map(String::len)
        .max()
}

pub struct Selection<'a> {
    select: &'a [String],
    extend: &'a [String],
    ignore: &'a [String],
}

impl<'a> Selection<'a> {
    pub fn new(select: &'a [String], extend: &'a [String], ignore: &'a [String]) -> Self {
        Selection {
            select,
            extend,
            ignore,
        }
    }

    pub fn keeps(&self, tip: &str, skill: &str) -> bool {
        let chosen = if self.select.is_empty() {
            Some(0)
        } else {
            best(self.select, tip, skill)
        };
        let chosen = chosen.max(best(self.extend, tip, skill));
        match (chosen, best(self.ignore, tip, skill)) {
            (None, _) => false,
            (Some(_), None) => true,
            // `--ignore docker --select docker/latest-tag` keeps that one tip.
            (Some(c), Some(i)) => c > i,
        }
    }
}

/// Tips turned off in settings (`tips.overrides: {x: off}`) come back when selected by name.
pub fn reenable(tips: &mut TipSettings, select: &[String], extend: &[String]) {
    tips.overrides.retain(|k, v| {
        !(v.is_none()
            && select
                .iter()
                .chain(extend)
                .any(|s| k == s || k.starts_with(s.as_str())))
    });
}

/// Lines changed since a git ref: per path relative to the git root, 1-based inclusive ranges;
/// `None` for a whole file (untracked).
pub struct Changed {
    files: HashMap<String, Option<Vec<(u32, u32)>>>,
}

impl Changed {
    pub fn touches(&self, rel: &str, first: u32, last: u32) -> bool {
        match self.files.get(rel) {
            None => false,
            Some(None) => true,
            Some(Some(ranges)) => ranges.iter().any(|&(a, b)| first <= b && last >= a),
        }
    }
}

fn git(ws: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(ws)
        .args(args)
        .output()
        .context("--changed-since needs git")?;
    if !out.status.success() {
        anyhow::bail!(
            "--changed-since: git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn changed_lines(ws: &Path, reference: &str) -> anyhow::Result<Changed> {
    if reference.starts_with('-') {
        anyhow::bail!("--changed-since: `{reference}` is not a git ref");
    }
    // Check the ref first: a typo must be a clear error, not "no findings".
    git(
        ws,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{reference}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        anyhow::anyhow!(
            "--changed-since: `{reference}` is not a commit in {}",
            ws.display()
        )
    })?;
    let diff = git(
        ws,
        &[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            reference,
            "--",
        ],
    )?;
    let mut files: HashMap<String, Option<Vec<(u32, u32)>>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(p) = line.strip_prefix("+++ ") {
            current = p.strip_prefix("b/").map(str::to_string);
            if let Some(c) = &current {
                files.entry(c.clone()).or_insert_with(|| Some(Vec::new()));
            }
        } else if let Some(h) = line.strip_prefix("@@ ")
            && let Some(c) = &current
        {
            // `@@ -a,b +c,d @@`: new lines c..c+d-1 (d = 0: a pure deletion touches nothing).
            let plus = h
                .split_whitespace()
                .find(|w| w.starts_with('+'))
                .unwrap_or("+0");
            let mut it = plus[1..].split(',');
            let start: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            if count > 0
                && let Some(Some(v)) = files.get_mut(c)
            {
                v.push((start, start + count - 1));
            }
        }
    }
    for p in git(ws, &["ls-files", "--others", "--exclude-standard"])?.lines() {
        files.insert(p.to_string(), None);
    }
    Ok(Changed { files })
}

/// Findings recorded earlier, matched by tip, path and the trimmed text of their line.
pub struct Baseline {
    counts: HashMap<(String, String, String), usize>,
}

fn key(r: &Row) -> (String, String, String) {
    (
        r.tip.to_string(),
        r.rel.clone(),
        r.source_line.trim().to_string(),
    )
}

impl Baseline {
    pub fn read(path: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--baseline {}", path.display()))?;
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}: not a skill-lsp baseline: {e}",
                path.display(),
                e.line()
            )
        })?;
        let Some(items) = v.get("findings").and_then(|f| f.as_array()) else {
            anyhow::bail!(
                "{}:1: not a skill-lsp baseline: no `findings` list",
                path.display()
            );
        };
        let mut counts = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            let field = |k: &str| it.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let (Some(tip), Some(p), Some(content)) =
                (field("tip"), field("path"), field("content"))
            else {
                anyhow::bail!(
                    "{}: finding {} lacks tip, path or content",
                    path.display(),
                    i + 1
                );
            };
            *counts.entry((tip, p, content)).or_default() += 1;
        }
        Ok(Baseline { counts })
    }

    pub fn write(path: &Path, rows: &[Row]) -> anyhow::Result<()> {
        let findings: Vec<_> = rows
            .iter()
            .map(|r| {
                let (tip, p, content) = key(r);
                json!({ "tip": tip, "path": p, "content": content, "line": r.line })
            })
            .collect();
        let v = json!({ "version": 1, "tool": "skill-lsp", "findings": findings });
        std::fs::write(path, serde_json::to_string_pretty(&v)? + "\n")
            .with_context(|| format!("--write-baseline {}", path.display()))
    }

    /// The rows the baseline does not account for (each recorded finding hides one row).
    pub fn hide(mut self, rows: Vec<Row>) -> Vec<Row> {
        rows.into_iter()
            .filter(|r| match self.counts.get_mut(&key(r)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_specificity() {
        let s = |sel: &[&str], ext: &[&str], ign: &[&str], tip: &str| {
            let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            let (a, b, c) = (v(sel), v(ext), v(ign));
            Selection::new(&a, &b, &c).keeps(tip, tip.split('/').next().unwrap())
        };
        assert!(s(&[], &[], &[], "docker/latest-tag"));
        assert!(!s(&["python"], &[], &[], "docker/latest-tag"));
        assert!(s(&["python"], &["docker"], &[], "docker/latest-tag"));
        assert!(!s(&[], &[], &["docker"], "docker/latest-tag"));
        assert!(s(
            &["docker/latest-tag"],
            &[],
            &["docker"],
            "docker/latest-tag"
        ));
        assert!(!s(
            &["docker"],
            &[],
            &["docker/latest"],
            "docker/latest-tag"
        ));
        assert!(s(
            &["docker"],
            &[],
            &["docker/latest"],
            "docker/curl-pipe-shell"
        ));
    }
}
