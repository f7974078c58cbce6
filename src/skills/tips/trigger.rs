//! Declared tip triggers: parsing and validating the `<!-- skill-lsp tip ... -->` comments of a
//! section (syntax in `docs/skill-format.md`, "Tip triggers").

use globset::GlobSet;
use regex::Regex;
use yaml_serde::Value;

use crate::skills::model::Severity;

mod pattern;
pub use pattern::{GlobError, ascii_boundaries, glob_set, is_span_pattern, is_windowable};

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
    /// The pattern as written.
    pub pattern: String,
    /// Matched against the whole text (pattern has `(?m)`, `(?s)` or `\n`), else against each line.
    pub span: bool,
    pub re: Regex,
    pub message: String,
    pub severity: Severity,
    pub not: Option<Regex>,
    pub unless: Option<Regex>,
    pub requires: Option<Regex>,
    /// `None`: the skill's languages.
    pub languages: Option<Vec<String>>,
    pub paths: Option<GlobSet>,
    /// `paths` (or `globs`) as written: where `skill-lsp test` places the tip's examples.
    pub path_globs: Vec<String>,
    pub exclude: Option<GlobSet>,
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

fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// The 0-based line (relative to the comment start) of the first line containing `needle`.
fn rel_line(raw: &str, needle: &str) -> u32 {
    if needle.is_empty() {
        return 0;
    }
    raw.lines().position(|l| l.contains(needle)).unwrap_or(0) as u32
}

/// Parse one HTML comment of a section. `None` when it is not a tip comment; otherwise the valid
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
        if let Some(d) = one(item, line + from as u32, &part, &mut issues) {
            out.push(d);
        }
    }
    Some((out, issues))
}

fn one(item: &Value, line: u32, raw: &str, issues: &mut Vec<Issue>) -> Option<Declared> {
    let Value::Mapping(map) = item else {
        issues.push(Issue {
            line,
            severity: Severity::Error,
            code: "tip-yaml",
            message: "each tip trigger must be a mapping with id, pattern and message".into(),
        });
        return None;
    };
    let get = |k: &str| map.get(k);
    let id_text = get("id").and_then(as_text).unwrap_or_default();
    let at = |needle: &str| line + rel_line(raw, needle);
    let item_line = if id_text.is_empty() {
        line
    } else {
        at(&format!("id: {id_text}")).max(at(&id_text))
    };
    macro_rules! err {
        ($l:expr, $code:expr, $msg:expr) => {
            issues.push(Issue {
                line: $l,
                severity: Severity::Error,
                code: $code,
                message: $msg,
            })
        };
    }
    for k in map.keys() {
        let key = as_text(k).unwrap_or_default();
        if !KEYS.contains(&key.as_str()) {
            let l = at(&format!("{key}:"));
            issues.push(Issue {
                line: l,
                severity: Severity::Warning,
                code: "tip-unknown-key",
                message: format!("unknown tip trigger key `{key}` (ignored)"),
            });
        }
    }
    let structural = match &item {
        Value::Mapping(m) => crate::skills::tips::structural::Spec::from_block(m),
        _ => None,
    };
    let mut missing = Vec::new();
    let required: &[&str] = if structural.is_some() {
        &["id", "message"]
    } else {
        &["id", "pattern", "message"]
    };
    for &k in required {
        if get(k).and_then(as_text).is_none_or(|s| s.trim().is_empty()) {
            missing.push(k);
        }
    }
    if !missing.is_empty() {
        err!(
            item_line,
            "tip-missing-field",
            format!("tip trigger is missing {}", missing.join(", "))
        );
        return None;
    }
    let id = id_text.trim().to_string();
    if !valid_id(&id) {
        err!(
            item_line,
            "tip-bad-id",
            format!("tip id `{id}` must match [a-z0-9][a-z0-9-]*")
        );
        return None;
    }
    if let Some(spec) = &structural
        && let Err(e) = spec.check()
    {
        err!(
            at("rule:"),
            "tip-bad-rule",
            format!("tip `{id}`: rule is not a valid ast-grep rule: {e}")
        );
        return None;
    }
    // Empty for a structural tip without a fallback regex (see `Declared::structural`).
    let pattern = get("pattern").and_then(as_text).unwrap_or_default();
    let re = match Regex::new(&pattern) {
        Ok(re) => re,
        Err(e) => {
            err!(
                at("pattern:"),
                "tip-bad-regex",
                format!("tip `{id}`: pattern does not compile: {e}")
            );
            return None;
        }
    };
    let mut regexes: [Option<Regex>; 3] = [None, None, None];
    for (slot, key) in regexes.iter_mut().zip(["not", "unless", "requires"]) {
        match get(key) {
            None | Some(Value::Null) => {}
            Some(v) => {
                let Some(p) = as_text(v) else {
                    err!(
                        at(&format!("{key}:")),
                        "tip-bad-regex",
                        format!("tip `{id}`: `{key}` must be a regex string")
                    );
                    return None;
                };
                match Regex::new(&p) {
                    Ok(re) => *slot = Some(re),
                    Err(e) => {
                        err!(
                            at(&format!("{key}:")),
                            "tip-bad-regex",
                            format!("tip `{id}`: `{key}` does not compile: {e}")
                        );
                        return None;
                    }
                }
            }
        }
    }
    let [not, unless, requires] = regexes;
    let message = get("message")
        .and_then(as_text)
        .unwrap_or_default()
        .trim()
        .replace('\n', " ");
    let severity = match get("severity").map(as_text) {
        None => Severity::Information,
        Some(s) => match s.as_deref().and_then(Severity::parse) {
            Some(s) => s,
            None => {
                err!(
                    at("severity:"),
                    "tip-bad-severity",
                    format!("tip `{id}`: severity must be hint, information, warning or error")
                );
                return None;
            }
        },
    };
    let languages = get("languages")
        .or_else(|| get("language"))
        .and_then(|v| as_list(v, false));
    let mut sets: [Option<GlobSet>; 3] = [None, None, None];
    let mut path_globs = Vec::new();
    for (slot, key) in sets.iter_mut().zip(["paths", "globs", "exclude"]) {
        let Some(v) = get(key) else { continue };
        let list = as_list(v, true).unwrap_or_default();
        if key != "exclude" && path_globs.is_empty() {
            path_globs = list.clone();
        }
        match glob_set(&list) {
            Ok(g) => *slot = g,
            Err(e) => {
                err!(
                    at(&format!("{key}:")),
                    "tip-bad-glob",
                    format!("tip `{id}`: {e}")
                );
                return None;
            }
        }
    }
    let [paths, globs, exclude] = sets;
    let paths = paths.or(globs);
    let mut context = Vec::new();
    if let Some(v) = get("context") {
        for c in as_list(v, false).unwrap_or_default() {
            match Context::parse(&c) {
                Some(c) => context.push(c),
                None => {
                    err!(
                        at("context:"),
                        "tip-bad-context",
                        format!(
                            "tip `{id}`: unknown context `{c}` (code, any, comment, string, async, not-async, not-test)"
                        )
                    );
                    return None;
                }
            }
        }
    }
    // `code` is the default position unless the author chose where the match may be.
    if !context.iter().any(|c| {
        matches!(
            c,
            Context::Code | Context::Any | Context::Comment | Context::String
        )
    }) {
        context.push(Context::Code);
    }
    let diagnostic = match get("diagnostic") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            err!(
                at("diagnostic:"),
                "tip-bad-field",
                format!("tip `{id}`: `diagnostic` must be true or false")
            );
            return None;
        }
    };
    let mut examples: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    for (slot, key) in examples.iter_mut().zip(["expect", "near"]) {
        let Some(v) = get(key) else { continue };
        match as_list(v, false) {
            Some(list) => *slot = list,
            None => {
                err!(
                    at(&format!("{key}:")),
                    "tip-bad-field",
                    format!("tip `{id}`: `{key}` must be a code example or a list of them")
                );
                return None;
            }
        }
    }
    let [expect, near] = examples;
    let tests = match get("tests") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            err!(
                at("tests:"),
                "tip-bad-field",
                format!("tip `{id}`: `tests` must be true or false")
            );
            return None;
        }
    };
    let precision = match get("precision") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_f64().is_some_and(|p| (0.0..=1.0).contains(&p)) => {
            n.as_f64()
        }
        Some(_) => {
            err!(
                at("precision:"),
                "tip-bad-field",
                format!("tip `{id}`: `precision` must be a number from 0 to 1")
            );
            return None;
        }
    };
    let measured = match get("measured") {
        None | Some(Value::Null) => None,
        Some(v) => match as_text(v).as_deref().and_then(parse_measured) {
            Some(m) => Some(m),
            None => {
                err!(
                    at("measured:"),
                    "tip-bad-field",
                    format!(
                        "tip `{id}`: `measured` must be `TP/N` (TP right of N findings, TP <= N, N > 0)"
                    )
                );
                return None;
            }
        },
    };
    // A written precision is the author's word; a measured one counts only with enough findings.
    let judged = precision.or_else(|| {
        measured
            .filter(|(_, n)| *n >= MEASURED_MIN_FINDINGS)
            .map(|(tp, n)| f64::from(tp) / f64::from(n))
    });
    let precision = precision.or_else(|| measured.map(|(tp, n)| f64::from(tp) / f64::from(n)));
    // Measured below the bar: hover only, unless the author says `diagnostic: true` outright.
    let demoted = get("diagnostic").is_none() && judged.is_some_and(|p| p < DIAGNOSTIC_PRECISION);
    let diagnostic = diagnostic && !demoted;
    let mut equivalents = Vec::new();
    for e in get("equivalents")
        .and_then(|v| as_list(v, false))
        .unwrap_or_default()
    {
        match e.split_once(':') {
            Some((tool, rule)) if EQUIVALENT_TOOLS.contains(&tool) && !rule.is_empty() => {
                equivalents.push(e)
            }
            _ => issues.push(Issue {
                line: at("equivalents:"),
                severity: Severity::Warning,
                code: "tip-bad-equivalent",
                message: format!(
                    "tip `{id}`: equivalent `{e}` is not `tool:rule` with a known tool ({}); ignored",
                    EQUIVALENT_TOOLS.join(", ")
                ),
            }),
        }
    }
    let span = is_span_pattern(&pattern);
    let fix = match get("fix") {
        None | Some(Value::Null) => None,
        // A structural tip's `fix` is ast-grep's, part of its rule.
        Some(_) if structural.is_some() => None,
        Some(v) => match as_text(v) {
            Some(f) if !span => Some(f),
            Some(_) => {
                // A span fix could rewrite many lines at once: not the safe, local kind.
                issues.push(Issue {
                    line: at("fix:"),
                    severity: Severity::Warning,
                    code: "tip-bad-fix",
                    message: format!(
                        "tip `{id}`: `fix` is only supported for one-line patterns; ignored"
                    ),
                });
                None
            }
            None => {
                err!(
                    at("fix:"),
                    "tip-bad-fix",
                    format!("tip `{id}`: `fix` must be a string")
                );
                return None;
            }
        },
    };
    Some(Declared {
        span,
        structural,
        precision,
        measured,
        demoted,
        id,
        pattern,
        re,
        message,
        severity,
        not,
        unless,
        requires,
        languages,
        paths,
        path_globs,
        exclude,
        context,
        diagnostic,
        expect,
        near,
        line: item_line,
        tests,
        equivalents,
        fix,
    })
}

/// `TP/N` with `TP <= N` and `N > 0`.
fn parse_measured(s: &str) -> Option<(u32, u32)> {
    let (tp, n) = s.split_once('/')?;
    let (tp, n) = (tp.trim().parse().ok()?, n.trim().parse().ok()?);
    (n > 0 && tp <= n).then_some((tp, n))
}

#[cfg(test)]
mod tests;
