//! Each guidance format's own rules for its frontmatter, checked as problems on the file: keys
//! the format does not know (with a did-you-mean), values of the wrong type, the Agent Skills
//! specification's limits, combinations that make a rule never apply, `languages` ids no client
//! uses, bodies too long for an agent to load comfortably and links to files that do not exist.
//!
//! The key tables (in [`keys`]) are also what completion and hover on a guidance file offer.

use std::path::Path;

use serde_json::{Map, Value};

use super::model::{Severity, SourceFormat};
use super::suggest::did_you_mean;

mod keys;
use keys::OURS;
pub use keys::{KeyDoc, Kind, key_doc, keys_for, ours};

/// One problem found by validation: 0-based line, severity, code, message.
pub type Finding = (u32, Severity, &'static str, String);

/// The Agent Skills specification's limits (characters).
pub const AGENT_SKILL_NAME_MAX: usize = 64;
pub const AGENT_SKILL_DESCRIPTION_MAX: usize = 1024;
pub const AGENT_SKILL_COMPATIBILITY_MAX: usize = 500;

/// Body size (estimated tokens) over which agents no longer load a skill comfortably.
pub const BODY_TOKEN_LIMIT: u32 = 5_000;

/// Everything [`check`] needs about the file.
pub struct Input<'a> {
    pub format: SourceFormat,
    pub map: &'a Map<String, Value>,
    /// Was there a frontmatter block at all?
    pub present: bool,
    /// 0-based line of a key in the file.
    pub key_line: &'a dyn Fn(&str) -> u32,
    /// The folder the file sits in (for Agent Skills: the skill folder), when it is a real file.
    pub dir: Option<&'a Path>,
    pub body: &'a str,
    pub body_line: u32,
}

/// Check the frontmatter and body of one file against its format's rules.
pub fn check(input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    if input.present
        && let Some(keys) = keys_for(input.format)
    {
        check_keys(input, keys, &mut out);
    }
    if input.format == SourceFormat::AgentSkill {
        agent_skill_limits(input, &mut out);
    }
    never_applies(input, &mut out);
    languages(input, &mut out);
    body(input, &mut out);
    out
}

fn check_keys(input: &Input, keys: &[KeyDoc], out: &mut Vec<Finding>) {
    let all = || keys.iter().chain(OURS);
    for (key, value) in input.map {
        let line = (input.key_line)(key);
        let Some(doc) = all().find(|k| k.key == key) else {
            let format = input.format.as_str();
            match did_you_mean(key, all().map(|k| k.key)) {
                Some(s) => out.push((
                    line,
                    Severity::Warning,
                    "unknown-key",
                    format!("`{key}` is not a key of the {format} format; did you mean `{s}`?"),
                )),
                None => out.push((
                    line,
                    Severity::Hint,
                    "unknown-key",
                    format!("`{key}` is not a key of the {format} format; it is kept but not used"),
                )),
            }
            continue;
        };
        // The format's parser already reports these values, with what it does instead.
        let reported = matches!(
            (input.format, key.as_str()),
            (SourceFormat::Windsurf, "trigger")
                | (SourceFormat::Kiro, "inclusion")
                | (_, "activation")
        );
        if let Some(why) = wrong_type(doc.kind, value).filter(|_| !reported) {
            out.push((
                line,
                Severity::Warning,
                "wrong-type",
                format!("`{key}`: {why}"),
            ));
        }
    }
}

/// Why `value` does not fit `kind`, if it does not.
fn wrong_type(kind: Kind, value: &Value) -> Option<String> {
    let shown = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match kind {
        Kind::Any => None,
        Kind::Text => match value {
            Value::String(_) | Value::Null => None,
            Value::Number(_) | Value::Bool(_) => None,
            _ => Some("must be a string".into()),
        },
        Kind::Bool => match value {
            Value::Bool(_) | Value::Null => None,
            Value::String(s) if matches!(s.trim(), "true" | "false") => None,
            v => {
                let s = shown(v);
                let hint = did_you_mean(s.trim(), ["true", "false"])
                    .map(|b| format!(" (did you mean `{b}`?)"))
                    .unwrap_or_default();
                Some(format!(
                    "must be true or false, not `{s}`{hint}; the value is ignored"
                ))
            }
        },
        Kind::List => match value {
            Value::String(_) | Value::Null => None,
            Value::Array(a) if a.iter().all(|v| v.is_string()) => None,
            _ => Some("must be a string or a list of strings".into()),
        },
        Kind::Content => match value {
            Value::String(_) | Value::Null | Value::Object(_) => None,
            Value::Array(a) if a.iter().all(|v| v.is_string() || v.is_object()) => None,
            _ => {
                Some("must be a regex, or a list of regexes and signals (`- imports: [x]`)".into())
            }
        },
        Kind::StringMap => match value {
            Value::Object(m) if m.values().all(|v| v.is_string()) => None,
            Value::Null => None,
            _ => Some("must be a map of strings to strings".into()),
        },
        Kind::Enum(words) => {
            if value.is_array() || value.is_object() {
                return Some(format!(
                    "must be one value, one of {}",
                    words
                        .iter()
                        .map(|w| format!("`{w}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let s = shown(value);
            if value.is_null() || words.contains(&s.trim()) {
                return None;
            }
            let hint = did_you_mean(s.trim(), words.iter().copied())
                .map(|w| format!(" (did you mean `{w}`?)"))
                .unwrap_or_default();
            Some(format!(
                "`{s}` is not one of {}{hint}",
                words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }
    }
}

/// The Agent Skills specification's limits on `name`, `description` and `compatibility`.
fn agent_skill_limits(input: &Input, out: &mut Vec<Finding>) {
    let map = input.map;
    if let Some(Value::String(name)) = map.get("name") {
        let line = (input.key_line)("name");
        let len = name.chars().count();
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if len == 0 || len > AGENT_SKILL_NAME_MAX {
            out.push((
                line,
                Severity::Warning,
                "bad-name",
                format!("`name` must be 1-64 characters (it has {len})"),
            ));
        } else if !ok_chars || name.starts_with('-') || name.ends_with('-') || name.contains("--") {
            out.push((
                line,
                Severity::Warning,
                "bad-name",
                format!(
                    "`name: {name}` must be lowercase letters, digits and single hyphens, not starting or ending with a hyphen"
                ),
            ));
        }
    }
    match map.get("description") {
        None => out.push((
            0,
            Severity::Warning,
            "missing-description",
            "an Agent Skill needs a `description`: agents decide from it alone whether to load the skill".into(),
        )),
        Some(Value::String(d)) if d.trim().is_empty() => out.push((
            (input.key_line)("description"),
            Severity::Warning,
            "missing-description",
            "`description` is empty".into(),
        )),
        _ => {}
    }
    if let Some(Value::String(c)) = map.get("compatibility")
        && c.chars().count() > AGENT_SKILL_COMPATIBILITY_MAX
    {
        out.push((
            (input.key_line)("compatibility"),
            Severity::Warning,
            "long-compatibility",
            format!(
                "`compatibility` is {} characters; the specification allows 500",
                c.chars().count()
            ),
        ));
    }
}

/// Key combinations with which a rule is never applied, though its author surely meant it to be.
fn never_applies(input: &Input, out: &mut Vec<Finding>) {
    let map = input.map;
    let has = |k: &str| match map.get(k) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    };
    let is_false = |k: &str| {
        matches!(map.get(k), Some(Value::Bool(false)))
            || matches!(map.get(k), Some(Value::String(s)) if s.trim() == "false")
    };
    let (line_key, why) = match input.format {
        SourceFormat::CursorMdc
            if input.present
                && !matches!(map.get("alwaysApply"), Some(Value::Bool(true)))
                && !has("globs")
                && !has("description") =>
        {
            (
                "alwaysApply",
                "with `alwaysApply` not true, no `globs` and no `description`, Cursor only uses this rule when it is @-mentioned",
            )
        }
        // `trigger: glob` without globs, and Kiro `fileMatch` without a pattern, are the
        // parser's `no-conditions`.
        SourceFormat::Windsurf
            if map.get("trigger").and_then(Value::as_str) == Some("model_decision")
                && !has("description") =>
        {
            (
                "trigger",
                "`trigger: model_decision` without a `description`: the model has nothing to decide on",
            )
        }
        SourceFormat::Continue
            if is_false("alwaysApply") && !has("globs") && !has("regex") && !has("description") =>
        {
            (
                "alwaysApply",
                "`alwaysApply: false` with no `globs`, `regex` or `description`: Continue never includes the rule",
            )
        }
        _ => return,
    };
    out.push((
        (input.key_line)(line_key),
        Severity::Warning,
        "never-applies",
        why.into(),
    ));
}

/// `languages` entries no client sends as a language id.
fn languages(input: &Input, out: &mut Vec<Finding>) {
    let list: Vec<&str> = match input.map.get("languages") {
        Some(Value::String(s)) => s.split(',').map(str::trim).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return,
    };
    let known = super::languages::known_ids();
    for l in list {
        if l.is_empty() || known.contains(&l) {
            continue;
        }
        let hint = did_you_mean(l, known.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| {
                " (LSP ids look like `python`, `typescriptreact`, `shellscript`)".into()
            });
        out.push((
            (input.key_line)("languages"),
            Severity::Warning,
            "unknown-language",
            format!("`{l}` is not a language id editors send{hint}"),
        ));
    }
}

/// A body too long to load comfortably, and relative links to files that are not there.
fn body(input: &Input, out: &mut Vec<Finding>) {
    let tokens = super::tokens::estimate(input.body);
    if tokens > BODY_TOKEN_LIMIT {
        out.push((
            input.body_line,
            Severity::Information,
            "long-body",
            format!(
                "the body is about {tokens} tokens; agents load a skill whole, so over {BODY_TOKEN_LIMIT} consider moving detail into files beside it"
            ),
        ));
    }
    let Some(dir) = input.dir else { return };
    use pulldown_cmark::{Event, Parser, Tag};
    for (ev, range) in Parser::new(input.body).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = ev else {
            continue;
        };
        let target = dest_url.split('#').next().unwrap_or("");
        if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let target = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        // Absolute paths and links out of the skill's folder are not ours to check.
        if target.starts_with('/') || target.starts_with("..") {
            continue;
        }
        if !dir.join(target.as_ref()).exists() {
            let line = input.body_line + input.body[..range.start].matches('\n').count() as u32;
            out.push((
                line,
                Severity::Warning,
                "broken-link",
                format!("link to `{target}`: no such file beside the skill"),
            ));
        }
    }
}
