//! One tip trigger item: reading and validating its fields into a [`Declared`]. Every problem
//! points at the line of the key that has it; an error drops the tip, a warning keeps it.

use yaml_serde::{Mapping, Value};

use super::{
    Context, DIAGNOSTIC_PRECISION, Declared, EQUIVALENT_TOOLS, Issue, KEYS, LazyGlobs,
    MEASURED_MIN_FINDINGS, as_list, as_text, is_span_pattern, lazy_glob_set,
};
use crate::skills::model::Severity;
use crate::skills::tips::structural::Spec;

/// An error issue was recorded and the tip is dropped.
struct Dropped;

/// `paths` (or `globs`) and `exclude`, compiled, and the first of `paths`/`globs` as written.
struct Paths {
    paths: Option<LazyGlobs>,
    written: Vec<String>,
    exclude: Option<LazyGlobs>,
}

/// The item's mapping, where its text starts, and the issues so far.
struct Item<'a> {
    map: &'a Mapping,
    line: u32,
    raw: &'a str,
    /// The trimmed `id`, once it is known to be valid (messages name it).
    id: String,
    issues: &'a mut Vec<Issue>,
}

impl Item<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    fn text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(as_text)
    }

    /// The absolute line of the first line of the item's text containing `needle`.
    fn at(&self, needle: &str) -> u32 {
        self.line + rel_line(self.raw, needle)
    }

    fn key_line(&self, key: &str) -> u32 {
        self.at(&format!("{key}:"))
    }

    fn push(&mut self, line: u32, severity: Severity, code: &'static str, message: String) {
        self.issues.push(Issue {
            line,
            severity,
            code,
            message,
        });
    }

    /// An error on `key`'s line, naming the tip.
    fn error(&mut self, key: &str, code: &'static str, what: &str) -> Dropped {
        let message = format!("tip `{}`: {what}", self.id);
        self.push(self.key_line(key), Severity::Error, code, message);
        Dropped
    }

    fn warn(&mut self, key: &str, code: &'static str, what: String) {
        let message = format!("tip `{}`: {what}", self.id);
        self.push(self.key_line(key), Severity::Warning, code, message);
    }

    fn unknown_keys(&mut self) {
        let keys: Vec<String> = self
            .map
            .keys()
            .map(|k| as_text(k).unwrap_or_default())
            .collect();
        for key in keys {
            if !KEYS.contains(&key.as_str()) {
                let message = format!("unknown tip trigger key `{key}` (ignored)");
                self.push(
                    self.key_line(&key),
                    Severity::Warning,
                    "tip-unknown-key",
                    message,
                );
            }
        }
    }

    /// `not`, `unless`, `requires`: an optional regex string.
    fn regex(&mut self, key: &str) -> Result<Option<String>, Dropped> {
        let v = match self.get(key) {
            None | Some(Value::Null) => return Ok(None),
            Some(v) => v,
        };
        let Some(p) = as_text(v) else {
            return Err(self.error(
                key,
                "tip-bad-regex",
                &format!("`{key}` must be a regex string"),
            ));
        };
        crate::skills::regexes::validate(&p)
            .map(|()| Some(p))
            .map_err(|e| {
                self.error(
                    key,
                    "tip-bad-regex",
                    &format!("`{key}` does not compile: {e}"),
                )
            })
    }

    /// `diagnostic`, `tests`: `None` when absent (or null).
    fn flag(&mut self, key: &str) -> Result<Option<bool>, Dropped> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.error(
                key,
                "tip-bad-field",
                &format!("`{key}` must be true or false"),
            )),
        }
    }

    /// `expect`, `near`: a code example or a list of them.
    fn examples(&mut self, key: &str) -> Result<Vec<String>, Dropped> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        as_list(v, false).ok_or_else(|| {
            let what = format!("`{key}` must be a code example or a list of them");
            self.error(key, "tip-bad-field", &what)
        })
    }

    fn severity(&mut self) -> Result<Severity, Dropped> {
        let Some(v) = self.get("severity") else {
            return Ok(Severity::Information);
        };
        as_text(v)
            .as_deref()
            .and_then(Severity::parse)
            .ok_or_else(|| {
                let what = "severity must be hint, information, warning or error";
                self.error("severity", "tip-bad-severity", what)
            })
    }

    fn globs(&mut self) -> Result<Paths, Dropped> {
        let mut sets: [Option<LazyGlobs>; 3] = [None, None, None];
        let mut written = Vec::new();
        for (slot, key) in sets.iter_mut().zip(["paths", "globs", "exclude"]) {
            let Some(v) = self.get(key) else { continue };
            let list = as_list(v, true).unwrap_or_default();
            if key != "exclude" && written.is_empty() {
                written = list.clone();
            }
            *slot = lazy_glob_set(&list)
                .map_err(|e| self.error(key, "tip-bad-glob", &e.to_string()))?;
        }
        let [paths, globs, exclude] = sets;
        Ok(Paths {
            paths: paths.or(globs),
            written,
            exclude,
        })
    }

    fn context(&mut self) -> Result<Vec<Context>, Dropped> {
        let mut context = Vec::new();
        if let Some(v) = self.get("context") {
            for c in as_list(v, false).unwrap_or_default() {
                let Some(c) = Context::parse(&c) else {
                    let what = format!(
                        "unknown context `{c}` (code, any, comment, string, async, not-async, not-test)"
                    );
                    return Err(self.error("context", "tip-bad-context", &what));
                };
                context.push(c);
            }
        }
        // `code` is the default position unless the author chose where the match may be.
        let placed = |c: &Context| {
            matches!(
                c,
                Context::Code | Context::Any | Context::Comment | Context::String
            )
        };
        if !context.iter().any(placed) {
            context.push(Context::Code);
        }
        Ok(context)
    }

    fn precision(&mut self) -> Result<Option<f64>, Dropped> {
        match self.get("precision") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.as_f64().is_some_and(|p| (0.0..=1.0).contains(&p)) => {
                Ok(n.as_f64())
            }
            Some(_) => Err(self.error(
                "precision",
                "tip-bad-field",
                "`precision` must be a number from 0 to 1",
            )),
        }
    }

    fn measured(&mut self) -> Result<Option<(u32, u32)>, Dropped> {
        let v = match self.get("measured") {
            None | Some(Value::Null) => return Ok(None),
            Some(v) => v,
        };
        match as_text(v).as_deref().and_then(parse_measured) {
            Some(m) => Ok(Some(m)),
            None => Err(self.error(
                "measured",
                "tip-bad-field",
                "`measured` must be `TP/N` (TP right of N findings, TP <= N, N > 0)",
            )),
        }
    }

    /// A hint on a rule led by `matches:` beside `all:` or `not:` with no `kind:` or `pattern:`:
    /// ast-grep tries `all` and `not` before `matches`, so they run on every node of the file.
    fn rule_order(&mut self) {
        let Some(Value::Mapping(rule)) = self.get("rule") else {
            return;
        };
        let has = |k: &str| rule.contains_key(k);
        if has("matches") && (has("all") || has("not")) && !has("kind") && !has("pattern") {
            let message = format!(
                "tip `{}`: ast-grep tries this rule's `all`/`not` before its `matches:`, on every node of the file; add the `kind:` it matches and put `matches:` first in an `all` (docs/skill-format.md, \"Shipped utils\")",
                self.id
            );
            self.push(
                self.key_line("rule"),
                Severity::Hint,
                "tip-slow-rule",
                message,
            );
        }
    }

    /// `tool:rule` entries with a known tool; others are warned about and ignored.
    fn equivalents(&mut self) -> Vec<String> {
        let listed = self
            .get("equivalents")
            .and_then(|v| as_list(v, false))
            .unwrap_or_default();
        let mut out = Vec::new();
        for e in listed {
            match e.split_once(':') {
                Some((tool, rule)) if EQUIVALENT_TOOLS.contains(&tool) && !rule.is_empty() => {
                    out.push(e)
                }
                _ => self.warn(
                    "equivalents",
                    "tip-bad-equivalent",
                    format!(
                        "equivalent `{e}` is not `tool:rule` with a known tool ({}); ignored",
                        EQUIVALENT_TOOLS.join(", ")
                    ),
                ),
            }
        }
        out
    }

    /// A regex tip's one-line `fix`. A structural tip's `fix` is ast-grep's, part of its rule.
    fn fix(&mut self, span: bool, structural: bool) -> Result<Option<String>, Dropped> {
        let v = match self.get("fix") {
            None | Some(Value::Null) => return Ok(None),
            Some(_) if structural => return Ok(None),
            Some(v) => v,
        };
        match as_text(v) {
            Some(f) if !span => Ok(Some(f)),
            Some(_) => {
                // A span fix could rewrite many lines at once: not the safe, local kind.
                let what = "`fix` is only supported for one-line patterns; ignored".to_string();
                self.warn("fix", "tip-bad-fix", what);
                Ok(None)
            }
            None => Err(self.error("fix", "tip-bad-fix", "`fix` must be a string")),
        }
    }
}

/// Read one list item whose text (for lines) is `raw`, starting at absolute line `line`.
pub(super) fn one(item: &Value, line: u32, raw: &str, issues: &mut Vec<Issue>) -> Option<Declared> {
    let Value::Mapping(map) = item else {
        issues.push(Issue {
            line,
            severity: Severity::Error,
            code: "tip-yaml",
            message: "each tip trigger must be a mapping with id, pattern and message".into(),
        });
        return None;
    };
    let mut item = Item {
        map,
        line,
        raw,
        id: String::new(),
        issues,
    };
    read(&mut item).ok()
}

fn read(it: &mut Item) -> Result<Declared, Dropped> {
    let id_text = it.text("id").unwrap_or_default();
    let item_line = if id_text.is_empty() {
        it.line
    } else {
        it.at(&format!("id: {id_text}")).max(it.at(&id_text))
    };
    it.unknown_keys();
    let structural = Spec::from_block(it.map);
    let required: &[&str] = if structural.is_some() {
        &["id", "message"]
    } else {
        &["id", "pattern", "message"]
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|k| it.text(k).is_none_or(|s| s.trim().is_empty()))
        .collect();
    if !missing.is_empty() {
        let message = format!("tip trigger is missing {}", missing.join(", "));
        it.push(item_line, Severity::Error, "tip-missing-field", message);
        return Err(Dropped);
    }
    let id = id_text.trim().to_string();
    if !valid_id(&id) {
        let message = format!("tip id `{id}` must match [a-z0-9][a-z0-9-]*");
        it.push(item_line, Severity::Error, "tip-bad-id", message);
        return Err(Dropped);
    }
    it.id = id.clone();
    if let Some(spec) = &structural
        && let Err(e) = spec.check()
    {
        let what = format!("rule is not a valid ast-grep rule: {e}");
        return Err(it.error("rule", "tip-bad-rule", &what));
    }
    if structural.is_some() {
        it.rule_order();
    }
    // Empty for a structural tip without a fallback regex (see `Declared::structural`).
    let pattern = it.text("pattern").unwrap_or_default();
    crate::skills::regexes::validate(&pattern).map_err(|e| {
        it.error(
            "pattern",
            "tip-bad-regex",
            &format!("pattern does not compile: {e}"),
        )
    })?;
    let not = it.regex("not")?;
    let unless = it.regex("unless")?;
    let requires = it.regex("requires")?;
    let message = it
        .text("message")
        .unwrap_or_default()
        .trim()
        .replace('\n', " ");
    let severity = it.severity()?;
    let languages = it
        .get("languages")
        .or_else(|| it.get("language"))
        .and_then(|v| as_list(v, false));
    let Paths {
        paths,
        written: path_globs,
        exclude,
    } = it.globs()?;
    let context = it.context()?;
    let diagnostic = it.flag("diagnostic")?;
    let expect = it.examples("expect")?;
    let near = it.examples("near")?;
    let tests = it.flag("tests")?;
    let precision = it.precision()?;
    let measured = it.measured()?;
    // A written precision is the author's word; a measured one counts only with enough findings.
    let judged = precision.or_else(|| {
        measured
            .filter(|(_, n)| *n >= MEASURED_MIN_FINDINGS)
            .map(|(tp, n)| f64::from(tp) / f64::from(n))
    });
    let precision = precision.or_else(|| measured.map(|(tp, n)| f64::from(tp) / f64::from(n)));
    // Measured below the bar: hover only, unless the author says `diagnostic: true` outright.
    let demoted = diagnostic.is_none() && judged.is_some_and(|p| p < DIAGNOSTIC_PRECISION);
    let diagnostic = diagnostic.unwrap_or(true) && !demoted;
    let equivalents = it.equivalents();
    let span = is_span_pattern(&pattern);
    let fix = it.fix(span, structural.is_some())?;
    Ok(Declared {
        span,
        structural,
        precision,
        measured,
        demoted,
        id,
        pattern,
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

/// `TP/N` with `TP <= N` and `N > 0`.
fn parse_measured(s: &str) -> Option<(u32, u32)> {
    let (tp, n) = s.split_once('/')?;
    let (tp, n) = (tp.trim().parse().ok()?, n.trim().parse().ok()?);
    (n > 0 && tp <= n).then_some((tp, n))
}
