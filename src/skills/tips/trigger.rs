//! Declared tip triggers: parsing and validating the `<!-- skill-lsp tip ... -->` comments of a
//! section (syntax in `docs/skill-format.md`, "Tip triggers").

use yaml_serde::Value;

use crate::skills::model::Severity;

mod item;
mod pattern;
pub use pattern::{
    GlobError, LazyGlobs, ascii_boundaries, glob_set, is_span_pattern, is_windowable, lazy_glob_set,
};

/// Where in the code a match must start for the tip to be raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Not in a comment or string (the default).
    Code,
    /// Anywhere.
    Any,
    Comment,
    String,
    /// Inside an `async def` / `async fn` / `async function` / async arrow body.
    Async,
    NotAsync,
    /// Not in a test file and not in a test function or module.
    NotTest,
}

impl Context {
    fn parse(s: &str) -> Option<Context> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "code" => Context::Code,
            "any" => Context::Any,
            "comment" => Context::Comment,
            "string" => Context::String,
            "async" => Context::Async,
            "not-async" | "sync" => Context::NotAsync,
            "not-test" => Context::NotTest,
            _ => return None,
        })
    }
}

/// One validated trigger.
#[derive(Debug)]
pub struct Declared {
    pub id: String,
    /// The pattern as written (checked to compile; see `regexes::validate`).
    pub pattern: String,
    /// Matched against the whole text (pattern has `(?m)`, `(?s)` or `\n`), else against each line.
    pub span: bool,
    pub message: String,
    pub severity: Severity,
    /// Regexes as written, checked to compile like `pattern`.
    pub not: Option<String>,
    pub unless: Option<String>,
    pub requires: Option<String>,
    /// `None`: the skill's languages.
    pub languages: Option<Vec<String>>,
    pub paths: Option<LazyGlobs>,
    /// `paths` (or `globs`) as written: where `skill-lsp test` places the tip's examples.
    pub path_globs: Vec<String>,
    pub exclude: Option<LazyGlobs>,
    /// All must hold. Contains `Code` unless the author said otherwise.
    pub context: Vec<Context>,
    pub diagnostic: bool,
    /// Inline examples that must raise the tip (`expect:`) and must not (`near:`), checked by
    /// `skill-lsp test` beside the section's bad and good code blocks.
    pub expect: Vec<String>,
    pub near: Vec<String>,
    /// 0-based line of the trigger in the skill file.
    pub line: u32,
    /// `tests:`: whether the tip applies in test files, test functions and test data folders.
    /// `None`: the default of the skill (not in tests for security skills).
    pub tests: Option<bool>,
    /// `equivalents:`: the same rule in other tools (`ruff:S113`, `eslint:no-console`), whose
    /// suppression comments and project configuration silence this tip too.
    pub equivalents: Vec<String>,
    /// `fix:`: replacement for the highlighted span (`$1`, `${name}` expand the pattern's groups).
    pub fix: Option<String>,
    /// A structural tip's ast-grep rule (`rule:` and friends). Its `pattern`, if any, is the
    /// regex used where the document cannot be parsed.
    pub structural: Option<crate::skills::tips::structural::Spec>,
    /// Precision on real code: `precision:` as the author wrote it, else from `measured:`.
    pub precision: Option<f64>,
    /// `measured: TP/N`: of N findings on an oracle-labelled real-code set, TP were right.
    pub measured: Option<(u32, u32)>,
    /// The diagnostic is off only because the precision is under the bar (no explicit
    /// `diagnostic:`): naming the tip with a severity in `tips.overrides` turns it back on.
    pub demoted: bool,
}

/// Precision on real code under which a tip answers hovers but raises no diagnostic.
pub const DIAGNOSTIC_PRECISION: f64 = 0.8;
/// Findings a `measured:` figure needs before it can demote a tip: fewer judge nothing.
pub const MEASURED_MIN_FINDINGS: u32 = 5;

/// A problem found while reading a trigger comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub line: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

const KEYS: &[&str] = &[
    "id",
    "pattern",
    "message",
    "severity",
    "not",
    "unless",
    "requires",
    "languages",
    "language",
    "paths",
    "globs",
    "exclude",
    "context",
    "diagnostic",
    "expect",
    "near",
    "precision",
    "measured",
    "rule",
    "constraints",
    "utils",
    "transform",
    "rewriters",
    "tests",
    "equivalents",
    "fix",
    "file-rule",
];

/// Tools whose rule ids a tip may name in `equivalents:` (see `docs/skill-format.md`).
pub const EQUIVALENT_TOOLS: &[&str] = &[
    "ruff",
    "flake8",
    "bandit",
    "pylint",
    "eslint",
    "biome",
    "shellcheck",
    "hadolint",
    "zizmor",
    "clippy",
    "gosec",
    "golangci",
    "semgrep",
];

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string or a list of strings; strings are split on commas (outside `{}`) for globs.
fn as_list(v: &Value, split: bool) -> Option<Vec<String>> {
    let items = match v {
        Value::Sequence(seq) => seq.iter().map(as_text).collect::<Option<Vec<_>>>()?,
        other => vec![as_text(other)?],
    };
    if !split {
        return Some(
            items
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        );
    }
    let mut out = Vec::new();
    for s in items {
        let mut depth = 0i32;
        let mut cur = String::new();
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if c == ',' && depth <= 0 {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        out.push(cur);
    }
    Some(
        out.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
}

/// triggers and the problems (with absolute lines in the skill file).
pub fn parse(line: u32, raw: &str) -> Option<(Vec<Declared>, Vec<Issue>)> {
    let trimmed = raw.trim_start();
    let rest = trimmed.strip_prefix("skill-lsp")?.trim_start();
    let rest = rest
        .strip_prefix("tips")
        .or_else(|| rest.strip_prefix("tip"))?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    // Lines of `raw` before the YAML starts (the marker line).
    let lead = (raw.len() - trimmed.len()) + (trimmed.len() - rest.len());
    let marker_line = raw[..lead].matches('\n').count() as u32;
    let mut lines = rest.split('\n');
    let first = lines.next().unwrap_or("").trim();
    let others: Vec<&str> = lines.collect();
    let indent = others
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut yaml = String::from(first);
    for l in &others {
        yaml.push('\n');
        yaml.push_str(l.get(indent..).unwrap_or_else(|| l.trim_start()));
    }
    let base = line + marker_line;
    let mut issues = Vec::new();
    let mut out = Vec::new();
    if let Err(e) = crate::skills::guard::check_yaml(&yaml, crate::skills::guard::YamlLimits::SMALL)
    {
        issues.push(Issue {
            line: base + e.line,
            severity: Severity::Error,
            code: "tip-yaml",
            message: format!("tip trigger not parsed: {}", e.message),
        });
        return Some((out, issues));
    }
    let value: Value = match yaml_serde::from_str(&yaml) {
        Ok(v) => v,
        Err(e) => {
            let l = e
                .location()
                .map_or(0, |loc| loc.line().saturating_sub(1) as u32);
            issues.push(Issue {
                line: base + l,
                severity: Severity::Error,
                code: "tip-yaml",
                message: format!("tip trigger is not valid YAML: {e}"),
            });
            return Some((out, issues));
        }
    };
    let items: Vec<&Value> = match &value {
        Value::Sequence(seq) => seq.iter().collect(),
        Value::Mapping(_) => vec![&value],
        _ => {
            issues.push(Issue {
                line: base,
                severity: Severity::Error,
                code: "tip-yaml",
                message:
                    "tip trigger must be a YAML mapping (id, pattern, message) or a list of them"
                        .into(),
            });
            return Some((out, issues));
        }
    };
    // Each list item's own lines, so a problem points at the item (and its key) that has it.
    let raw_lines: Vec<&str> = raw.split('\n').collect();
    let starts: Vec<usize> = if matches!(value, Value::Sequence(_)) {
        let dash = |l: &str| l.trim_start().starts_with("- ") || l.trim() == "-";
        let min = raw_lines
            .iter()
            .filter(|l| dash(l))
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        (0..raw_lines.len())
            .filter(|&i| {
                dash(raw_lines[i]) && raw_lines[i].len() - raw_lines[i].trim_start().len() == min
            })
            .collect()
    } else {
        vec![0]
    };
    for (n, item) in items.into_iter().enumerate() {
        let from = starts.get(n).copied().unwrap_or(0);
        let to = starts.get(n + 1).copied().unwrap_or(raw_lines.len());
        let part = raw_lines[from..to.max(from)].join("\n");
        if let Some(d) = item::one(item, line + from as u32, &part, &mut issues) {
            out.push(d);
        }
    }
    Some((out, issues))
}

#[cfg(test)]
mod tests;
